"""Entities in the store: the corpus-wide entity table, aliases and per-article mentions.

Owned by the entities stage (see :mod:`storyline.entities`). Counts and first/last seen are not
accumulated by hand: they are recomputed from the ``mentions`` table and the articles' dates
(:meth:`EntitiesMixin.refresh_entity_stats`), so re-running a batch never double-counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, func, insert, or_, select, update

from storyline.model import Entity, Mention, Span
from storyline.store.schema import articles, entities, entity_aliases, mentions

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy import Connection


@dataclass(slots=True)
class EntityArticle:
    """One article that mentions an entity, for ``storyline entity NAME``."""

    article_id: str
    title: str
    outlet: str | None
    published: dt.datetime | None
    mentions: int


def _row_entity(row: Any) -> Entity:
    m = row._mapping
    return Entity(
        id=m["id"],
        canonical=m["canonical"],
        type=m["type"],
        aliases=list(m["aliases"] or []),
        names=dict(m["names"] or {}),
        count=m["count"],
        first_seen=m["first_seen"],
        last_seen=m["last_seen"],
    )


class EntitiesMixin:
    """Repository of entities and mentions; mixed into :class:`storyline.store.Store`."""

    # ------------------------------------------------------------------------------------- writing
    def save_mentions(self, article_id: str, items: Iterable[Mention], conn: Connection | None = None) -> int:
        """Replace an article's mentions (idempotent per article)."""
        if conn is None:
            with self.transaction() as own:  # type: ignore[attr-defined]
                return self.save_mentions(article_id, items, own)
        conn.execute(delete(mentions).where(mentions.c.article_id == article_id))
        rows = [
            {
                "article_id": article_id,
                "start": m.span.start,
                "end": m.span.end,
                "text": m.text,
                "type": m.type,
                "canonical": m.canonical,
                "entity_id": m.entity_id,
            }
            for m in items
        ]
        if rows:
            conn.execute(insert(mentions), rows)
        return len(rows)

    def upsert_entities(self, items: Iterable[Entity], conn: Connection | None = None) -> int:
        """Insert or merge entities: aliases and per-language names are unioned with what is stored.

        Set-wise, a few statements per batch rather than four per entity: a batch of 200 articles
        touches about a thousand entities, and per-row round trips were most of what linking cost.
        """
        if conn is None:
            with self.transaction() as own:  # type: ignore[attr-defined]
                return self.upsert_entities(items, own)
        items = list(items)
        stored = {
            r.id: _row_entity(r)
            for chunk in _chunks([e.id for e in items])
            for r in conn.execute(select(entities).where(entities.c.id.in_(chunk)))
        }
        new_rows, changed = [], []
        for e in items:
            old = stored.get(e.id)
            if old is None:
                new_rows.append(
                    {
                        "id": e.id,
                        "canonical": e.canonical,
                        "type": e.type,
                        "aliases": sorted(set(e.aliases)),
                        "names": e.names,
                        "count": e.count,
                        "first_seen": e.first_seen,
                        "last_seen": e.last_seen,
                    }
                )
                stored[e.id] = e
                continue
            names = {**e.names, **old.names} if old.names else e.names
            aliases = sorted(set(old.aliases) | set(e.aliases))
            canonical = old.canonical or e.canonical
            if (names, aliases, canonical) != (old.names, sorted(old.aliases), old.canonical):
                changed.append({"eid": e.id, "aliases": aliases, "names": names, "canonical": canonical})
            old.names, old.aliases, old.canonical = names, aliases, canonical
        if new_rows:
            conn.execute(insert(entities), new_rows)
        if changed:
            conn.execute(
                update(entities)
                .where(entities.c.id == bindparam("eid"))
                .values(
                    aliases=bindparam("aliases"), names=bindparam("names"), canonical=bindparam("canonical")
                ),
                changed,
            )
        self._save_aliases(conn, {e.id: [e.canonical, *e.aliases] for e in items})
        return len(items)

    def _save_aliases(self, conn: Connection, names_by_entity: dict[str, Iterable[str]]) -> None:
        """Add the normalised aliases each entity lacks (one read and one insert for the batch)."""
        from storyline.entities.linking import norm_alias

        have: set[tuple[str, str]] = {
            (r.entity_id, r.alias)
            for chunk in _chunks(list(names_by_entity))
            for r in conn.execute(
                select(entity_aliases.c.entity_id, entity_aliases.c.alias).where(
                    entity_aliases.c.entity_id.in_(chunk)
                )
            )
        }
        new = [
            {"alias": alias, "entity_id": eid}
            for eid, names in names_by_entity.items()
            for alias in sorted({norm_alias(a) for a in names if a.strip()})
            if (eid, alias) not in have
        ]
        if new:
            conn.execute(insert(entity_aliases), new)

    def merge_entities(self, mapping: dict[str, str], conn: Connection | None = None) -> None:
        """Re-point stored mentions and aliases of ``old`` ids to ``new`` ids, then drop the old rows."""
        if conn is None:
            with self.transaction() as own:  # type: ignore[attr-defined]
                return self.merge_entities(mapping, own)
        for old, new in mapping.items():
            if old == new:
                continue
            conn.execute(update(mentions).where(mentions.c.entity_id == old).values(entity_id=new))
            aliases = [
                r.alias
                for r in conn.execute(select(entity_aliases.c.alias).where(entity_aliases.c.entity_id == old))
            ]
            conn.execute(delete(entity_aliases).where(entity_aliases.c.entity_id == old))
            conn.execute(delete(entities).where(entities.c.id == old))
            self._save_aliases(conn, {new: aliases})
        return None

    def refresh_entity_stats(self, ids: Iterable[str], conn: Connection | None = None) -> None:
        """Recompute count (name mentions) and first/last seen (article dates) from the mentions table."""
        if conn is None:
            with self.transaction() as own:  # type: ignore[attr-defined]
                return self.refresh_entity_stats(ids, own)
        wanted = sorted(set(ids))
        found: dict[str, tuple[int, Any, Any]] = {}
        for chunk in _chunks(wanted):
            rows = conn.execute(
                select(
                    mentions.c.entity_id,
                    func.count(mentions.c.id),
                    func.min(articles.c.published_at),
                    func.max(articles.c.published_at),
                )
                .select_from(mentions.join(articles, articles.c.id == mentions.c.article_id))
                .where(mentions.c.entity_id.in_(chunk))
                .group_by(mentions.c.entity_id)
            )
            found.update({r[0]: (int(r[1] or 0), r[2], r[3]) for r in rows})
        if wanted:
            conn.execute(
                update(entities)
                .where(entities.c.id == bindparam("eid"))
                .values(count=bindparam("n"), first_seen=bindparam("first"), last_seen=bindparam("last")),
                [
                    {"eid": eid, "n": n, "first": first, "last": last}
                    for eid in wanted
                    for n, first, last in [found.get(eid, (0, None, None))]
                ],
            )
        return None

    # ------------------------------------------------------------------------------------- reading
    def get_entity(self, entity_id: str) -> Entity | None:
        with self.reading() as conn:  # type: ignore[attr-defined]
            row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
        return _row_entity(row) if row is not None else None

    def get_entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        ids = list(set(ids))
        if not ids:
            return {}
        with self.reading() as conn:  # type: ignore[attr-defined]
            rows = conn.execute(select(entities).where(entities.c.id.in_(ids))).all()
        return {r.id: _row_entity(r) for r in rows}

    def find_entity(self, name: str) -> Entity | None:
        """By id, else by alias (any inflection is first put in canonical form by the caller), else by
        canonical prefix; the most mentioned wins."""
        from storyline.entities.linking import norm_alias

        found = self.get_entity(name)
        if found is not None:
            return found
        with self.reading() as conn:  # type: ignore[attr-defined]
            row = conn.execute(
                select(entities)
                .join(entity_aliases, entity_aliases.c.entity_id == entities.c.id)
                .where(entity_aliases.c.alias == norm_alias(name))
                .order_by(entities.c.count.desc())
                .limit(1)
            ).first()
            if row is None:
                row = conn.execute(
                    select(entities)
                    .where(func.lower(entities.c.canonical).like(name.lower() + "%"))
                    .order_by(entities.c.count.desc())
                    .limit(1)
                ).first()
        return _row_entity(row) if row is not None else None

    def list_entities(
        self, *, kind: str | None = None, query: str | None = None, limit: int = 50, min_count: int = 1
    ) -> list[Entity]:
        """Entities by mention count, most mentioned first."""
        stmt = select(entities).where(entities.c.count >= min_count)
        if kind:
            stmt = stmt.where(entities.c.type == kind.upper())
        if query:
            like = f"%{query.lower()}%"
            sub = select(entity_aliases.c.entity_id).where(entity_aliases.c.alias.like(like))
            stmt = stmt.where(or_(func.lower(entities.c.canonical).like(like), entities.c.id.in_(sub)))
        stmt = stmt.order_by(entities.c.count.desc(), entities.c.canonical).limit(limit)
        with self.reading() as conn:  # type: ignore[attr-defined]
            return [_row_entity(r) for r in conn.execute(stmt)]

    def alias_index(self, kinds: Iterable[str] | None = None) -> dict[str, list[tuple[str, str, int]]]:
        """Normalised alias -> [(entity id, type, count)]: what corpus linking matches new names against."""
        stmt = select(entity_aliases.c.alias, entities.c.id, entities.c.type, entities.c.count).join(
            entities, entities.c.id == entity_aliases.c.entity_id
        )
        if kinds is not None:
            stmt = stmt.where(entities.c.type.in_(list(kinds)))
        out: dict[str, list[tuple[str, str, int]]] = {}
        with self.reading() as conn:  # type: ignore[attr-defined]
            for r in conn.execute(stmt):
                out.setdefault(r.alias, []).append((r.id, r.type, r.count))
        return out

    def entity_articles(self, entity_id: str, limit: int = 50) -> list[EntityArticle]:
        """Articles mentioning the entity, newest first, with the number of mentions in each."""
        n = func.count(mentions.c.id).label("n")
        stmt = (
            select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published_at, n)
            .select_from(mentions.join(articles, articles.c.id == mentions.c.article_id))
            .where(mentions.c.entity_id == entity_id)
            .group_by(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published_at)
            .order_by(articles.c.published_at.is_(None), articles.c.published_at.desc(), articles.c.id)
            .limit(limit)
        )
        with self.reading() as conn:  # type: ignore[attr-defined]
            return [
                EntityArticle(r.id, r.title, r.outlet, r.published_at, int(r.n)) for r in conn.execute(stmt)
            ]

    def article_mentions(self, article_id: str) -> list[Mention]:
        stmt = select(mentions).where(mentions.c.article_id == article_id).order_by(mentions.c.start)
        with self.reading() as conn:  # type: ignore[attr-defined]
            return [
                Mention(r.text, Span(r.start, r.end), r.type, r.canonical, r.entity_id)
                for r in conn.execute(stmt)
            ]


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    """``IN`` lists of at most ``size`` ids (SQLite's bound-parameter limit, and sane plans on servers)."""
    for first in range(0, len(ids), size):
        yield ids[first : first + size]

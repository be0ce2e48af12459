"""Reading events and storylines for the views, straight from the store's tables.

The views read the ``events``/``event_members``/``storylines`` tables (the schema is the contract) so
they work with any writer of those tables — the clustering stage, a test, an import — without
depending on repository methods that may grow differently. Ids may be given as unique prefixes, as the
CLI prints short ids.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from storyline.model import Article, Event, Membership, Storyline, from_dict
from storyline.store.schema import event_members, events, storylines

if TYPE_CHECKING:
    from storyline.store import Store

# A prefix shorter than this is too likely to be ambiguous to be what the user meant.
MIN_PREFIX = 4


def _by_id_or_prefix(store: Store, table: Any, ident: str) -> Any:
    with store.reading() as conn:
        row = conn.execute(select(table).where(table.c.id == ident)).first()
        if row is None and len(ident) >= MIN_PREFIX:
            rows = conn.execute(select(table).where(table.c.id.like(ident + "%")).limit(2)).all()
            row = rows[0] if len(rows) == 1 else None
    return row


def _members(store: Store, event_ids: list[str]) -> dict[str, list[Membership]]:
    out: dict[str, list[Membership]] = defaultdict(list)
    if not event_ids:
        return out
    with store.reading() as conn:
        rows = conn.execute(
            select(event_members)
            .where(event_members.c.event_id.in_(event_ids))
            .order_by(event_members.c.joined_at)
        ).all()
    for row in rows:
        out[row.event_id].append(
            Membership(article_id=row.article_id, score=row.score, reason=row.reason or {})
        )
    return out


def _event_from_row(row: Any, members: list[Membership]) -> Event:
    data = dict(row.data or {})
    data.update(
        id=row.id,
        title=row.title,
        storyline_id=row.storyline_id,
        score=row.score,
        first_published=row.first_published,
        last_published=row.last_published,
    )
    event = from_dict(Event, data)
    if members:  # the member table is the truth; ``data`` may hold a copy or nothing
        stored = {m.article_id: m for m in event.members}
        event.members = [stored.get(m.article_id, m) for m in members]
    return event


def get_event(store: Store, event_id: str) -> Event | None:
    row = _by_id_or_prefix(store, events, event_id)
    if row is None:
        return None
    return _event_from_row(row, _members(store, [row.id])[row.id])


def list_events(store: Store, storyline_id: str | None = None, limit: int | None = None) -> list[Event]:
    """Events, best score first (or in time order within one storyline)."""
    stmt = select(events)
    if storyline_id is not None:
        stmt = stmt.where(events.c.storyline_id == storyline_id).order_by(
            events.c.first_published.is_(None), events.c.first_published, events.c.id
        )
    else:
        stmt = stmt.order_by(events.c.score.desc(), events.c.id)
    if limit:
        stmt = stmt.limit(limit)
    with store.reading() as conn:
        rows = conn.execute(stmt).all()
    members = _members(store, [r.id for r in rows])
    return [_event_from_row(r, members[r.id]) for r in rows]


def _storyline_from_row(row: Any) -> Storyline:
    data = dict(row.data or {})
    data.update(
        id=row.id,
        title=row.title,
        score=row.score,
        first_published=row.first_published,
        last_published=row.last_published,
    )
    return from_dict(Storyline, data)


def get_storyline(store: Store, storyline_id: str) -> Storyline | None:
    row = _by_id_or_prefix(store, storylines, storyline_id)
    if row is None:
        return None
    storyline = _storyline_from_row(row)
    if not storyline.event_ids:
        storyline.event_ids = [e.id for e in list_events(store, storyline.id)]
    return storyline


def list_storylines(store: Store, limit: int | None = None) -> list[Storyline]:
    stmt = select(storylines).order_by(storylines.c.score.desc(), storylines.c.id)
    if limit:
        stmt = stmt.limit(limit)
    with store.reading() as conn:
        rows = conn.execute(stmt).all()
    return [_storyline_from_row(r) for r in rows]


def storyline_events(store: Store, storyline: Storyline) -> list[Event]:
    """The storyline's events in time order (by the ids it lists, else by ``storyline_id``)."""
    found = {e.id: e for e in list_events(store, storyline.id)}
    for event_id in storyline.event_ids:
        if event_id not in found and (event := get_event(store, event_id)) is not None:
            found[event_id] = event
    return sorted(found.values(), key=lambda e: (e.first_published is None, e.first_published or 0, e.id))


def event_articles(store: Store, event: Event) -> list[Article]:
    """The event's member articles with their analyses, oldest first."""
    ids = [m.article_id for m in event.members]
    return list(store.iter_articles(ids=ids, with_analysis=True)) if ids else []


def event_of_articles(store: Store, article_ids: list[str]) -> dict[str, tuple[str, str]]:
    """article id -> (event id, event title) for the articles that belong to an event."""
    if not article_ids:
        return {}
    stmt = (
        select(event_members.c.article_id, events.c.id, events.c.title)
        .join(events, events.c.id == event_members.c.event_id)
        .where(event_members.c.article_id.in_(article_ids))
    )
    with store.reading() as conn:
        return {r.article_id: (r.id, r.title) for r in conn.execute(stmt)}

"""Events, storylines and version groups in the store.

Owned by the clustering stage (issue: Events and storylines); see storyline.cluster.

A clustering run writes its whole result at once (:meth:`EventsMixin.save_clustering`): events and
storylines change as evidence arrives (an event merges, a storyline gains an event, every score moves
with recency), so the tables hold the latest complete picture, replaced atomically, never a mix of two
runs. ``events.data`` / ``storylines.data`` keep the full records; members live in ``event_members``
(with the reason each joined) and version groups in ``version_groups``. The online clusterer's state is
in ``cluster_state`` (migration 0003), so the next ``storyline cluster`` continues from it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select

from storyline.model import Event, Membership, Storyline, from_dict, to_dict
from storyline.store.schema import articles, cluster_state, event_members, events, storylines, version_groups

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from storyline.cluster.engine import ClusterResult

STATE_NAME = "events"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _event_data(event: Event) -> dict:
    data = to_dict(event)
    data["members"] = []  # members are rows of event_members
    data["size"] = len(event.members)
    return data


class EventsMixin:
    """Repository of version groups, events and storylines; mixed into :class:`storyline.store.Store`."""

    # ------------------------------------------------------------------------------------------ writing
    def save_clustering(
        self, result: ClusterResult, state: bytes | None, articles_seen: int, conn: Connection | None = None
    ) -> None:
        """Replace events, storylines, memberships and version groups with ``result`` (atomically)."""
        if conn is None:
            with self.transaction() as own:  # type: ignore[attr-defined]
                return self.save_clustering(result, state, articles_seen, own)
        now = _now()
        known = {r.id for r in conn.execute(select(articles.c.id))}
        for table in (event_members, version_groups, events, storylines):
            conn.execute(delete(table))
        member_rows, group_rows = [], []
        for event in result.events:
            for m in event.members:
                if m.article_id not in known:
                    continue
                member_rows.append(
                    {
                        "article_id": m.article_id,
                        "event_id": event.id,
                        "score": m.score,
                        "reason": m.reason,
                        "joined_at": now,
                    }
                )
                similarity = float(m.reason.get("jaccard", 1.0)) if not m.is_original else 1.0
                group_rows.append(
                    {
                        "article_id": m.article_id,
                        "group_id": m.version_group or m.article_id,
                        "is_original": m.is_original,
                        "similarity": similarity,
                    }
                )
        event_rows = [
            {
                "id": e.id,
                "title": e.title,
                "storyline_id": e.storyline_id,
                "score": e.score,
                "first_published": e.first_published,
                "last_published": e.last_published,
                "data": _event_data(e),
            }
            for e in result.events
        ]
        story_rows = [
            {
                "id": s.id,
                "title": s.title,
                "score": s.score,
                "first_published": s.first_published,
                "last_published": s.last_published,
                "data": to_dict(s),
            }
            for s in result.storylines
        ]
        for table, rows in ((events, event_rows), (storylines, story_rows), (event_members, member_rows)):
            if rows:
                conn.execute(insert(table), rows)
        if group_rows:
            conn.execute(insert(version_groups), group_rows)
        conn.execute(delete(cluster_state).where(cluster_state.c.name == STATE_NAME))
        if state is not None:
            conn.execute(
                insert(cluster_state).values(
                    name=STATE_NAME, data=state, articles=articles_seen, updated_at=now
                )
            )
        return None

    def clear_clustering(self) -> None:
        with self.transaction() as conn:  # type: ignore[attr-defined]
            for table in (event_members, version_groups, events, storylines, cluster_state):
                conn.execute(delete(table))

    # ------------------------------------------------------------------------------------------ reading
    def load_cluster_state(self) -> bytes | None:
        with self.reading() as conn:  # type: ignore[attr-defined]
            row = conn.execute(select(cluster_state.c.data).where(cluster_state.c.name == STATE_NAME)).first()
        return None if row is None else bytes(row.data)

    def unclustered_article_ids(self) -> list[str]:
        """Articles in no event yet, oldest first (undated last): the input of an incremental run."""
        stmt = (
            select(articles.c.id)
            .select_from(articles.outerjoin(event_members, event_members.c.article_id == articles.c.id))
            .where(event_members.c.article_id.is_(None))
            .order_by(articles.c.published_at.is_(None), articles.c.published_at, articles.c.id)
        )
        with self.reading() as conn:  # type: ignore[attr-defined]
            return [r.id for r in conn.execute(stmt)]

    def count_events(self) -> int:
        with self.reading() as conn:  # type: ignore[attr-defined]
            return int(conn.execute(select(func.count()).select_from(events)).scalar_one())

    def list_events(self, limit: int | None = None, storyline_id: str | None = None) -> list[Event]:
        """Events by score (highest first), members included."""
        stmt = select(events.c.data).order_by(events.c.score.desc(), events.c.id)
        if storyline_id:
            stmt = stmt.where(events.c.storyline_id == storyline_id)
        if limit:
            stmt = stmt.limit(limit)
        with self.reading() as conn:  # type: ignore[attr-defined]
            found = [from_dict(Event, r.data) for r in conn.execute(stmt)]
            self._attach_members(conn, found)
        return found

    def get_event(self, event_id: str) -> Event | None:
        """By full id or a unique prefix (the CLI prints short ids)."""
        with self.reading() as conn:  # type: ignore[attr-defined]
            row = _by_id_or_prefix(conn, events, event_id)
            if row is None:
                return None
            event = from_dict(Event, row.data)
            self._attach_members(conn, [event])
        return event

    def list_storylines(self, limit: int | None = None) -> list[Storyline]:
        stmt = select(storylines.c.data).order_by(storylines.c.score.desc(), storylines.c.id)
        if limit:
            stmt = stmt.limit(limit)
        with self.reading() as conn:  # type: ignore[attr-defined]
            return [from_dict(Storyline, r.data) for r in conn.execute(stmt)]

    def get_storyline(self, storyline_id: str) -> Storyline | None:
        with self.reading() as conn:  # type: ignore[attr-defined]
            row = _by_id_or_prefix(conn, storylines, storyline_id)
        return None if row is None else from_dict(Storyline, row.data)

    def event_of_article(self, article_id: str) -> str | None:
        with self.reading() as conn:  # type: ignore[attr-defined]
            row = conn.execute(
                select(event_members.c.event_id).where(event_members.c.article_id == article_id)
            ).first()
        return None if row is None else row.event_id

    def _attach_members(self, conn: Connection, found: list[Event]) -> None:
        """Members in time order of publication, with their version groups."""
        if not found:
            return
        by_id = {e.id: e for e in found}
        for e in found:
            e.members = []
        stmt = (
            select(
                event_members.c.article_id,
                event_members.c.event_id,
                event_members.c.score,
                event_members.c.reason,
                version_groups.c.group_id,
                version_groups.c.is_original,
            )
            .select_from(
                event_members.join(articles, articles.c.id == event_members.c.article_id).outerjoin(
                    version_groups, version_groups.c.article_id == event_members.c.article_id
                )
            )
            .where(event_members.c.event_id.in_(list(by_id)))
            .order_by(articles.c.published_at.is_(None), articles.c.published_at, articles.c.id)
        )
        for r in conn.execute(stmt):
            by_id[r.event_id].members.append(
                Membership(
                    r.article_id,
                    r.score,
                    dict(r.reason or {}),
                    r.group_id,
                    True if r.is_original is None else bool(r.is_original),
                )
            )


def _by_id_or_prefix(conn: Connection, table, ident: str):  # type: ignore[no-untyped-def]
    row = conn.execute(select(table.c.data).where(table.c.id == ident)).first()
    if row is None and len(ident) >= 4:
        rows = conn.execute(select(table.c.data).where(table.c.id.like(ident + "%")).limit(2)).all()
        row = rows[0] if len(rows) == 1 else None
    return row

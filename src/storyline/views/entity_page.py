"""An entity's page: its events and storylines over time, its quotes, the entities seen with it.

Found through the ``mentions`` table (canonical name or entity id, and the alias table), so the page
works on whatever the entities stage resolved; quotes are those whose resolved speaker is the entity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select

from storyline.errors import NotFound
from storyline.store.schema import articles, entities, entity_aliases, event_members, events, mentions
from storyline.views.compare import QuoteView
from storyline.views.lemmas import normalize

if TYPE_CHECKING:
    from storyline.store import Store

MAX_QUOTES = 20
MAX_COOCCURRING = 15


@dataclass(slots=True)
class EntityEvent:
    event_id: str
    title: str
    storyline_id: str | None
    date: str | None
    n_articles: int  # articles of the event that mention the entity


@dataclass(slots=True)
class EntityPage:
    name: str
    entity_id: str | None
    type: str | None
    aliases: list[str]
    n_articles: int
    first_seen: str | None
    last_seen: str | None
    per_day: dict[str, int]  # ISO day -> articles mentioning it
    events: list[EntityEvent]
    storylines: list[str]
    quotes: list[QuoteView]
    cooccurring: list[tuple[str, int]] = field(default_factory=list)  # (canonical, shared articles)


def _resolve(store: Store, name: str) -> tuple[str, str | None, str | None, list[str]]:
    """(canonical, entity id, type, aliases) for a name, id or alias; NotFound when nothing matches."""
    with store.reading() as conn:
        alias_ids = select(entity_aliases.c.entity_id).where(entity_aliases.c.alias == normalize(name))
        row = conn.execute(
            select(entities).where(
                or_(entities.c.id == name, entities.c.canonical == name, entities.c.id.in_(alias_ids))
            )
        ).first()
        if row is not None:
            return row.canonical, row.id, row.type, list(row.aliases or [])
        m = conn.execute(
            select(mentions.c.canonical, mentions.c.type)
            .where(or_(mentions.c.canonical == name, func.lower(mentions.c.canonical) == name.lower()))
            .limit(1)
        ).first()
    if m is None:
        raise NotFound("entity", name)
    return m.canonical, None, m.type, []


def entity_page(store: Store, name: str) -> EntityPage:
    canonical, entity_id, type_, aliases = _resolve(store, name)
    match = mentions.c.entity_id == entity_id if entity_id else mentions.c.canonical == canonical
    with store.reading() as conn:
        article_ids = [r[0] for r in conn.execute(select(mentions.c.article_id).where(match).distinct())]
        dated = conn.execute(
            select(articles.c.id, articles.c.published_at).where(articles.c.id.in_(article_ids))
        ).all()
        event_rows = conn.execute(
            select(events.c.id, events.c.title, events.c.storyline_id, events.c.first_published, func.count())
            .join(event_members, event_members.c.event_id == events.c.id)
            .where(event_members.c.article_id.in_(article_ids))
            .group_by(events.c.id)
            .order_by(events.c.first_published)
        ).all()
        co_rows = conn.execute(
            select(mentions.c.canonical, func.count(func.distinct(mentions.c.article_id)))
            .where(mentions.c.article_id.in_(article_ids), mentions.c.canonical != canonical)
            .group_by(mentions.c.canonical)
            .order_by(func.count(func.distinct(mentions.c.article_id)).desc())
            .limit(MAX_COOCCURRING)
        ).all()
    days = sorted(r.published_at.date().isoformat() for r in dated if r.published_at)
    return EntityPage(
        name=canonical,
        entity_id=entity_id,
        type=type_,
        aliases=aliases,
        n_articles=len(article_ids),
        first_seen=days[0] if days else None,
        last_seen=days[-1] if days else None,
        per_day=dict(sorted(Counter(days).items())),
        events=[
            EntityEvent(
                r.id,
                r.title,
                r.storyline_id,
                r.first_published.date().isoformat() if r.first_published else None,
                r[4],
            )
            for r in event_rows
        ],
        storylines=sorted({r.storyline_id for r in event_rows if r.storyline_id}),
        quotes=_quotes(store, article_ids, canonical, entity_id),
        cooccurring=[(r[0], int(r[1])) for r in co_rows],
    )


def _quotes(store: Store, article_ids: list[str], canonical: str, entity_id: str | None) -> list[QuoteView]:
    out: list[QuoteView] = []
    for article in store.iter_articles(ids=article_ids, with_analysis=True):
        if article.analysis is None:
            continue
        for q in article.analysis.quotes:
            if (entity_id and q.speaker_entity_id == entity_id) or q.speaker_canonical == canonical:
                out.append(QuoteView(canonical, q.text, q.kind, article.id))
                if len(out) >= MAX_QUOTES:
                    return out
    return out


def as_dict(page: EntityPage) -> dict[str, Any]:
    from storyline.model import to_dict

    return to_dict(page)

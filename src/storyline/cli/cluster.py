"""``storyline cluster``, ``events``, ``event``, ``storylines``, ``storyline``: events and storylines."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli.app import app
from storyline.cli.common import (
    DbOption,
    JsonOption,
    console,
    day,
    not_found,
    open_store,
    print_json,
    print_table,
    store_errors,
)
from storyline.model import Event, Storyline


@app.command()
def cluster(
    db: DbOption = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-cluster every article from scratch.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Place new articles into events (online) and relink storylines; --rebuild starts from scratch."""
    from storyline.cluster.run import cluster_store

    with open_store(db) as store, store_errors("cluster", db):
        summary = cluster_store(store, rebuild=rebuild)
    if json_out:
        print_json(summary)
        return
    console.print(
        f"{summary.mode}: {summary.articles_added} article(s) placed ({summary.new_events} new event(s), "
        f"{summary.versions} near copies); {summary.events} events, {summary.storylines} storylines "
        f"over {summary.articles_total} articles"
    )


def _event_row(e: Event) -> dict:
    return {
        "id": e.id,
        "title": e.title,
        "score": e.score,
        "articles": len(e.members),
        "outlets": e.outlets,
        "languages": e.languages,
        "entities": e.entities,
        "first_published": e.first_published,
        "last_published": e.last_published,
        "storyline_id": e.storyline_id,
    }


@app.command()
def events(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 30,
    storyline_id: Annotated[
        str | None, typer.Option("--storyline", help="Only events of this storyline.")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Events, most important first (score: outlets, languages, velocity, recency)."""
    with open_store(db) as store:
        items = store.list_events(limit=limit, storyline_id=storyline_id)
    if json_out:
        print_json([_event_row(e) for e in items])
        return
    print_table(
        ("id", "score", "n", "first", "lang", "title"),
        (
            (
                e.id[:10],
                f"{e.score:.2f}",
                str(len(e.members)),
                day(e.first_published),
                ",".join(e.languages),
                e.title[:90],
            )
            for e in items
        ),
    )


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(help="Event id (or a unique prefix).")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """One event: its articles in time order, and why each joined."""
    with open_store(db) as store:
        found = store.get_event(event_id)
        arts = (
            {a.id: a for a in store.iter_articles(ids=[m.article_id for m in found.members])} if found else {}
        )
    if found is None:
        raise not_found(f"event {event_id}")
    if json_out:
        data = _event_row(found)
        data["members"] = [
            {
                "article_id": m.article_id,
                "title": arts[m.article_id].title if m.article_id in arts else None,
                "outlet": arts[m.article_id].outlet if m.article_id in arts else None,
                "published": arts[m.article_id].published.value if m.article_id in arts else None,
                "score": m.score,
                "reason": m.reason,
                "version_group": m.version_group,
                "is_original": m.is_original,
            }
            for m in found.members
        ]
        print_json(data)
        return
    console.print(f"[bold]{found.title}[/bold]  ({found.id}, score {found.score:.2f})")
    console.print(f"entities: {', '.join(found.entities) or '—'}; languages: {', '.join(found.languages)}")
    for m in found.members:
        a = arts.get(m.article_id)
        copy = "" if m.is_original else f" [dim](copy of {m.version_group})[/dim]"
        rule = m.reason.get("rule", "?")
        title = a.title if a else m.article_id
        console.print(
            f"  {day(a.published.value if a else None)} {(a.outlet if a else '') or '—':20.20s} {rule:8s} {m.score:.2f} {title[:80]}{copy}"
        )


def _storyline_row(s: Storyline) -> dict:
    return {
        "id": s.id,
        "title": s.title,
        "score": s.score,
        "events": len(s.event_ids),
        "entities": s.entities,
        "first_published": s.first_published,
        "last_published": s.last_published,
    }


@app.command()
def storylines(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 30,
    json_out: JsonOption = False,
) -> None:
    """Storylines (events linked over weeks), most important first."""
    with open_store(db) as store:
        items = store.list_storylines(limit=limit)
    if json_out:
        print_json([_storyline_row(s) for s in items])
        return
    print_table(
        ("id", "score", "events", "first", "last", "title"),
        (
            (
                s.id[:10],
                f"{s.score:.2f}",
                str(len(s.event_ids)),
                day(s.first_published),
                day(s.last_published),
                s.title[:80],
            )
            for s in items
        ),
    )


@app.command()
def storyline(
    storyline_id: Annotated[str, typer.Argument(help="Storyline id (or a unique prefix).")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """One storyline: its events in time order, each with its articles in time order."""
    with open_store(db) as store:
        found = store.get_storyline(storyline_id)
        evs = [store.get_event(i) for i in found.event_ids] if found else []
        ids = [m.article_id for e in evs if e for m in e.members]
        arts = {a.id: a for a in store.iter_articles(ids=ids)}
    if found is None:
        raise not_found(f"storyline {storyline_id}")
    if json_out:
        data = _storyline_row(found)
        data["events"] = [
            {
                **_event_row(e),
                "articles": [
                    {
                        "id": m.article_id,
                        "title": arts[m.article_id].title,
                        "outlet": arts[m.article_id].outlet,
                        "published": arts[m.article_id].published.value,
                    }
                    for m in e.members
                    if m.article_id in arts
                ],
            }
            for e in evs
            if e
        ]
        print_json(data)
        return
    console.print(f"[bold]{found.title}[/bold]  ({found.id}, score {found.score:.2f})")
    console.print(f"entities: {', '.join(found.entities) or '—'}")
    for e in evs:
        if e is None:
            continue
        console.print(
            f"\n [bold]{day(e.first_published)}[/bold] {e.title}  ({e.id[:10]}, {len(e.members)} article(s))"
        )
        for m in e.members:
            a = arts.get(m.article_id)
            if a:
                console.print(f"    {day(a.published.value)} {(a.outlet or '—'):20.20s} {a.title[:80]}")

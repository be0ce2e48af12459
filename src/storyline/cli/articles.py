"""``storyline articles`` and ``storyline show``: what is in the store."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli.app import app
from storyline.cli.common import (
    DbOption,
    JsonOption,
    console,
    day,
    iso_date_option,
    not_found,
    open_store,
    print_json,
    print_table,
)
from storyline.model import Article


def article_summary(a: Article) -> dict:
    return {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published.value.isoformat() if a.published.value else None,
        "date_precision": a.published.precision,
        "language": a.language,
        "url": a.url,
        "source": a.source,
    }


@app.command()
def articles(
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    lang: Annotated[str | None, typer.Option(help="Only this language.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (ISO date).")] = None,
    query: Annotated[str | None, typer.Option("--title", help="Title or lead contains this text.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    json_out: JsonOption = False,
) -> None:
    """List stored articles, oldest first."""
    with open_store(db) as store:
        items = list(
            store.iter_articles(
                outlet=outlet,
                language=lang,
                since=iso_date_option(since),
                until=iso_date_option(until),
                query=query,
                limit=limit,
            )
        )
    if json_out:
        print_json([article_summary(a) for a in items])
        return
    print_table(
        ("id", "published", "outlet", "lang", "title"),
        (
            (a.id[:10], day(a.published.value), a.outlet or "—", a.language or "—", a.title[:90])
            for a in items
        ),
    )
    console.print(f"{len(items)} article(s)")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix).")],
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """One article: clean text, metadata, cleaning changes, analysis."""
    with open_store(db) as store:
        article = store.get_article(article_id)
    if article is None:
        raise not_found(f"article {article_id}")
    if json_out:
        print_json(article)
        return
    console.print(f"[bold]{article.title}[/bold]", highlight=False)
    date = article.published
    console.print(
        f"id {article.id} · outlet {article.outlet or '—'} ({article.outlet_source}) · "
        f"published {date.value.isoformat() if date.value else '—'} ({date.precision}, from {date.source}) · "
        f"language {article.language or '—'}",
        highlight=False,
    )
    if article.url:
        console.print(f"url {article.url}", highlight=False)
    section = None
    for p in article.body:
        if p.section != section and p.section:
            console.print(f"\n[cyan]{p.section}[/cyan]")
        section = p.section
        console.print(p.text, highlight=False)
    if article.changes:
        console.print(f"\n[dim]cleaning changes ({len(article.changes)}):[/dim]")
        for c in article.changes:
            after = f" → {c.after!r}" if c.after else ""
            console.print(f"[dim]  {c.rule} @{c.where}: {c.before[:80]!r}{after}[/dim]", highlight=False)
    analysis = article.analysis
    if analysis is not None:
        console.print(
            f"\n[dim]language {analysis.language.code} ({analysis.language.confidence:.2f}); "
            f"{len(analysis.sentences)} sentences, {len(analysis.tokens)} tokens[/dim]"
        )
        if analysis.keywords:
            console.print("keywords: " + ", ".join(k.term for k in analysis.keywords[:12]), highlight=False)
        if analysis.mentions:
            names = sorted({m.canonical for m in analysis.mentions})
            console.print("entities: " + ", ".join(names[:30]), highlight=False)
        for d in analysis.dates:
            console.print(f"date: {d.text!r} → {d.start}..{d.end} ({d.precision})", highlight=False)
        for q in analysis.quotes:
            who = q.speaker_canonical or q.speaker or "?"
            console.print(f"quote ({q.kind}) [bold]{who}[/bold]: {q.text[:140]}", highlight=False)

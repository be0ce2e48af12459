"""Reader commands: summary, timeline, compare, search, export, serve. Thin over storyline.views."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from storyline.cli.app import app
from storyline.cli.common import (
    EXIT_FAILURE,
    EXIT_NOT_FOUND,
    DbOption,
    JsonOption,
    console,
    err_console,
    iso_date_option,
    open_store,
    print_json,
)
from storyline.errors import ConfigError, NotFound, StorylineError
from storyline.views import reader
from storyline.views.export import FORMATS, KINDS, export
from storyline.views.search import Filters, mark, search
from storyline.views.timeline import render_text


def _fail(exc: StorylineError) -> typer.Exit:
    if isinstance(exc, NotFound):
        err_console.print(f"[red]not found:[/red] {escape(str(exc))}")
        return typer.Exit(EXIT_NOT_FOUND)
    err_console.print(f"[red]error:[/red] {escape(str(exc))}")
    return typer.Exit(EXIT_FAILURE if not isinstance(exc, ConfigError) else 2)


@app.command()
def summary(
    ident: Annotated[
        str, typer.Argument(metavar="EVENT", help="Event id (or storyline id with --storyline).")
    ],
    storyline: Annotated[
        bool, typer.Option("--storyline", help="Summarise a storyline: one line per event.")
    ] = False,
    sentences: Annotated[int | None, typer.Option("--sentences", "-n", min=1, max=10)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """An event's extractive summary (3–5 sentences, each with its outlet), or a storyline's, one line per event."""
    with open_store(db) as store:
        try:
            view = (
                reader.storyline_summary(store, ident)
                if storyline
                else reader.event_summary(store, ident, sentences)
            )
        except StorylineError as exc:
            raise _fail(exc) from exc
    if as_json:
        print_json(view)
        return
    if storyline:
        console.print(f"[bold]{escape(view.title)}[/bold]")
        for line in view.lines:
            text = line.sentence.text if line.sentence else ""
            console.print(f"{line.date or 'undated'}  [bold]{escape(line.title)}[/bold]  {escape(text)}")
        return
    console.print(
        f"[bold]{escape(view.title)}[/bold]  ({view.n_articles} articles, {len(view.outlets)} outlets)"
    )
    for s in view.sentences:
        console.print(f"• {escape(s.text)} [dim]— {escape(s.outlet or '?')}[/dim]")


@app.command()
def timeline(
    ident: Annotated[str, typer.Argument(metavar="STORYLINE")],
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write articles per day per outlet (.png/.svg).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A storyline's events on a date axis, with dated happenings and key quotes."""
    with open_store(db) as store:
        try:
            view = reader.storyline_timeline(store, ident, plot)
        except StorylineError as exc:
            raise _fail(exc) from exc
    if as_json:
        print_json(view)
        return
    console.print(escape(render_text(view)), highlight=False)
    if plot:
        err_console.print(f"plot written to {plot}")


@app.command()
def compare(
    ident: Annotated[str, typer.Argument(metavar="EVENT")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """How each outlet covered an event: when, headlines, facts reported and left out, whose quotes."""
    with open_store(db) as store:
        try:
            view = reader.event_comparison(store, ident)
        except StorylineError as exc:
            raise _fail(exc) from exc
    if as_json:
        print_json(view)
        return
    console.print(f"[bold]{escape(view.title)}[/bold]")
    for c in view.outlets:
        console.print(
            f"\n[bold cyan]{escape(c.outlet)}[/bold cyan]  {c.first or '?'} … {c.last or '?'}  ({c.n_articles})"
        )
        for h in c.headlines:
            console.print(f"  headline: {escape(h.title)}")
        if c.speakers:
            console.print(f"  quotes: {escape(', '.join(c.speakers))}")
        for q in c.quotes[:3]:
            console.print(f"    “{escape(q.text[:160])}” — {escape(q.speaker or '?')}")
        if c.numbers:
            console.print(f"  numbers: {escape(', '.join(c.numbers[:10]))}")
        missing = [f"{k}: {', '.join(v[:6])}" for k, v in c.left_out.items() if v]
        if missing and len(view.outlets) > 1:
            console.print(f"  [dim]left out — {escape('; '.join(missing))}[/dim]")


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="Words in any form: they are matched as lemmas.")],
    since: Annotated[str | None, typer.Option("--since", help="ISO date/time, inclusive.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="ISO date/time, inclusive.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only articles mentioning this entity.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500)] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Lemma-aware full-text search (BM25), results grouped by event, with highlighted snippets."""
    filters = Filters(iso_date_option(since), iso_date_option(until), outlet, lang, entity)
    with open_store(db) as store:
        try:
            result = search(store, query, filters, limit=limit)
        except StorylineError as exc:
            raise _fail(exc) from exc
    if as_json:
        print_json(result)
        return
    if not result.hits:
        err_console.print("no results")
        raise typer.Exit(EXIT_NOT_FOUND)
    for group in result.groups:
        label = f"event {group.event_id[:12]}" if group.event_id else "article"
        console.print(f"\n[bold]{escape(group.title)}[/bold] [dim]({label})[/dim]")
        for hit in group.hits:
            when = (hit.published or "")[:10]
            console.print(
                f"  [cyan]{hit.article_id[:12]}[/cyan] {when} {escape(hit.outlet or '')}  {hit.score:.2f}"
            )
            snippet = mark(
                escape(hit.snippet), _escaped(hit.snippet, hit.highlights), "[bold yellow]", "[/bold yellow]"
            )
            console.print(f"    {snippet}", highlight=False)


def _escaped(text: str, highlights: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Highlight offsets moved to the rich-escaped text (escaping adds backslashes before '[')."""
    shifted = []
    for a, b in highlights:
        da, db_ = text[:a].count("["), text[:b].count("[")
        shifted.append((a + da, b + db_))
    return shifted


@app.command("export")
def export_command(
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join(KINDS)}.")],
    out: Annotated[Path, typer.Argument(help="Output file: .jsonl, .csv or .parquet.")],
    fmt: Annotated[
        str | None, typer.Option("--format", help=f"One of: {', '.join(FORMATS)} (default: from suffix).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export articles, events, storylines or entities to JSONL, CSV or Parquet."""
    with open_store(db) as store:
        try:
            n = export(store, kind, out, fmt)  # type: ignore[arg-type]
        except StorylineError as exc:
            raise _fail(exc) from exc
    if as_json:
        print_json({"kind": kind, "path": str(out), "count": n})
    else:
        console.print(f"{n} {kind} written to {out}")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Serve the HTTP JSON API (OpenAPI at /openapi.json) and the web UI (at /)."""
    import uvicorn

    from storyline.api import create_app

    if as_json:
        print_json({"host": host, "port": port, "openapi": f"http://{host}:{port}/openapi.json"})
    uvicorn.run(create_app(db), host=host, port=port, log_level="info")

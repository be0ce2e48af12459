"""``storyline ingest``: files, folders, URLs, feeds or stdin into the store."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.cli.app import app
from storyline.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    DbOption,
    JsonOption,
    console,
    err_console,
    open_store,
    print_json,
)
from storyline.errors import InputError
from storyline.ingest import ReadOptions, read_inputs
from storyline.model import Article
from storyline.store import Store

BATCH_SIZE = 200  # articles per transaction: a crash loses at most the batch in flight


def ingest_items(store: Store, targets: list[str], options: ReadOptions, *, progress: bool = True) -> dict:
    """Read, clean and store; returns counts, per-article results and errors (the library entry point)."""
    counts: Counter[str] = Counter()
    results: list[dict] = []
    errors: list[dict] = []
    batch: list[Article] = []

    def flush() -> None:
        for saved in store.save_articles(batch):
            counts[saved.status] += 1
            a = saved.article
            results.append(
                {"id": a.id, "status": saved.status, "title": a.title, "outlet": a.outlet, "source": a.source}
            )
        batch.clear()

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=not progress,
        transient=True,
    ) as bar:
        task = bar.add_task("ingesting", total=None)
        for item in read_inputs(targets, options):
            if isinstance(item, InputError):
                counts["rejected"] += 1
                errors.append({"input": item.source, "kind": item.kind, "error": item.reason})
                err_console.print(f"[red]rejected[/red] {item.source}: {item.reason}", highlight=False)
            else:
                batch.append(item)
                if len(batch) >= BATCH_SIZE:
                    flush()
            bar.advance(task)
        if batch:
            flush()
    return {
        "counts": {k: counts.get(k, 0) for k in ("added", "updated", "unchanged", "rejected")},
        "articles": results,
        "errors": errors,
    }


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, http(s) URLs (pages or feeds), or - for stdin.")
    ],
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet of these inputs (wins over inference).")] = None,
    url: Annotated[str | None, typer.Option(help="Canonical URL (single-article inputs).")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date/time, ISO 8601.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code (uk, ru, en).")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="Force the format: text, html, feed, jsonl.")
    ] = None,
    id_field: Annotated[
        list[str] | None,
        typer.Option(
            "--id-field", help="JSONL: field(s) holding each record's unique id (default: id, doc_id)."
        ),
    ] = None,
    no_follow: Annotated[
        bool, typer.Option("--no-follow", help="Do not fetch pages of summary-only feed items.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Ingest articles; reports added / updated / unchanged / rejected. Exit 1 if anything was rejected."""
    options = ReadOptions(
        outlet=outlet, url=url, published=published, language=lang, format=fmt, follow_links=not no_follow
    )
    if id_field:
        options.id_fields = tuple(id_field)
    store = open_store(db)
    try:
        report = ingest_items(store, inputs, options, progress=not json_out)
    finally:
        store.close()
    counts = report["counts"]
    if json_out:
        print_json(report)
    else:
        console.print(
            f"added {counts['added']}, updated {counts['updated']}, unchanged {counts['unchanged']}, "
            f"rejected {counts['rejected']}"
        )
    raise typer.Exit(EXIT_PARTIAL if counts["rejected"] else EXIT_OK)

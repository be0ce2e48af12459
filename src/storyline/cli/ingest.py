"""``storyline ingest``: files, folders, URLs, feeds or stdin into the store."""

from __future__ import annotations

from typing import Annotated

import typer

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
    progress_bar,
)
from storyline.errors import InputError
from storyline.ingest import ReadOptions, batch
from storyline.store import Store


def ingest_with_progress(
    store: Store, targets: list[str], options: ReadOptions, *, show: bool = True
) -> dict:
    """Library ingest with a progress bar and one line per rejected input on stderr."""
    with progress_bar(disable=not show) as bar:
        task = bar.add_task("ingesting", total=None)

        def on_item(item: object) -> None:
            if isinstance(item, InputError):
                err_console.print(f"[red]rejected[/red] {item.source}: {item.reason}", highlight=False)
            bar.advance(task)

        return batch.ingest(store, targets, options, on_item=on_item).as_dict()


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
    with open_store(db) as store:
        report = ingest_with_progress(store, inputs, options, show=not json_out)
    counts = report["counts"]
    if json_out:
        print_json(report)
    else:
        console.print(
            f"added {counts['added']}, updated {counts['updated']}, unchanged {counts['unchanged']}, "
            f"rejected {counts['rejected']}"
        )
    raise typer.Exit(EXIT_PARTIAL if counts["rejected"] else EXIT_OK)

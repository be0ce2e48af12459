"""``storyline backfill``: an archive through ingest, analysis and clustering, per-article work on Spark."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli.app import app
from storyline.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_PARTIAL,
    DbOption,
    JsonOption,
    console,
    err_console,
    open_store,
    print_json,
    progress_bar,
    store_errors,
)


@app.command()
def backfill(
    inputs: Annotated[
        list[str], typer.Argument(help="Files or folders (JSONL archives, text, HTML, feeds).")
    ],
    master: Annotated[
        str, typer.Option(help="Spark master: local[*] (every core here), spark://host:7077, yarn, …")
    ] = "local[*]",
    split_mb: Annotated[int, typer.Option(help="MB of a JSONL archive per Spark task.")] = 16,
    id_field: Annotated[
        list[str] | None, typer.Option("--id-field", help="JSONL field(s) holding a record's unique id.")
    ] = None,
    no_cluster: Annotated[bool, typer.Option("--no-cluster", help="Store and analyse only.")] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Backfill an archive: read, clean, analyse on Spark; store, link and cluster here. Exit 1 if inputs were rejected."""
    from storyline.backfill import BackfillError
    from storyline.backfill import backfill as run
    from storyline.ingest import ReadOptions

    options = ReadOptions()
    if id_field:
        options.id_fields = tuple(id_field)
    with open_store(db) as store, store_errors("backfill", db), progress_bar(disable=json_out) as bar:
        task = bar.add_task("backfill", total=None)
        try:
            report = run(
                store,
                inputs,
                options,
                master=master,
                split_bytes=max(1, split_mb) * 1024 * 1024,
                cluster=not no_cluster,
                on_batch=lambda n: bar.advance(task, n),
            )
        except BackfillError as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(EXIT_FAILURE) from exc
    summary = report.as_dict()
    counts = summary["counts"]
    if json_out:
        print_json(summary)
    else:
        for error in report.errors:
            err_console.print(f"[yellow]rejected[/yellow] {error['input']}: {error['error']}")
        console.print(
            f"{report.tasks} Spark task(s): added {counts['added']}, updated {counts['updated']}, "
            f"unchanged {counts['unchanged']}, rejected {counts['rejected']}; {report.analyzed} analysed"
            + (f"; {report.clustered['events']} events" if report.clustered else "")
        )
    raise typer.Exit(EXIT_PARTIAL if counts["rejected"] else EXIT_OK)

"""``storyline analyze``: (re)compute the analysis of stored articles, only what is stale by default."""

from __future__ import annotations

import logging
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
from storyline.pipeline import analyze_store

log = logging.getLogger(__name__)

#: Articles per transaction: large enough that commits are not the cost, small enough that an
#: interrupted run loses little and the progress bar moves.
BATCH_SIZE = 200


@app.command()
def analyze(
    all_: Annotated[
        bool, typer.Option("--all", help="Re-analyse every article, not only stale ones.")
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Articles per committed batch.")] = BATCH_SIZE,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Analyse stored articles: language, sentences, lemmas, dates, quotes, keywords, entities."""
    with (
        open_store(db) as store,
        store_errors("analyze", db),
        progress_bar(disable=json_out, transient=False, remaining=True) as progress,
    ):
        task = progress.add_task("analyze", total=None)
        report = analyze_store(
            store,
            everything=all_,
            batch_size=batch_size,
            on_start=lambda n: progress.update(task, total=n),
            on_batch=lambda n: progress.advance(task, n),
        )
    failures = [f.__dict__ for f in report.failures]
    rate = round(report.analyzed / report.seconds, 1) if report.seconds > 0 and report.analyzed else 0.0
    summary = {
        "analyzed": report.analyzed,
        "candidates": report.candidates,
        "failures": failures,
        "version": report.version,
        "seconds": round(report.seconds, 2),
        "articles_per_second": rate,
    }
    if json_out:
        print_json(summary)
    else:
        console.print(
            f"analyzed {report.analyzed} of {report.candidates} article(s) in {report.seconds:.1f} s "
            f"({rate}/s), version {report.version}"
        )
        for f in failures:
            err_console.print(f"[red]failed[/red] {f['article_id']} in {f['stage']}: {f['error']}")
    if failures and not report.analyzed:
        raise typer.Exit(EXIT_FAILURE)
    raise typer.Exit(EXIT_PARTIAL if failures else EXIT_OK)

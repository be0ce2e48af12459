"""``storyline analyze``: (re)compute the analysis of stored articles, only what is stale by default."""

from __future__ import annotations

import logging
import time
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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
)
from storyline.pipeline import Pipeline

log = logging.getLogger(__name__)

#: Articles per transaction: large enough that commits are not the cost, small enough that an
#: interrupted run loses little and the progress bar moves.
BATCH_SIZE = 200


def build_pipeline() -> tuple[Pipeline, list[str]]:
    """The registry's pipeline; stages whose module cannot be imported yet are skipped (and named)."""
    pipeline = Pipeline.from_registry()
    factories, skipped = [], []
    for name, factory in pipeline.factories:
        try:
            factory()
        except ImportError as exc:
            log.warning("stage %s skipped: %s", name, exc)
            skipped.append(name)
            continue
        factories.append((name, factory))
    return Pipeline(factories), skipped


@app.command()
def analyze(
    all_: Annotated[
        bool, typer.Option("--all", help="Re-analyse every article, not only stale ones.")
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Articles per committed batch.")] = BATCH_SIZE,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Analyse stored articles: language, sentences, lemmas, dates, quotes, keywords (and later stages)."""
    store = open_store(db)
    try:
        pipeline, skipped = build_pipeline()
        for name in skipped:
            err_console.print(f"[yellow]skipped stage[/yellow] {name} (not importable)")
        version = pipeline.version
        ids = [a.id for a in store.iter_articles()] if all_ else store.stale_article_ids(version)
        t0 = time.perf_counter()
        done = 0
        with Progress(
            TextColumn("analyze"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err_console,
            disable=json_out or not ids,
        ) as progress:
            task = progress.add_task("analyze", total=len(ids))
            for start in range(0, len(ids), max(1, batch_size)):
                batch = list(store.iter_articles(ids=ids[start : start + batch_size]))
                results = [pipeline(a) for a in batch]
                analysed = [a for a in results if a.analysis is not None]
                for a in analysed:
                    # stored under the pipeline's version: any stage's change makes the row stale
                    a.analysis.version = version  # type: ignore[union-attr]
                store.save_analyses((a.id, a.analysis) for a in analysed)  # type: ignore[misc]
                pipeline.finish(store, results)
                done += len(analysed)
                progress.advance(task, len(batch))
    finally:
        store.close()
    seconds = time.perf_counter() - t0
    failures = [f.__dict__ for f in pipeline.failures]
    summary = {
        "analyzed": done,
        "candidates": len(ids),
        "failures": failures,
        "skipped_stages": skipped,
        "version": version,
        "seconds": round(seconds, 2),
        "articles_per_second": round(done / seconds, 1) if seconds > 0 and done else 0.0,
    }
    if json_out:
        print_json(summary)
    else:
        console.print(
            f"analyzed {done} of {len(ids)} article(s) in {seconds:.1f} s "
            f"({summary['articles_per_second']}/s), version {version}"
        )
        for f in failures:
            err_console.print(f"[red]failed[/red] {f['article_id']} in {f['stage']}: {f['error']}")
    if failures and not done:
        raise typer.Exit(EXIT_FAILURE)
    raise typer.Exit(EXIT_PARTIAL if failures else EXIT_OK)

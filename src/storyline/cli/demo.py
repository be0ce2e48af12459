"""``storyline demo``: the whole job on the embedded store — ingest, analyse, cluster, print the digest.

Inputs: the sample corpus that ships in the package (the two seed articles), plus the BSNLP corpus
(867 uk/ru articles) when ``../shared/data/news/bsnlp_uk_ru.jsonl`` is there, so a fresh clone works
on its own and a full checkout shows ranked storylines across outlets and languages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel

from storyline.cli.app import app
from storyline.cli.common import (
    DbOption,
    JsonOption,
    console,
    err_console,
    open_store,
    print_json,
    progress_bar,
)
from storyline.ingest import ReadOptions
from storyline.ingest.batch import ingest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def shared_corpus() -> Path | None:
    """The BSNLP corpus beside the project, if present ($STORYLINE_SHARED overrides ../shared)."""
    candidates = [Path(os.environ["STORYLINE_SHARED"])] if os.environ.get("STORYLINE_SHARED") else []
    candidates += [Path.cwd().parent / "shared", Path(__file__).resolve().parents[4] / "shared"]
    for base in candidates:
        path = base / "data" / "news" / "bsnlp_uk_ru.jsonl"
        if path.is_file():
            return path
    return None


def _step(text: str, quiet: bool) -> None:
    if not quiet:
        err_console.print(f"[bold cyan]›[/bold cyan] {text}", highlight=False)


@app.command()
def demo(
    db: DbOption = None,
    top: Annotated[int, typer.Option(help="How many storylines to print.")] = 5,
    sample_only: Annotated[
        bool, typer.Option("--sample-only", help="Only the shipped sample, not ../shared.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Ingest the sample corpus, analyse, cluster, and print today's top storylines with summaries."""
    from storyline.cluster.run import cluster_store
    from storyline.pipeline import analyze_store
    from storyline.views.digest import top_storylines

    with open_store(db or "demo.db") as store:
        _step(f"ingesting the sample corpus ({SAMPLES})", json_out)
        report = ingest(store, [str(SAMPLES / "seeds")], ReadOptions())
        corpus = None if sample_only else shared_corpus()
        if corpus is not None:
            _step(f"ingesting {corpus}", json_out)
            more = ingest(store, [str(corpus)], ReadOptions(id_fields=("file",)))
            report.counts.update(more.counts)
        _step(f"store: {store.count_articles()} articles ({dict(report.counts)})", json_out)
        with progress_bar(disable=json_out) as bar:
            task = bar.add_task("analyze", total=len(store.stale_article_ids("")))
            analysed = analyze_store(store, on_batch=lambda n: bar.advance(task, n), batch_size=50)
        _step(f"analysed {analysed.analyzed} article(s) in {analysed.seconds:.1f} s", json_out)
        clustered = cluster_store(store)
        _step(f"{clustered.events} events, {clustered.storylines} storylines", json_out)
        digest = top_storylines(store, n=top)
    if json_out:
        print_json(digest)
        return
    for rank, story in enumerate(digest, start=1):
        lines = []
        for event in story["events"]:
            outlets = ", ".join(event.get("outlets") or []) or "—"
            lines.append(
                f"[bold]{event.get('date') or '—'}[/bold]  {event['title']}  [dim]({event['n_articles']} art.; {outlets})[/dim]"
            )
            for sentence in event.get("summary", []):
                lines.append(f"    • {sentence['text']} [dim]— {sentence.get('outlet') or '?'}[/dim]")
        span = f"{(story.get('first_published') or '')[:10]} … {(story.get('last_published') or '')[:10]}"
        console.print(
            Panel(
                "\n".join(lines),
                title=f"#{rank}  {story['title']}",
                subtitle=f"{story['n_events']} events · {span} · score {story['score']:.2f}",
                title_align="left",
            ),
            highlight=False,
        )

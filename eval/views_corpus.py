"""The BSNLP corpus in a store, analysed, for the reader-view evaluations (search, summary) and bench.

Built once and reused: ``build_store(path)`` ingests ``../shared/data/news/bsnlp_uk_ru.jsonl`` with the
project's reader, runs the article pipeline (analysis, entities) and saves everything. BSNLP doc ids
repeat across topics, so each article's identity is its corpus file name (``meta["file"]``), which is
unique; gold files in ``eval/gold/search`` and ``eval/gold/summary`` use the same key.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
BSNLP = SHARED / "data" / "news" / "bsnlp_uk_ru.jsonl"
DEFAULT_DB = Path(os.environ.get("STORYLINE_EVAL_DB", "/tmp/storyline-eval-views/bsnlp.db"))
BATCH = 50


def bsnlp_articles():  # type: ignore[no-untyped-def]
    from storyline.ingest import read_path

    articles = list(read_path(BSNLP))
    for a in articles:
        a.meta["doc_id"] = a.meta.get("file") or a.meta.get("doc_id")
    return articles


def build_store(path: Path = DEFAULT_DB, *, quiet: bool = False):  # type: ignore[no-untyped-def]
    """The analysed BSNLP store at ``path`` (built on first use; ~5 minutes on one core)."""
    from storyline.pipeline import Pipeline
    from storyline.store import Store

    store = Store.open(path)
    if store.count_articles() and not store.stale_article_ids(Pipeline.from_registry().version):
        return store  # built before (one URL in two files is one article, so fewer rows than files)
    t0 = time.perf_counter()
    store.save_articles(bsnlp_articles())
    pipeline = Pipeline.from_registry()
    ids = store.stale_article_ids(pipeline.version)
    for start in range(0, len(ids), BATCH):
        batch = [pipeline(a) for a in store.iter_articles(ids=ids[start : start + BATCH])]
        analysed = [a for a in batch if a.analysis is not None]
        for a in analysed:  # stored under the pipeline's version, as `storyline analyze` does
            a.analysis.version = pipeline.version
        store.save_analyses([(a.id, a.analysis) for a in analysed])
        pipeline.finish(store, batch)
        if not quiet:
            print(
                f"analysed {start + len(batch)}/{len(ids)} ({time.perf_counter() - t0:.0f}s)", file=sys.stderr
            )
    return store


def file_to_id(store) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Corpus file name -> stored article id (two files with one URL are one article)."""
    return {a.meta["file"]: a.id for a in store.iter_articles() if a.meta.get("file")}


if __name__ == "__main__":
    build_store()

"""Ingesting into the store in committed batches: the library behind ``storyline ingest``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storyline.errors import InputError
from storyline.ingest.reader import ReadOptions, read_inputs
from storyline.model import Article

if TYPE_CHECKING:
    from storyline.store import Store

BATCH_SIZE = 200  # articles per transaction: a crash loses at most the batch in flight


#: What happened to each input, in the order reports print them.
OUTCOMES = ("added", "updated", "unchanged", "rejected")


def outcome_counts(counts: Counter[str]) -> dict[str, int]:
    """Every outcome with its count, zeros included (scripts read fixed keys)."""
    return {k: counts.get(k, 0) for k in OUTCOMES}


@dataclass
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    articles: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": outcome_counts(self.counts),
            "articles": self.articles,
            "errors": self.errors,
        }


def ingest(
    store: Store,
    targets: Iterable[str],
    options: ReadOptions | None = None,
    *,
    on_item: Callable[[Article | InputError], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Read, clean and store; each batch is one transaction. Bad inputs are reported, never raised."""
    report = IngestReport()
    batch: list[Article] = []

    def flush() -> None:
        for saved in store.save_articles(batch):
            report.counts[saved.status] += 1
            a = saved.article
            report.articles.append(
                {"id": a.id, "status": saved.status, "title": a.title, "outlet": a.outlet, "source": a.source}
            )
        batch.clear()

    for item in read_inputs(targets, options or ReadOptions()):
        if isinstance(item, InputError):
            report.counts["rejected"] += 1
            report.errors.append({"input": item.source, "kind": item.kind, "error": item.reason})
        else:
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
        if on_item is not None:
            on_item(item)
    if batch:
        flush()
    return report

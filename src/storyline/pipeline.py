"""A pipeline of small named stages over one article (spaCy's ``Language.__call__`` idea, small).

A stage is any object with a ``name``, a ``version`` and ``__call__(article) -> article``. It may also
have ``finish(store, articles)`` for corpus-level work after a batch (entity linking across articles,
keyword statistics). Stages are built lazily from :mod:`storyline.registry`, so constructing a pipeline
is cheap and models load once, on first use, shared by every article.

A stage that fails on one article does not stop the batch: the error goes to ``on_error`` (by default
recorded on the result), the article keeps what the earlier stages gave it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from storyline.model import Article

if TYPE_CHECKING:
    from storyline.store import Store

log = logging.getLogger(__name__)


@runtime_checkable
class Stage(Protocol):
    name: str
    version: str

    def __call__(self, article: Article) -> Article: ...


@dataclass
class StageFailure:
    article_id: str
    stage: str
    error: str


@dataclass
class Pipeline:
    """Named stages run in order over each article."""

    factories: list[tuple[str, Callable[[], Stage]]]
    failures: list[StageFailure] = field(default_factory=list)
    _stages: list[Stage] | None = None

    @classmethod
    def from_registry(cls, names: Iterable[str] | None = None) -> Pipeline:
        from storyline.registry import ARTICLE_STAGES

        wanted = set(names) if names is not None else None
        return cls([(n, f) for n, f in ARTICLE_STAGES if wanted is None or n in wanted])

    @property
    def stages(self) -> list[Stage]:
        if self._stages is None:
            self._stages = [factory() for _, factory in self.factories]
        return self._stages

    @property
    def version(self) -> str:
        """Changes whenever any stage changes, so stored results know they are stale."""
        return "+".join(f"{s.name}-{s.version}" for s in self.stages)

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            try:
                result = stage(article)
            except Exception as exc:  # one bad article must not stop a batch
                log.warning("stage %s failed on %s: %s", stage.name, article.id, exc)
                self.failures.append(StageFailure(article.id, stage.name, f"{type(exc).__name__}: {exc}"))
                break
            if not isinstance(result, Article):
                raise TypeError(f"stage {stage.name} returned {type(result).__name__}, not Article")
            article = result
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            yield self(article)

    def finish(self, store: Store, articles: list[Article]) -> None:
        """Corpus-level work of each stage that has it, after a batch."""
        for stage in self.stages:
            hook: Any = getattr(stage, "finish", None)
            if hook is not None:
                hook(store, articles)


@dataclass
class AnalyzeReport:
    """What :func:`analyze_store` did: counts, failures, the pipeline version it stored under."""

    analyzed: int
    candidates: int
    failures: list[StageFailure]
    version: str
    seconds: float


def analyze_store(
    store: Store,
    pipeline: Pipeline | None = None,
    *,
    everything: bool = False,
    batch_size: int = 200,
    on_start: Callable[[int], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> AnalyzeReport:
    """Run the article stages over stale articles (or all) and store the results, batch by batch.

    Each batch is committed on its own, so an interrupted run keeps what it finished; an analysis is
    stored under the whole pipeline's version, so changing any stage makes every row stale.
    """
    import time

    pipeline = pipeline or Pipeline.from_registry()
    version = pipeline.version
    ids = [a.id for a in store.iter_articles()] if everything else store.stale_article_ids(version)
    if on_start is not None:
        on_start(len(ids))
    start = time.perf_counter()
    done = 0
    for first in range(0, len(ids), max(1, batch_size)):
        batch = list(store.iter_articles(ids=ids[first : first + batch_size]))
        results = [pipeline(a) for a in batch]
        analysed = [a for a in results if a.analysis is not None]
        for a in analysed:
            a.analysis.version = version  # type: ignore[union-attr]
        store.save_analyses((a.id, a.analysis) for a in analysed)  # type: ignore[misc]
        pipeline.finish(store, results)
        done += len(analysed)
        if on_batch is not None:
            on_batch(len(batch))
    return AnalyzeReport(done, len(ids), list(pipeline.failures), version, time.perf_counter() - start)

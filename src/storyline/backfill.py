"""Backfilling an archive with Apache Spark: the per-article work on the cluster, the store on the driver.

Why this split: reading, cleaning, analysis and NER are per article and pure, and they are nearly all
of the cost (≈ 150 articles/s per core), so Spark runs them on every core of every machine. Storing
and event clustering are sequential by nature (one writer; an event depends on what arrived before)
and cheap per article, so the driver does them from the stream of results, batch by batch, as
``storyline ingest`` + ``analyze`` + ``cluster`` would: the same articles, analyses, entities, events
and storylines as the single-machine path (tests/test_backfill.py checks it).

The inputs are files on a file system every executor can read (local, NFS, a mounted bucket): folders
are expanded on the driver; a JSONL archive is cut into byte ranges at line starts (``split_bytes``
each), so one large file is read by many tasks; other files (text, HTML, saved feeds) are one task
each. URLs are not archives: ``storyline ingest`` fetches those.

Each batch of results is stored in one transaction (articles and their analyses together), so a crash
mid-run keeps every committed batch, and running the backfill again is idempotent: unchanged
articles stay unchanged, their analyses are replaced by identical ones.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.errors import InputError, StorylineError
from storyline.ingest.batch import outcome_counts
from storyline.ingest.reader import (
    SIDECAR_SUFFIX,
    SKIP_NAMES,
    ReadOptions,
    read_jsonl_range,
    read_path,
    sniff_jsonl,
)
from storyline.model import Analysis, Article, from_dict, to_dict
from storyline.pipeline import Pipeline

if TYPE_CHECKING:
    from storyline.store import Store

#: Bytes of a JSONL archive per task: a few thousand articles, minutes of analysis per core.
SPLIT_BYTES = 16 * 1024 * 1024
BATCH_SIZE = 200  # results per committed transaction on the driver


class BackfillError(StorylineError):
    """The backfill cannot run at all (no pyspark, no Java, Spark failed to start)."""


@dataclass(frozen=True, slots=True)
class Task:
    """One unit of work for an executor: a whole file, or a byte range of a JSONL archive."""

    path: str
    kind: str  # "jsonl" or "file"
    start: int = 0
    end: int | None = None
    first_line: int = 1


@dataclass
class BackfillReport:
    """What a backfill did: input counts as ``storyline ingest`` reports them, analyses, failures."""

    counts: Counter[str] = field(default_factory=Counter)
    analyzed: int = 0
    tasks: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)
    clustered: dict[str, Any] | None = None
    seconds: float = 0.0
    executor_cpu_s: float = 0.0  # CPU time of the Python work in the tasks (what a cluster bills)

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": outcome_counts(self.counts),
            "analyzed": self.analyzed,
            "tasks": self.tasks,
            "errors": self.errors,
            "failures": self.failures,
            "clustered": self.clustered,
            "seconds": round(self.seconds, 2),
            "executor_cpu_s": round(self.executor_cpu_s, 2),
        }


# ------------------------------------------------------------------------------------------- planning
def plan(targets: Iterable[str], split_bytes: int = SPLIT_BYTES) -> tuple[list[Task], list[InputError]]:
    """The tasks for the named files and folders, in the order ``storyline ingest`` reads them."""
    tasks: list[Task] = []
    errors: list[InputError] = []
    for target in targets:
        if target.startswith(("http://", "https://")) or target == "-":
            errors.append(
                InputError(target, "backfill reads files and folders; use `storyline ingest` for this")
            )
            continue
        path = Path(target)
        if not path.exists():
            errors.append(InputError(target, "no such file or directory"))
            continue
        for file in _files(path):
            if sniff_jsonl(file) == "jsonl":
                tasks.extend(_jsonl_tasks(file, split_bytes))
            else:
                tasks.append(Task(str(file), "file"))
    return tasks, errors


def _files(path: Path) -> list[Path]:
    """A file, or a folder's files as ``read_path`` walks them (sorted; no sidecars, no hidden files)."""
    if not path.is_dir():
        return [path]
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.name not in SKIP_NAMES
        and not p.name.startswith(".")
        and not p.name.endswith(SIDECAR_SUFFIX)
    )


def _jsonl_tasks(path: Path, split_bytes: int) -> list[Task]:
    """Byte ranges of about ``split_bytes`` that start at line starts, with their first line numbers.

    One pass over the file counting newlines (at disk speed) gives the line numbers, so that a record's
    position — part of its identity when it has no id — is the same as when the file is read whole.
    """
    size = path.stat().st_size
    if size <= split_bytes:
        return [Task(str(path), "jsonl")]
    tasks: list[Task] = []
    start, line = 0, 1
    with path.open("rb") as fh:
        while start < size:
            fh.seek(min(start + split_bytes, size))
            if fh.tell() < size:
                fh.readline()  # to the next line start
            end = fh.tell()
            tasks.append(Task(str(path), "jsonl", start, end, line))
            fh.seek(start)
            line += fh.read(end - start).count(b"\n")
            start = end
    return tasks


# ------------------------------------------------------------------------------------------ executors
_PIPELINE: Pipeline | None = None


def _pipeline() -> Pipeline:
    """One pipeline per Python worker process: models load once and serve every task it runs."""
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = Pipeline.from_registry()
    return _PIPELINE


def run_task(task: Task, options: ReadOptions) -> Iterator[tuple[Any, ...]]:
    """Read, clean, analyse one task's articles: ``("article", article, analysis, failures)`` rows in
    input order, ``("error", source, kind, reason)`` for rejected inputs, and last ``("cpu",
    seconds)``, the task's CPU time (plain data: they cross process boundaries)."""
    started = time.process_time()
    pipeline = _pipeline()
    if task.kind == "jsonl":
        items = read_jsonl_range(Path(task.path), options, task.start, task.end, task.first_line)
    else:
        items = read_path(task.path, options)
    for item in items:
        if isinstance(item, InputError):
            yield ("error", item.source, item.kind, item.reason)
            continue
        before = len(pipeline.failures)
        analysed = pipeline(item)
        analysis, analysed.analysis = analysed.analysis, None
        if analysis is not None:
            analysis.version = pipeline.version
        failures = [dataclasses.asdict(f) | {"article_id": item.source} for f in pipeline.failures[before:]]
        del pipeline.failures[before:]
        yield ("article", to_dict(analysed), to_dict(analysis) if analysis else None, failures)
    yield ("cpu", time.process_time() - started)


# ---------------------------------------------------------------------------------------------- driver
def backfill(
    store: Store,
    targets: Iterable[str],
    options: ReadOptions | None = None,
    *,
    master: str = "local[*]",
    split_bytes: int = SPLIT_BYTES,
    batch_size: int = BATCH_SIZE,
    cluster: bool = True,
    on_start: Callable[[int], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> BackfillReport:
    """Ingest, analyse and (by default) cluster ``targets`` with the per-article work on Spark."""
    started = time.perf_counter()
    options = dataclasses.replace(options or ReadOptions(), follow_links=False)  # archives, not the web
    tasks, errors = plan(targets, split_bytes)
    report = BackfillReport(tasks=len(tasks))
    for error in errors:
        _reject(report, error.source, error.kind, error.reason)
    if on_start is not None:
        on_start(len(tasks))
    if tasks:
        spark = _session(master)
        try:
            _store_stream(store, _results(spark.sparkContext, tasks, options), report, batch_size, on_batch)
        except StorylineError:
            raise
        except Exception as exc:  # py4j / Spark job failure: one line, not a JVM stack trace
            raise BackfillError(f"Spark job failed: {_first_line(exc)}") from exc
        finally:
            spark.stop()
    if cluster:
        from storyline.cluster.run import cluster_store

        report.clustered = to_dict(cluster_store(store))
    report.seconds = time.perf_counter() - started
    return report


def _results(sc: Any, tasks: list[Task], options: ReadOptions) -> Iterator[tuple[Any, ...]]:
    """Every task's rows in task order, computed a wave of tasks at a time on all executors.

    Why waves and not ``toLocalIterator``: that runs one partition at a time (one core busy); a wave
    of twice the cluster's cores keeps every core busy while the driver holds at most one wave's
    results in memory.
    """
    rdd = sc.parallelize(tasks, len(tasks)).flatMap(lambda task: run_task(task, options))
    wave = max(1, 2 * sc.defaultParallelism)
    for first in range(0, len(tasks), wave):
        yield from sc.runJob(rdd, list, range(first, min(first + wave, len(tasks))))


def _store_stream(
    store: Store,
    rows: Iterator[tuple[Any, ...]],
    report: BackfillReport,
    batch_size: int,
    on_batch: Callable[[int], None] | None,
) -> None:
    """Store the results batch by batch, each batch one transaction; corpus-level stage work after."""
    finisher = Pipeline.from_registry()  # its stages' ``finish`` (entity linking) runs on the driver
    seen_ids: dict[tuple[str, str], int] = {}
    batch: list[tuple[Article, Analysis | None]] = []
    for row in rows:
        if row[0] == "error":
            _reject(report, *row[1:])
            continue
        if row[0] == "cpu":
            report.executor_cpu_s += row[1]
            continue
        _, article_data, analysis_data, failures = row
        article = from_dict(Article, article_data)
        _keep_ids_unique(article, seen_ids)
        report.failures.extend(failures)
        batch.append((article, from_dict(Analysis, analysis_data) if analysis_data else None))
        if len(batch) >= batch_size:
            _commit(store, batch, report, finisher, on_batch)
    if batch:
        _commit(store, batch, report, finisher, on_batch)


def _keep_ids_unique(article: Article, seen: dict[tuple[str, str], int]) -> None:
    """An id repeated in one archive, across two tasks, is handled as ``parse_jsonl`` does in one."""
    own = article.meta.get("item_id")
    if own is None:
        return
    key = (article.source or "", str(own))
    if key in seen:
        article.meta["duplicate_id_of_line"] = seen[key]
        del article.meta["item_id"]
    else:
        seen[key] = int(article.meta.get("item_index") or 0)


def _commit(
    store: Store,
    batch: list[tuple[Article, Analysis | None]],
    report: BackfillReport,
    finisher: Pipeline,
    on_batch: Callable[[int], None] | None,
) -> None:
    articles = [a for a, _ in batch]
    with store.transaction() as conn:
        for saved in store.save_articles(articles, conn):
            report.counts[saved.status] += 1
        analysed = [(a, an) for a, an in batch if an is not None]
        report.analyzed += store.save_analyses(((a.id, an) for a, an in analysed), conn)
    for article, analysis in analysed:
        article.analysis = analysis
    finisher.finish(store, [a for a, _ in analysed])
    if on_batch is not None:
        on_batch(len(batch))
    batch.clear()


def _reject(report: BackfillReport, source: str, kind: str, reason: str) -> None:
    report.counts["rejected"] += 1
    report.errors.append({"input": source, "kind": kind, "error": reason})


def _session(master: str) -> Any:
    """A Spark session whose Python workers run this interpreter (so they import this storyline)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise BackfillError(
            "pyspark is not installed (make install puts the pinned version in .venv)"
        ) from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        spark = (
            SparkSession.builder.master(master)
            .appName("storyline-backfill")
            .config("spark.ui.enabled", "false")
            .config("spark.python.worker.reuse", "true")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
    except Exception as exc:  # no Java, a bad master URL: the JVM's reason in one line
        raise BackfillError(f"cannot start Spark ({master}): {_first_line(exc)}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

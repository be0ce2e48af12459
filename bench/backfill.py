"""Spark backfill speed against the single-machine path on the same archive, in one run.

    .venv/bin/python bench/backfill.py                    # BSNLP (867 articles), local[1] and local[2]
    .venv/bin/python bench/backfill.py --copies 3 --json  # the archive three times (new ids), as JSON

What is timed: ingest + analyse + entities + storing, without clustering (the same on both paths and
measured by bench/cluster.py). The reference is the single-machine library path (``ingest`` then
``analyze_store``) in this process; the backfill runs on a local Spark with 1 and with N cores.

CPU time: the reference's is this process's; the backfill's is the driver's plus the tasks' own (each
task reports its Python CPU time; the JVM's share, piping rows, is not counted), so articles per CPU
second is a per-core figure that other load on the machine does not distort. Wall time is printed
too: it shows the parallel speed-up on an idle machine and Spark's start-up cost (reported apart).
Peak memory: the driver's maximum RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
NEWS = SHARED / "data" / "news" / "bsnlp_uk_ru.jsonl"


def archive(folder: Path, copies: int) -> tuple[Path, int]:
    """The BSNLP corpus ``copies`` times over, each copy's ids made new (so nothing is "unchanged")."""
    lines = [json.loads(x) for x in NEWS.read_text(encoding="utf-8").splitlines() if x.strip()]
    path = folder / "archive.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for copy in range(copies):
            for record in lines:
                record = dict(record, id=f"{copy}-{record.get('id') or record.get('doc_id')}")
                record.pop("doc_id", None)
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path, copies * len(lines)


def reference(path: Path, db: Path) -> dict:
    from storyline.ingest import ReadOptions
    from storyline.ingest.batch import ingest
    from storyline.pipeline import analyze_store
    from storyline.store import Store

    wall, cpu = time.perf_counter(), time.process_time()
    with Store.open(str(db)) as store:
        ingest(store, [str(path)], ReadOptions(follow_links=False))
        report = analyze_store(store)
    return {
        "articles": report.analyzed,
        "wall_s": round(time.perf_counter() - wall, 1),
        "cpu_s": round(time.process_time() - cpu, 1),
    }


def spark(path: Path, db: Path, master: str, split_mb: int) -> dict:
    from storyline.backfill import backfill
    from storyline.store import Store

    wall, cpu = time.perf_counter(), time.process_time()
    with Store.open(str(db)) as store:
        report = backfill(
            store, [str(path)], master=master, split_bytes=split_mb * 1024 * 1024, cluster=False
        )
    return {
        "articles": report.analyzed,
        "tasks": report.tasks,
        "wall_s": round(time.perf_counter() - wall, 1),
        "cpu_s": round(time.process_time() - cpu + report.executor_cpu_s, 1),
    }


def spark_startup(master: str) -> float:
    from storyline.backfill import _session

    started = time.perf_counter()
    _session(master).stop()
    return round(time.perf_counter() - started, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=1, help="the corpus this many times over")
    parser.add_argument("--cores", type=int, default=2, help="the larger local[N] to run")
    parser.add_argument("--split-mb", type=int, default=1, help="MB of the archive per Spark task")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the median is reported")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not NEWS.exists():
        sys.exit(f"missing {NEWS}")
    runs: dict[str, list[dict]] = {"reference": [], "local[1]": [], f"local[{args.cores}]": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, n = archive(folder, args.copies)
        startup = spark_startup("local[1]")
        for r in range(args.repeat):
            runs["reference"].append(reference(path, folder / f"ref{r}.db"))
            for master in list(runs)[1:]:
                runs[master].append(spark(path, folder / f"{master}{r}.db", master, args.split_mb))
    result = {"articles": n, "spark_startup_s": startup, "runs": {}}
    for name, items in runs.items():
        wall = statistics.median(x["wall_s"] for x in items)
        cpu = statistics.median(x["cpu_s"] for x in items)
        result["runs"][name] = {
            "analysed": items[0]["articles"],
            "wall_s": wall,
            "cpu_s": cpu,
            "articles_per_s": round(n / wall, 1),
            "articles_per_cpu_s": round(n / cpu, 1),
        }
    ref = result["runs"]["reference"]["articles_per_cpu_s"]
    for name in list(runs)[1:]:
        result["runs"][name]["per_core_vs_reference"] = round(
            result["runs"][name]["articles_per_cpu_s"] / ref, 2
        )
    result["peak_rss_mb"] = {"driver": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{n} articles; Spark start-up {startup} s")
    for name, row in result["runs"].items():
        print(f"{name:10} " + "  ".join(f"{k} {v}" for k, v in row.items()))
    print(f"peak RSS: {result['peak_rss_mb']}")


if __name__ == "__main__":
    main()

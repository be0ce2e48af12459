"""Benchmark: ingest + clean throughput (articles/s on one core) and peak memory.

    .venv/bin/python bench/ingest.py                 # 10,000 articles, 3 repeats, median
    .venv/bin/python bench/ingest.py -n 20000 --json

Three measurements, each repeated in a fresh subprocess (so peak RSS is that run's own):
- ``read+clean``: JSONL → Draft → clean Article (normalise, boilerplate, repair, metadata), no store.
- ``read+clean+store``: the same plus idempotent saving into a fresh SQLite file (what `ingest` does).
- ``html: ours`` vs ``html: trafilatura``: 1,000 HTML pages through our whole HTML path vs bare
  ``trafilatura.extract`` on the same pages, in the same process — the ratio shows what our metadata,
  cleaning and repair cost on top of the reference extractor.
The corpus recombines real paragraphs from ../shared (see bench/corpus.py).
"""

from __future__ import annotations

import argparse
import html
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate, write_jsonl

PAGE = """<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="УНН">
<meta property="article:published_time" content="2022-02-01T19:45:00+02:00"></head><body>
<nav><a href="/">Головна</a> <a href="/news">Новини</a> <a href="/world">Світ</a></nav>
<aside class="ad">Реклама: купуйте квартири зі знижкою</aside><article><h1>{title}</h1>{body}</article>
<section class="comments"><p>Коментар читача, який не є текстом статті.</p></section>
<footer>© УНН. Усі права захищені.</footer></body></html>"""


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(kind: str, n: int) -> dict:
    from storyline.ingest import ReadOptions, read_inputs
    from storyline.model import Article

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if kind.startswith("html"):
            pages = [
                PAGE.format(
                    title=html.escape(r["title"]),
                    body="".join(f"<p>{html.escape(p)}</p>" for p in r["text"].split("\n\n")),
                )
                for r in generate(n)
            ]
            if kind == "html-trafilatura":
                import trafilatura

                start = time.perf_counter()
                done = sum(1 for p in pages if trafilatura.extract(p))
            else:
                from storyline.clean import clean
                from storyline.ingest.html import parse_html

                start = time.perf_counter()
                done = sum(1 for i, p in enumerate(pages) if clean(parse_html(p, f"page{i}")).title)
            elapsed = time.perf_counter() - start
            return {"kind": kind, "articles": done, "seconds": elapsed, "maxrss_mb": _maxrss_mb()}
        path = write_jsonl(tmpdir / "corpus.jsonl", n)
        start = time.perf_counter()
        items = read_inputs([str(path)], ReadOptions())
        if kind == "read+clean+store":
            from storyline.store import Store

            store = Store.open(tmpdir / "bench.db")
            batch, done = [], 0
            for item in items:
                if isinstance(item, Article):
                    batch.append(item)
                if len(batch) >= 200:
                    done += len(store.save_articles(batch))
                    batch = []
            done += len(store.save_articles(batch))
            store.close()
        else:
            done = sum(1 for item in items if isinstance(item, Article))
        elapsed = time.perf_counter() - start
        return {"kind": kind, "articles": done, "seconds": elapsed, "maxrss_mb": _maxrss_mb()}


def run(kind: str, n: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", kind, "-n", str(n)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=10_000, help="articles in the corpus (HTML: n/10)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.n)))
        return
    plan = [
        ("read+clean", args.n),
        ("read+clean+store", args.n),
        ("html-ours", args.n // 10),
        ("html-trafilatura", args.n // 10),
    ]
    rows = []
    for kind, n in plan:
        runs = [run(kind, n) for _ in range(args.repeat)]
        if not runs[0]["articles"]:
            raise SystemExit(f"{kind}: no article was processed — the benchmark is broken, not fast")
        rates = [r["articles"] / r["seconds"] for r in runs]
        rows.append(
            {
                "stage": kind,
                "articles": runs[0]["articles"],
                "articles_per_s_per_core": round(statistics.median(rates), 1),
                "runs": [round(r, 1) for r in rates],
                "peak_rss_mb": round(statistics.median(r["maxrss_mb"] for r in runs), 1),
            }
        )
    ours = next(r for r in rows if r["stage"] == "html-ours")["articles_per_s_per_core"]
    ref = next(r for r in rows if r["stage"] == "html-trafilatura")["articles_per_s_per_core"]
    result = {"rows": rows, "html_ratio_ours_vs_trafilatura": round(ours / ref, 2)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{'stage':<20} {'articles':>9} {'art/s/core':>11} {'peak RSS MB':>12}  runs")
    for r in rows:
        print(
            f"{r['stage']:<20} {r['articles']:>9} {r['articles_per_s_per_core']:>11} {r['peak_rss_mb']:>12}  {r['runs']}"
        )
    print(
        f"HTML path speed relative to bare trafilatura.extract: {result['html_ratio_ours_vs_trafilatura']}x"
    )


if __name__ == "__main__":
    main()

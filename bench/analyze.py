"""Benchmark the analyze stage: articles/s on one core, per-step time shares, peak memory.

The corpus is ≥ 10,000 real-length articles built by recombining real paragraphs from
``../shared/data/news/*.jsonl`` (deterministically, seed 0): each synthetic article takes a real title
and as many same-language paragraphs as a randomly chosen real article has, so length and vocabulary
are those of real news. Each run uses a fresh :class:`Analyzer` in this one process; run 1 starts with
cold word caches, later runs are warm (as in a long ``storyline analyze``). The median of the runs is
reported.

Run: ``.venv/bin/python bench/analyze.py [--articles 10000] [--runs 3] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from collections import defaultdict

from storyline.analyze import Analyzer
from storyline.analyze.corpus import shared_news


def build_corpus(n: int, seed: int = 0) -> list[tuple[str, str, str | None]]:
    """``n`` (text, language, published) made of real titles and paragraphs, per language."""
    docs = list(shared_news())
    if not docs:
        sys.exit("no shared news found (../shared/data/news)")
    paragraphs: dict[str, list[str]] = defaultdict(list)
    for text, lang, _ in docs:
        paragraphs[lang or "uk"].extend(text.split("\n\n")[1:])
    rng = random.Random(seed)
    corpus = []
    for _ in range(n):
        text, lang, date = rng.choice(docs)
        parts = text.split("\n\n")
        body = rng.sample(paragraphs[lang or "uk"], k=min(len(parts) - 1 or 1, len(paragraphs[lang or "uk"])))
        corpus.append(("\n\n".join([parts[0], *body]), lang or "uk", date))
    return corpus


def run_once(corpus: list[tuple[str, str, str | None]]) -> dict:
    analyzer = Analyzer()
    t0, c0 = time.perf_counter(), time.process_time()
    for text, _lang, date in corpus:
        analyzer.analyze_text(text, published=date)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    steps = dict(analyzer.timings)
    total = sum(steps.values()) or 1.0
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "articles_per_second": round(len(corpus) / seconds, 1),
        # per core: articles per second of this process's own CPU time, which does not depend on how
        # busy the other cores (and the other users of this core) are
        "articles_per_cpu_second": round(len(corpus) / cpu, 1),
        "shares": {k: round(v / total, 3) for k, v in sorted(steps.items(), key=lambda kv: -kv[1])},
        "lingua_calls": analyzer.identifier.lingua_calls,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description="analyze-stage throughput on one core")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    corpus = build_corpus(args.articles)
    chars = statistics.median(len(t) for t, _, _ in corpus)
    runs = [run_once(corpus) for _ in range(args.runs)]
    median = statistics.median(r["articles_per_second"] for r in runs)
    median_cpu = statistics.median(r["articles_per_cpu_second"] for r in runs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": len(corpus),
        "median_chars": chars,
        "runs": runs,
        "median_articles_per_second": median,
        "median_articles_per_cpu_second": median_cpu,
        "cold_articles_per_cpu_second": runs[0]["articles_per_cpu_second"],
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(peak_mb, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"analyze bench: {len(corpus)} articles (median {chars:.0f} chars), {args.runs} runs, one core")
    print(f"{'run':<6}{'wall s':>9}{'cpu s':>9}{'art/s':>9}{'art/cpu-s':>11}   step shares")
    for i, r in enumerate(runs, 1):
        shares = ", ".join(f"{k} {v:.0%}" for k, v in r["shares"].items())
        print(
            f"{i:<6}{r['seconds']:>9}{r['cpu_seconds']:>9}{r['articles_per_second']:>9}"
            f"{r['articles_per_cpu_second']:>11}   {shares}"
        )
    print(
        f"median {median_cpu} articles per CPU-second (wall {median}/s at load {result['load_average_1min']}); "
        f"cold first run {runs[0]['articles_per_cpu_second']}; peak RSS {peak_mb:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

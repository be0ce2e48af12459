"""Search latency on a large store: 100k synthetic articles recombined from real analysed paragraphs.

    .venv/bin/python bench/search.py                 # 100,000 articles (built once, cached)
    .venv/bin/python bench/search.py --n 20000 --json

Corpus: the BSNLP articles analysed by the real pipeline (eval/views_corpus.py); each synthetic article
takes a real title and 2–4 real body paragraphs of the same language, with their tokens, lemmas and
sentences shifted to the new offsets — so the index holds real Ukrainian/Russian lemma statistics, at
a hundred times the volume. Rows go in with plain INSERTs; the FTS5 index is filled by the same
triggers as in production, so build throughput (articles/s) includes indexing.

Queries: the 31 queries of eval/gold/search plus their words one at a time (frequent single lemmas are
the expensive case for BM25). Each query runs through ``storyline.views.search.search`` exactly as the
CLI and API call it, with snippets for the top 20 hits ("full") and without ("rank only"). Every
figure is the median over ≥ 3 repeats; peak memory is the process's max RSS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

from views_corpus import DEFAULT_DB, build_store  # noqa: E402

from storyline.model import PARAGRAPH_SEPARATOR, to_dict  # noqa: E402
from storyline.store import Store  # noqa: E402
from storyline.store.schema import analyses, articles  # noqa: E402
from storyline.views.search import Filters, search  # noqa: E402

BENCH_DB = Path("/tmp/storyline-bench-search/search-{n}.db")
GOLD = ROOT / "eval" / "gold" / "search" / "queries.jsonl"
BATCH = 2000
REPEATS = 3
TARGET_MS = 50.0


def paragraph_pool(source: Store) -> tuple[dict[str, list], dict[str, list]]:
    """Per language: titles and body paragraphs, each as (text, tokens, sentences) relative to itself."""
    titles: dict[str, list] = {}
    paragraphs: dict[str, list] = {}
    for a in source.iter_articles(with_analysis=True):
        if a.analysis is None or a.language not in ("uk", "ru"):
            continue
        spans = [(0, len(a.title)), *a.paragraph_offsets()]
        for i, (start, end) in enumerate(spans):
            toks = [
                {**to_dict(t), "start": t.start - start, "end": t.end - start}
                for t in a.analysis.tokens
                if start <= t.start < end
            ]
            sents = [
                {"start": s.start - start, "end": s.end - start}
                for s in a.analysis.sentences
                if start <= s.start < end
            ]
            item = (a.text[start:end], toks, sents)
            (titles if i == 0 else paragraphs).setdefault(a.language, []).append(item)
    return titles, paragraphs


def synthetic(i: int, lang: str, titles: list, paragraphs: list, rng: random.Random) -> tuple[dict, dict]:
    parts = [rng.choice(titles), *rng.sample(paragraphs, rng.randint(2, 4))]
    text_parts, tokens, sentences, pos = [], [], [], 0
    for text, toks, sents in parts:
        text_parts.append(text)
        tokens += [{**t, "start": t["start"] + pos, "end": t["end"] + pos} for t in toks]
        sentences += [{"start": s["start"] + pos, "end": s["end"] + pos} for s in sents]
        pos += len(text) + len(PARAGRAPH_SEPARATOR)
    article_id = f"bench{i:08d}"
    published = dt.datetime(2020, 1, 1) + dt.timedelta(hours=rng.randint(0, 24 * 700))
    now = dt.datetime(2024, 1, 1)
    article = {
        "id": article_id,
        "identity": "bench:" + article_id,
        "url": None,
        "outlet": f"outlet{rng.randint(1, 60)}",
        "outlet_source": "explicit",
        "title": text_parts[0],
        "lead": None,
        "body": [{"text": t, "section": None} for t in text_parts[1:]],
        "published_at": published,
        "date_precision": "minute",
        "date_source": "explicit",
        "language": lang,
        "author": None,
        "source": "bench",
        "source_format": "jsonl",
        "raw_hash": None,
        "content_hash": article_id,
        "ingested_at": now,
        "updated_at": now,
        "changes": [],
        "meta": {},
    }
    data = {"language": {"code": lang, "confidence": 1.0}, "sentences": sentences, "tokens": tokens}
    analysis = {
        "article_id": article_id,
        "content_hash": article_id,
        "version": "bench",
        "language": lang,
        "data": data,
        "lemma_text": " ".join(t["lemma"] for t in tokens if t.get("pos") != "PUNCT"),
        "analyzed_at": now,
    }
    return article, analysis


def build(n: int, path: Path) -> dict:
    """Create (or reuse) the bench store with ``n`` articles; returns build figures."""
    store = Store.open(path)
    have = store.count_articles()
    if have >= n:
        store.close()
        return {"built": False, "articles": have}
    source = build_store(DEFAULT_DB, quiet=True)
    titles, paragraphs = paragraph_pool(source)
    source.close()
    rng = random.Random(42)
    langs = sorted(paragraphs)
    t0 = time.perf_counter()
    for start in range(have, n, BATCH):
        rows = [
            synthetic(i, lang := rng.choice(langs), titles[lang], paragraphs[lang], rng)
            for i in range(start, min(n, start + BATCH))
        ]
        with store.transaction() as conn:
            conn.execute(articles.insert(), [r[0] for r in rows])
            conn.execute(analyses.insert(), [r[1] for r in rows])
        print(f"built {min(n, start + BATCH)}/{n}", file=sys.stderr)
    elapsed = time.perf_counter() - t0
    store.close()
    return {
        "built": True,
        "articles": n,
        "build_s": round(elapsed, 1),
        "articles_per_s": round((n - have) / elapsed, 1),
    }


def queries() -> list[tuple[str, str]]:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = [(q["query"], q["lang"]) for q in gold]
    out += [(w, q["lang"]) for q in gold for w in q["query"].split() if len(w) > 3]
    return out


def measure(store: Store, qs: list[tuple[str, str]], snippets: bool, lang_filter: bool) -> list[float]:
    times = []
    for q, lang in qs:
        filters = Filters(language=lang) if lang_filter else None
        t0 = time.perf_counter()
        search(store, q, filters, limit=20, snippets=snippets)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def run(n: int, repeats: int) -> dict:
    path = Path(str(BENCH_DB).format(n=n))
    figures = build(n, path)
    store = Store.open(path)
    qs = queries()
    measure(store, qs[:5], True, False)  # warm: dictionaries loaded, pages cached
    results = {}
    for label, snippets, lang_filter in (
        ("rank only", False, False),
        ("full (snippets)", True, False),
        ("full + language filter", True, True),
    ):
        medians, p95s = [], []
        for _ in range(repeats):
            times = measure(store, qs, snippets, lang_filter)
            medians.append(statistics.median(times))
            p95s.append(statistics.quantiles(times, n=20)[-1])
        results[label] = {
            "median_ms": round(statistics.median(medians), 2),
            "p95_ms": round(statistics.median(p95s), 2),
        }
    store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": n,
        "queries": len(qs),
        "repeats": repeats,
        "build": figures,
        "latency": results,
        "peak_rss_mb": round(peak_mb, 1),
        "target_median_ms": TARGET_MS,
        "db_mb": round(path.stat().st_size / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.n, max(3, args.repeats))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['articles']:,} articles, {result['queries']} queries × {result['repeats']} repeats, db {result['db_mb']} MB"
    )
    if result["build"].get("built"):
        print(f"build+index: {result['build']['articles_per_s']} articles/s")
    print(f"{'mode':<26}{'median ms':>10}{'p95 ms':>9}")
    for label, m in result["latency"].items():
        print(f"{label:<26}{m['median_ms']:>10.2f}{m['p95_ms']:>9.2f}")
    print(f"peak RSS {result['peak_rss_mb']} MB; target median < {TARGET_MS} ms")


if __name__ == "__main__":
    main()

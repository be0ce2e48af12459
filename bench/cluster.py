"""Benchmark: dedupe + online event clustering, articles/s per core and peak memory, 10k → 1M articles.

    .venv/bin/python bench/cluster.py                      # 10k and 100k, 3 repeats each, median
    .venv/bin/python bench/cluster.py --sizes 1000000 --repeats 1 --json
    .venv/bin/python bench/cluster.py --features text      # the raw-text fallback features instead

The corpus is synthetic but built from real text: the articles of ../shared/data/news (BSNLP uk+ru and
BRUK press) go once through the product's own pipeline (analysis + entities, 1-2 min on one core), and
each headline and paragraph becomes clustering features exactly as
:func:`~storyline.cluster.features.extract_features` reads an analysed article: content lemmas, entity
ids of mentions, resolved dates, numbers, headline keys, folded words for shingles. ``--features text``
gives the fallback an article gets when analysis failed (6-letter word keys, capitalised words as
entities, regex dates: ~20% more term keys and ~50% more entity keys per article, so slower), which is
what sessions before the fifth measured. The pool is built once, in a process of its own, and handed to
each size's subprocess. A streaming generator recombines the pool into articles: each synthetic event
takes a real article's title and paragraphs, adds a paragraph from another article, renames its entities
(entity keys get an event-specific suffix, so two events built on the same real article do not share
actors) and spreads its reports over hours to days; 15% of articles are near copies (reprints) of a
recent one; time advances 30 s per article (1M articles ≈ 11 months). Features (headline keys included, as
:func:`~storyline.cluster.features.extract_features` gives them) are precomputed because the benchmark is
about clustering, whose target is ≥ 1,000 articles/s per core; feature extraction belongs to the
Analysis stage and is measured there.

Each size runs in a fresh subprocess. The stream is generated lazily and only ``clusterer.add`` is timed
(CPU time), so the rate excludes generation at every size; the time spent inside dedupe (the
VersionGrouper) is counted apart, and the table gives clustering alone and dedupe + clustering, overall
and per tenth of the stream (a falling per-tenth rate means the cost per article grows with the corpus).
Peak RSS = ru_maxrss of that process (the corpus pool of ~1,400 real articles included); closed events
are streamed out (``on_close``), as a server would write them to the store, so memory is the working
set: the index of recent events and the dedupe window.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT / "src"))

from storyline.cluster.events import OnlineClusterer  # noqa: E402
from storyline.cluster.features import Features, extract_features  # noqa: E402
from storyline.model import PARAGRAPH_SEPARATOR, Analysis, Article, Paragraph, Span, Token  # noqa: E402

SECONDS_PER_ARTICLE = 30.0
OPEN_EVENTS = 300  # events receiving reports at any moment
COPY_RATE = 0.15
BASE_TIME = 1_600_000_000.0


Pool = list[tuple[Features, list[Features]]]


def load_pool(features: str = "pipeline") -> Pool:
    """Real articles as (headline features, [paragraph features]); ``features``: "pipeline" (analysis +
    entities, what the product clusters on) or "text" (the raw-text fallback)."""
    pipeline = _pipeline() if features == "pipeline" else None
    pool = []
    for name in ("bsnlp_uk_ru.jsonl", "bruk_press.jsonl"):
        path = SHARED / "data" / "news" / name
        if not path.exists():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            r = json.loads(line)
            paragraphs = [p for p in (r.get("text") or "").split("\n") if len(p.strip()) > 40][:8]
            if not paragraphs:
                continue
            lang = r.get("lang") or "uk"
            title_text = r.get("title") or paragraphs[0][:100]
            if pipeline is not None:
                article = Article(
                    f"{name}:{n}", title_text, [Paragraph(p) for p in paragraphs], language=lang
                )
                pool.append(analysed_parts(pipeline(article)))
                continue
            title = extract_features(Article(f"t{n}", title_text, language=lang))
            paras = [
                extract_features(Article(f"p{n}", "", [Paragraph(p)], language=lang)) for p in paragraphs
            ]
            pool.append((title, paras))
    return pool


def _pipeline():
    """The product's analysis + entities stages (the models must be installed)."""
    from storyline.pipeline import Pipeline

    pipeline = Pipeline.from_registry()
    _ = pipeline.stages  # load the models now: a missing one fails here, not mid-pool
    return pipeline


def analysed_parts(article: Article) -> tuple[Features, list[Features]]:
    """An analysed article's headline and each paragraph as features of their own: the analysis (tokens,
    mentions, dates) cut to the part's span and moved to the part's coordinates, then read by
    :func:`extract_features` as if the part were an analysed article (the headline part weighs its
    keys as a headline)."""
    title = _part(article, article.title, "", 0, len(article.title))
    paras = [
        _part(article, "", p.text, start, end)
        for p, (start, end) in zip(article.body, article.paragraph_offsets(), strict=True)
    ]
    return title, paras


def _part(article: Article, title: str, body: str, start: int, end: int) -> Features:
    analysis = article.analysis
    part = Article(article.id, title, [Paragraph(body)] if body else [], language=article.language)
    if analysis is None:  # a stage failed on this article: the fallback features, as the product does
        return extract_features(part)
    shift = (len(title) + len(PARAGRAPH_SEPARATOR) if body else 0) - start

    def inside(span: Span) -> bool:
        return start <= span.start and span.end <= end

    def moved(span: Span) -> Span:
        return Span(span.start + shift, span.end + shift)

    part.analysis = Analysis(
        language=analysis.language,
        tokens=[
            Token(t.text, t.start + shift, t.end + shift, t.lemma, t.pos, t.sentence)
            for t in analysis.tokens
            if start <= t.start and t.end <= end
        ],
        dates=[replace(d, span=moved(d.span)) for d in analysis.dates if inside(d.span)],
        mentions=[replace(m, span=moved(m.span)) for m in analysis.mentions if inside(m.span)],
    )
    feats = extract_features(part)
    # A part without mentions (or dates) of an article that has them has none: the product reads the
    # whole article's analysis and falls back to capitalised words (regex dates) only when it has none.
    if analysis.mentions and not part.analysis.mentions:
        feats.entities, feats.entity_names = {}, {}
    if analysis.dates and not part.analysis.dates:
        feats.dates = frozenset()
    return feats


def _renamed(counter: dict[str, float], suffix: str) -> dict[str, float]:
    return {f"{k}{suffix}": v for k, v in counter.items()}


def generate(n: int, pool: Pool, seed: int = 7) -> Iterator[Features]:
    """A time-ordered stream of ``n`` synthetic articles (see module docstring)."""
    rng = random.Random(seed)
    open_events: list[tuple[int, int, int]] = []  # (event number, base article index, noise article index)
    recent: list[Features] = []
    event_no = 0
    for i in range(n):
        t = BASE_TIME + i * SECONDS_PER_ARTICLE
        if recent and rng.random() < COPY_RATE:
            src = rng.choice(recent[-500:])
            words = list(src.fingerprint)
            for _ in range(max(1, len(words) // 30)):  # a light edit
                words[rng.randrange(len(words))] = "edit"
            yield Features(
                f"a{i}",
                t,
                src.language,
                "copy-outlet",
                src.title,
                src.terms,
                src.entities,
                {},
                src.dates,
                words,
                src.title_terms,
                src.source,
            )
            continue
        if len(open_events) < OPEN_EVENTS or rng.random() < 0.12:
            event_no += 1
            open_events.append((event_no, rng.randrange(len(pool)), rng.randrange(len(pool))))
            if len(open_events) > OPEN_EVENTS:
                open_events.pop(rng.randrange(len(open_events) // 3))  # older events fade out first
        e, base, noise = open_events[min(int(rng.expovariate(1 / 40)), len(open_events) - 1)]
        title, paras = pool[base]
        k = max(1, min(len(paras), rng.randint(2, 5)))
        chosen = [*rng.sample(paras, k=k), rng.choice(pool[noise][1])]
        terms: Counter[str] = Counter(title.terms)
        entities: Counter[str] = Counter(title.entities)
        words: list[str] = list(title.fingerprint)
        dates: set[str] = set(title.dates)
        for p in chosen:
            terms.update(p.terms)
            entities.update(p.entities)
            words.extend(p.fingerprint)
            dates |= p.dates
        suffix = f"#{e % 5000}"
        fingerprint = [w + suffix if n % 5 == 0 else w for n, w in enumerate(words[:400])]  # renamed "names"
        feats = Features(
            f"a{i}", t, title.language, f"outlet{rng.randrange(200)}", title.title,
            dict(terms), _renamed(entities, suffix), {}, frozenset(dates), fingerprint, title.title_terms,
            title.source,
        )  # fmt: skip
        recent.append(feats)
        yield feats
        if len(recent) > 2000:
            del recent[:1000]


class _TimedDedupe:
    """Wraps the clusterer's VersionGrouper to count the CPU seconds spent in dedupe."""

    def __init__(self, grouper) -> None:
        self.grouper = grouper
        self.cpu = 0.0

    def add(self, *args, **kwargs):
        t = time.process_time()
        try:
            return self.grouper.add(*args, **kwargs)
        finally:
            self.cpu += time.process_time() - t

    def __len__(self) -> int:
        return len(self.grouper)


def run_once(n: int, pool: Pool) -> dict:
    """One size in this process: the stream is generated lazily and only ``clusterer.add`` is timed."""
    closed = 0

    def sink(_event) -> None:
        nonlocal closed
        closed += 1

    clusterer = OnlineClusterer(on_close=sink)
    dedupe = clusterer.versions = _TimedDedupe(clusterer.versions)
    tenth = max(1, n // 10)
    total = dedupe_mark = 0.0
    mark = 0.0
    per_tenth_all, per_tenth_cluster = [], []
    clock = time.process_time
    for k, feats in enumerate(generate(n, pool), 1):
        t = clock()
        clusterer.add(feats)
        total += clock() - t
        if k % tenth == 0:
            spent, spent_dedupe = total - mark, dedupe.cpu - dedupe_mark
            per_tenth_all.append(round(tenth / spent))
            per_tenth_cluster.append(round(tenth / (spent - spent_dedupe)))
            mark, dedupe_mark = total, dedupe.cpu
    cluster_cpu = total - dedupe.cpu
    return {
        "articles": n,
        "cpu_s": round(total, 2),
        "dedupe_cpu_s": round(dedupe.cpu, 2),
        "cluster_cpu_s": round(cluster_cpu, 2),
        "articles_per_s_per_core": round(n / total),
        "cluster_articles_per_s_per_core": round(n / cluster_cpu),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "events": closed + sum(1 for e in clusterer.events.values()),
        "active_events_at_end": sum(1 for e in clusterer.events.values() if e.active),
        "dedupe_window": len(dedupe),
        # what the cost per article could grow with: all bounded by the window, except the vocabulary
        "df_keys": len(clusterer.dfs.df),
        "index_keys": len(clusterer.postings),
        "members_of_active_events": len(clusterer.article_event),
        "per_tenth_articles_per_s": per_tenth_all,
        "per_tenth_cluster_articles_per_s": per_tenth_cluster,
    }


def _runs(n: int, repeats: int, pool_path: Path) -> list[dict]:
    """``repeats`` runs of size ``n``, each in a fresh process (no state or heap shared between runs)."""
    runs = []
    for _ in range(repeats):
        command = [sys.executable, __file__, "--child", str(n), "--pool", str(pool_path)]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return runs


def _median_of(runs: list[dict], features: str) -> dict:
    """The median of every figure over the runs (per tenth: tenth by tenth)."""
    med = dict(runs[0])
    for key in (
        "cpu_s",
        "dedupe_cpu_s",
        "cluster_cpu_s",
        "articles_per_s_per_core",
        "cluster_articles_per_s_per_core",
        "peak_rss_mib",
    ):
        med[key] = statistics.median(r[key] for r in runs)
    for key in ("per_tenth_articles_per_s", "per_tenth_cluster_articles_per_s"):
        med[key] = [statistics.median(tenth) for tenth in zip(*(r[key] for r in runs), strict=True)]
    med["repeats"] = len(runs)
    med["features"] = features
    return med


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--features", choices=["pipeline", "text"], default="pipeline")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pool", type=Path, help=argparse.SUPPRESS)  # the child's pickled pool
    parser.add_argument("--build-pool", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_pool:
        args.build_pool.write_bytes(pickle.dumps(load_pool(args.features), protocol=pickle.HIGHEST_PROTOCOL))
        return 0
    if args.child:
        print(json.dumps(run_once(args.child, pickle.loads(args.pool.read_bytes()))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        # Built in a process of its own: a child inherits its parent's peak RSS across fork and exec
        # (Linux ru_maxrss), so the parent must never hold the pipeline's models.
        pool_path = Path(tmp) / "pool.pickle"
        build = [sys.executable, __file__, "--build-pool", str(pool_path), "--features", args.features]
        subprocess.run(build, check=True)
        rows = [_median_of(_runs(n, args.repeats, pool_path), args.features) for n in args.sizes]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(
        f"{'articles':>10} {'cluster/s':>10} {'all/s':>7} {'cpu s':>8} {'dedupe s':>9} {'peak MiB':>9} "
        f"{'events':>8} {'active':>7}  per-tenth art/s: clustering alone | dedupe + clustering"
        f"  ({rows[0]['features'] if rows else args.features} features)"
    )
    for r in rows:
        print(
            f"{r['articles']:>10,} {r['cluster_articles_per_s_per_core']:>10,} "
            f"{r['articles_per_s_per_core']:>7,} {r['cpu_s']:>8} {r['dedupe_cpu_s']:>9} "
            f"{r['peak_rss_mib']:>9} {r['events']:>8,} {r['active_events_at_end']:>7}  "
            f"{r['per_tenth_cluster_articles_per_s']} | {r['per_tenth_articles_per_s']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

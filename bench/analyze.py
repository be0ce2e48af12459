"""Benchmark the analyze stage: articles per CPU-second on one core, per-step shares, peak memory.

The corpus is ≥ 10,000 real-length articles built by recombining real paragraphs from
``../shared/data/news/*.jsonl`` (deterministically, seed 0): each synthetic article takes a real title
and as many same-language paragraphs as a randomly chosen real article has, so length and vocabulary
are those of real news.

One :class:`Analyzer` is built and its models loaded first (pymorphy3 uk/ru, lingua, the keyword
table: the load time is reported apart). Then:

- ``--runs`` cold passes over the whole corpus, each starting with every word cache (and the language
  identifier's memo of short lines) emptied (what a fresh ``storyline analyze`` over these articles
  costs, less the model loading); the headline figure is their median;
- one warm pass with the caches the last cold pass left (a long run whose vocabulary is known);
- a cold start: the first ``--cold`` articles (1,000) from empty caches, where nearly every word form
  is new (pymorphy3 parses it and the ranking reads its tags: the first sight of a form costs tens of
  times its later lookups). It is what a fresh process pays on its first batch, and it is hidden in the
  headline, whose later articles find most forms known.

Speed is CPU time of this process (``time.process_time``), so it does not depend on what else the
machine runs; wall-clock figures are printed beside it. Step shares come from the analyzer's own
per-step clocks, which read CPU time too (a loaded machine made wall-clock shares meaningless). A reference section runs the field's libraries alone on a sample of the same texts, in
the same process: tokenize-uk (sentences and words), pymorphy3 on every word without a cache, lingua on
each whole article, against our tokenizer and the whole analysis; it also reports how far our tokens
and sentence ends agree with tokenize-uk's.

Run: ``.venv/bin/python bench/analyze.py [--articles 10000] [--runs 3] [--reference 500] [--json]``.

``--dump PATH`` instead writes the analysis of every shared text (BSNLP and BRUK, in file order) as
JSON lines (:func:`storyline.model.to_dict`, sorted keys): the guard that a speed change leaves the
output byte-identical (dump before, dump after, ``cmp`` the two files).
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
from collections import Counter, defaultdict
from collections.abc import Callable

from storyline.analyze import Analyzer
from storyline.analyze.analyzer import line_segments
from storyline.analyze.corpus import shared_news
from storyline.analyze.keywords import clear_idf_memo, document_frequencies
from storyline.analyze.morphology import _pymorphy, clear_word_caches, morph
from storyline.analyze.tokens import TOKEN_RE, split_sentences
from storyline.model import to_dict

Corpus = list[tuple[str, str, str | None]]


def build_corpus(n: int, seed: int = 0) -> Corpus:
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


def rss_mb() -> float:
    """Resident memory now (Linux /proc), in MB; 0 where unavailable."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_models(analyzer: Analyzer, corpus: Corpus) -> float:
    """Load every model the analysis uses, outside the timed runs; returns the CPU seconds it took."""
    c0 = time.process_time()
    for lang in ("uk", "ru"):
        _pymorphy(lang)
    document_frequencies()
    by_lang = {lang: text for text, lang, _ in reversed(corpus)}
    # lingua loads a language's models when a text first leaves it among the candidates: texts with no
    # letters unique to one language (Cyrillic, Latin) make it load them all
    detector = analyzer.identifier._detector
    for text in ["Привет как дела", "The State Department said on Tuesday", *by_lang.values()]:
        detector.compute_language_confidence_values(text)
        analyzer.analyze_text(text)
    return time.process_time() - c0


def run_once(analyzer: Analyzer, corpus: Corpus, *, cold: bool) -> dict:
    if cold:
        clear_word_caches()
        clear_idf_memo()
        analyzer.identifier.clear_memo()
    analyzer.timings.clear()
    lingua0, misses0 = analyzer.identifier.lingua_calls, morph.cache_info().misses
    t0, c0 = time.perf_counter(), time.process_time()
    for text, _lang, date in corpus:
        analyzer.analyze_text(text, published=date)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    steps = dict(analyzer.timings)
    total = sum(steps.values()) or 1.0
    return {
        "cold": cold,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "articles_per_second": round(len(corpus) / seconds, 1),
        # per core: articles per second of this process's own CPU time, which does not depend on how
        # busy the other cores (and the other users of this core) are
        "articles_per_cpu_second": round(len(corpus) / cpu, 1),
        "ms_per_article": {k: round(v / len(corpus) * 1000, 3) for k, v in steps.items()},
        "shares": {k: round(v / total, 3) for k, v in sorted(steps.items(), key=lambda kv: -kv[1])},
        "lingua_calls": analyzer.identifier.lingua_calls - lingua0,
        "pymorphy_lookups": morph.cache_info().misses - misses0,
    }


def _rate(n: int, fn: Callable[[], object]) -> float:
    """Items per CPU-second of ``fn`` (which handles ``n`` items)."""
    c0 = time.process_time()
    fn()
    return n / max(time.process_time() - c0, 1e-9)


def _each(fn: Callable[[str], object], items: list[str]) -> None:
    """Call ``fn`` on every item, keeping no result (so the reference adds nothing to peak memory)."""
    for item in items:
        fn(item)


def _normalise(word: str) -> str:
    return word.replace("’", "'").replace("ʼ", "'")


def agreement_with_tokenize_uk(texts: list[str]) -> dict[str, float]:
    """Share of tokenize-uk's word tokens that ours also produce (per article, as multisets), and of
    its sentence ends (per paragraph, by the sentence's last 15 characters) that ours also make."""
    import tokenize_uk

    same = total = ends_same = ends_total = 0
    for text in texts:
        ours = Counter(_normalise(m.group()) for m in TOKEN_RE.finditer(text))
        theirs = Counter(_normalise(w) for w in tokenize_uk.tokenize_words(text))
        same += sum((ours & theirs).values())
        total += sum(theirs.values())
        for s, e in line_segments(text)[1:]:
            para = text[s:e]
            mine = {para[a:b].rstrip()[-15:] for a, b in split_sentences(para)}
            for sent in tokenize_uk.tokenize_sents(para):
                ends_same += sent.rstrip()[-15:] in mine
                ends_total += 1
    return {
        "word_tokens": round(same / max(total, 1), 4),
        "sentence_ends": round(ends_same / max(ends_total, 1), 4),
    }


def references(analyzer: Analyzer, sample: Corpus) -> dict:
    """The field's libraries alone on the same texts (articles per CPU-second), and our parts."""
    import pymorphy3
    import tokenize_uk

    texts = [t for t, _, _ in sample]
    n = len(texts)
    out: dict[str, object] = {"articles": n}

    def ours_tokenizer() -> None:
        for text in texts:
            for s, e in line_segments(text):
                split_sentences(text[s:e], s)
                TOKEN_RE.findall(text, s, e)

    out["our_sentences_and_tokens"] = round(_rate(n, ours_tokenizer), 1)
    out["tokenize_uk_text"] = round(_rate(n, lambda: _each(tokenize_uk.tokenize_text, texts)), 1)
    analyzers = {lang: pymorphy3.MorphAnalyzer(lang=lang) for lang in ("uk", "ru")}
    words = [(analyzers.get(lang, analyzers["uk"]), TOKEN_RE.findall(t)) for t, lang, _ in sample]

    def pymorphy_every_word() -> None:
        for m, ws in words:
            _each(m.parse, [w for w in ws if w[:1].isalpha()])

    out["pymorphy3_every_word_no_cache"] = round(_rate(n, pymorphy_every_word), 1)
    detector = analyzer.identifier._detector
    out["lingua_whole_article"] = round(
        _rate(n, lambda: _each(detector.compute_language_confidence_values, texts)), 1
    )

    def analyse() -> None:
        for text, _lang, date in sample:
            analyzer.analyze_text(text, published=date)

    clear_word_caches()
    clear_idf_memo()
    analyzer.identifier.clear_memo()
    out["analysis_cold"] = round(_rate(n, analyse), 1)
    out["analysis_warm"] = round(_rate(n, analyse), 1)
    out["agreement_with_tokenize_uk"] = agreement_with_tokenize_uk(
        [t for t, lang, _ in sample if lang == "uk"]
    )
    return out


def dump(path: str) -> int:
    """Write the analysis of every shared text as one JSON line each; returns how many."""
    analyzer = Analyzer()
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for text, _lang, date in shared_news():
            analysis = analyzer.analyze_text(text, published=date)
            fh.write(json.dumps(to_dict(analysis), ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description="analyze-stage throughput on one core")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3, help="cold passes (the median is the headline)")
    ap.add_argument("--reference", type=int, default=500, help="articles for the reference section (0: skip)")
    ap.add_argument("--cold", type=int, default=1000, help="articles of the cold-start pass (0: skip)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--dump", metavar="PATH", help="write every shared text's analysis as JSON lines, then stop"
    )
    args = ap.parse_args()
    if args.dump:
        print(f"{dump(args.dump)} analyses -> {args.dump}")
        return 0
    corpus = build_corpus(args.articles)
    chars = statistics.median(len(t) for t, _, _ in corpus)
    analyzer = Analyzer()
    rss_start = rss_mb()
    load_cpu = load_models(analyzer, corpus)
    rss_loaded = rss_mb()
    runs = [run_once(analyzer, corpus, cold=True) for _ in range(args.runs)]
    warm = run_once(analyzer, corpus, cold=False)
    start = run_once(analyzer, corpus[: args.cold], cold=True) if args.cold else None
    rss_after, peak_runs = rss_mb(), peak_rss_mb()
    median_cpu = round(statistics.median(r["articles_per_cpu_second"] for r in runs), 1)
    median_wall = round(statistics.median(r["articles_per_second"] for r in runs), 1)
    median_ms = {
        k: round(statistics.median(r["ms_per_article"][k] for r in runs), 3)
        for k in runs[0]["ms_per_article"]
    }
    total_ms = sum(median_ms.values()) or 1.0
    shares = {k: round(v / total_ms, 3) for k, v in sorted(median_ms.items(), key=lambda kv: -kv[1])}
    refs = references(analyzer, corpus[: args.reference]) if args.reference else {}
    result = {
        "articles": len(corpus),
        "median_chars": chars,
        "model_load_cpu_seconds": round(load_cpu, 2),
        "runs": runs,
        "warm_run": warm,
        "median_articles_per_cpu_second": median_cpu,
        "median_articles_per_second": median_wall,
        "warm_articles_per_cpu_second": warm["articles_per_cpu_second"],
        "cold_start_run": start,
        "cold_start_articles_per_cpu_second": start["articles_per_cpu_second"] if start else None,
        "median_ms_per_article": median_ms,
        "median_shares": shares,
        "rss_mb": {
            "start": round(rss_start, 1),
            "models_loaded": round(rss_loaded, 1),
            "after_runs": round(rss_after, 1),
            "peak_during_runs": round(peak_runs, 1),
        },
        "load_average_1min": round(os.getloadavg()[0], 2),
        "reference": refs,
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"analyze bench: {len(corpus)} articles (median {chars:.0f} chars), one core, CPU time")
    print(f"models loaded in {load_cpu:.1f} CPU-s")
    print(f"{'run':<11}{'wall s':>8}{'cpu s':>8}{'art/s':>8}{'art/cpu-s':>11}{'lookups':>9}   step shares")
    named = [*((f"cold {i}", r) for i, r in enumerate(runs, 1)), ("warm", warm)]
    if start:
        named.append((f"start {args.cold}", start))
    for name, r in named:
        run_shares = ", ".join(f"{k} {v:.0%}" for k, v in r["shares"].items())
        print(
            f"{name:<11}{r['seconds']:>8}{r['cpu_seconds']:>8}{r['articles_per_second']:>8}"
            f"{r['articles_per_cpu_second']:>11}{r['pymorphy_lookups']:>9}   {run_shares}"
        )
    print(
        f"median of {len(runs)} cold runs: {median_cpu} articles per CPU-second (wall {median_wall}/s at load "
        f"{result['load_average_1min']}); warm {warm['articles_per_cpu_second']}"
        + (
            f"; cold start (first {args.cold} articles, empty caches) {start['articles_per_cpu_second']}"
            if start
            else ""
        )
    )
    print(
        "median ms per article: " + ", ".join(f"{k} {v:.3f} ({shares[k]:.0%})" for k, v in median_ms.items())
    )
    rss = result["rss_mb"]
    print(
        f"memory: RSS {rss['start']:.0f} MB at start, {rss['models_loaded']:.0f} MB with models, "
        f"{rss['after_runs']:.0f} MB after the runs, peak {rss['peak_during_runs']:.0f} MB (corpus included)"
    )
    if refs:
        agree = refs["agreement_with_tokenize_uk"]
        print(f"reference on {refs['articles']} of the same articles, articles per CPU-second:")
        print(
            f"  our sentences+tokens {refs['our_sentences_and_tokens']}  vs tokenize-uk "
            f"{refs['tokenize_uk_text']}  (agreement: word tokens {agree['word_tokens']:.1%}, "
            f"sentence ends {agree['sentence_ends']:.1%})"
        )
        print(
            f"  pymorphy3 on every word, no cache {refs['pymorphy3_every_word_no_cache']}; "
            f"lingua on each whole article {refs['lingua_whole_article']}"
        )
        print(f"  whole analysis: cold {refs['analysis_cold']}, warm {refs['analysis_warm']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

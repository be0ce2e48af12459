"""Entities stage speed: NER + canonical forms + in-article resolution, per core.

    .venv/bin/python bench/entities.py            # table
    .venv/bin/python bench/entities.py --json
    .venv/bin/python bench/entities.py --articles 300 --repeat 3
    .venv/bin/python bench/entities.py --lang ru                        # the distilled Russian CRF
    OMP_NUM_THREADS=1 .venv/bin/python bench/entities.py --lang ru --russian-ner slovnet

Input: the real BSNLP uk+ru articles (../shared/data/news/bsnlp_uk_ru.jsonl), tokenized before timing
(in the pipeline the analyze stage supplies tokens). One process, one core; times are CPU time
(``time.process_time``), so other processes on the machine do not distort the per-core figure.
"cold" is the first pass in a fresh process (model load, empty per-word caches); "warm" passes reuse
the per-word feature and morphology caches, as a long-running ingest does; the median of ``--repeat``
warm passes is reported. Peak memory is the process's maximum resident set size (ru_maxrss). Model
size is the CRF file (for uk plus the word-cluster table its features read), or for slovnet its model
plus the navec embeddings it needs. slovnet's numpy uses every core unless OMP_NUM_THREADS=1; on a
shared machine one thread is also faster per core.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
NEWS = SHARED / "data" / "news" / "bsnlp_uk_ru.jsonl"


def load(n: int, lang: str) -> list[tuple[str, str, list]]:
    from storyline.entities.tokenize import tokenize

    out = []
    for line in NEWS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r.get("lang", "uk") != lang:
            continue
        text = (r.get("title") or "") + "\n\n" + r["text"]
        out.append((r.get("lang", "uk"), text, tokenize(text)))
        if len(out) >= n:
            break
    return out


def run_once(stage, docs) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    mentions = 0
    started = time.process_time()
    for lang, text, tokens in docs:
        found, _ = stage.extract(text, tokens, lang)
        mentions += len(found)
    return time.process_time() - started, mentions


def _model_bytes(lang: str, russian_ner: str, models: dict[str, Path]) -> int:
    """Size on disk of the model that tagged: the CRF file, or slovnet's model + navec embeddings."""
    if lang == "ru" and russian_ner == "slovnet":
        from storyline.entities import russian

        data = russian._data_dir()
        return sum((data / f).stat().st_size for f in (russian.NER_MODEL, russian.EMBEDDINGS)) if data else 0
    if lang == "uk":  # the Ukrainian features read the word-cluster table beside the CRF
        from storyline.entities.clusters import TABLE

        return models[lang].stat().st_size + (TABLE.stat().st_size if TABLE.exists() else 0)
    return models[lang].stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lang", choices=["uk", "ru"], default="uk")
    parser.add_argument(
        "--russian-ner", choices=["crf", "slovnet"], default="crf", help="ru: the distilled CRF or slovnet"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not NEWS.exists():
        sys.exit(f"missing {NEWS}")
    from storyline.entities.ner import MODELS_BY_LANG
    from storyline.entities.stage import EntityStage

    docs = load(args.articles, args.lang)
    tokens = sum(len(t) for _, _, t in docs)
    stage = EntityStage(russian_ner=args.russian_ner)
    cold, mentions = run_once(stage, docs)
    warm = [run_once(stage, docs)[0] for _ in range(args.repeat)]
    med = statistics.median(warm)
    result = {
        "lang": args.lang,
        "recogniser": "slovnet" if args.lang == "ru" and args.russian_ner == "slovnet" else "crf",
        "articles": len(docs),
        "tokens_per_article": round(tokens / len(docs)),
        "mentions": mentions,
        "cold_articles_per_s": round(len(docs) / cold, 1),
        "warm_articles_per_s": round(len(docs) / med, 1),
        "warm_mentions_per_s": round(mentions / med, 1),
        "warm_tokens_per_s": round(tokens / med),
        "repeats": args.repeat,
        "model_bytes": _model_bytes(args.lang, args.russian_ner, MODELS_BY_LANG),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for k, v in result.items():
        print(f"{k:24} {v}")


if __name__ == "__main__":
    main()

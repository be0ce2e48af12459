"""Named-entity recognition quality: entity-level precision/recall/F1 per type.

    .venv/bin/python eval/ner.py            # ner-uk v2.0 test + SlavicNER uk and ru
    .venv/bin/python eval/ner.py --json
    .venv/bin/python eval/ner.py --only ner-uk

* ner-uk v2.0 ``iob/test.iob`` (the model never saw it; it is trained on ``train.iob``): exact span and
  type match, scored on PER/ORG/LOC (their micro average is the headline figure) and on every type the
  model learns.
* SlavicNER uk and ru (never trained on): the stage runs on the raw text (regex tokenizer, no analyzer),
  PER/ORG/LOC compared with the gold by character span and type. SlavicNER puts quotes inside ORG spans
  ("\\"Інтерфакс-Україна\\"") and ner-uk does not, so surrounding quotes are stripped from both sides
  before matching. Role words resolved to persons (score < 1) are references, not names: not scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from slavicner import SHARED, documents

from storyline.entities.ner import (
    MENTION_TYPES,
    TRAIN_TYPES,
    Scores,
    default_tagger,
    evaluate_iob,
    score_spans,
)
from storyline.entities.stage import EntityStage
from storyline.entities.tokenize import tokenize

NER_UK_TEST = SHARED / "data" / "ner-uk" / "v2.0" / "iob" / "test.iob"
QUOTES = "\"'«»“”„"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in QUOTES:
        start += 1
    while end > start and text[end - 1] in QUOTES:
        end -= 1
    return start, end


def eval_ner_uk() -> dict[str, dict]:
    tagger = default_tagger()
    main = evaluate_iob(tagger, NER_UK_TEST, MENTION_TYPES)
    every = evaluate_iob(tagger, NER_UK_TEST, TRAIN_TYPES)
    return {
        "per_type": {k: v.as_dict() for k, v in main.items()},
        "all_types": {k: v.as_dict() for k, v in every.items()},
    }


def eval_slavicner(lang: str, russian_ner: str = "crf") -> dict[str, dict]:
    stage = EntityStage(russian_ner=russian_ner)
    pairs = []
    docs = 0
    for doc in documents(lang):
        docs += 1
        mentions, _ = stage.extract(doc.text, tokenize(doc.text), lang)
        pred = {(*_strip(doc.text, m.span.start, m.span.end), m.type) for m in mentions if m.score >= 1.0}
        gold = {(*_strip(doc.text, g.start, g.end), g.type) for g in doc.gold if g.type in MENTION_TYPES}
        pairs.append((gold, pred))
    scores: dict[str, Scores] = score_spans(pairs, MENTION_TYPES)
    return {"documents": docs, "per_type": {k: v.as_dict() for k, v in scores.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", choices=["ner-uk", "slavicner-uk", "slavicner-ru"])
    parser.add_argument(
        "--russian-ner",
        choices=["crf", "slovnet"],
        default="crf",
        help="Russian recogniser: the CRF distilled from slovnet (default) or slovnet itself",
    )
    args = parser.parse_args()
    results: dict[str, dict] = {}
    started = time.perf_counter()
    if args.only in (None, "ner-uk"):
        results["ner-uk-test"] = eval_ner_uk()
    for lang in ("uk", "ru"):
        if args.only in (None, f"slavicner-{lang}"):
            results[f"slavicner-{lang}"] = eval_slavicner(lang, args.russian_ner)
    results["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for name, res in results.items():
        if not isinstance(res, dict):
            continue
        print(f"\n{name}" + (f" ({res['documents']} documents)" if "documents" in res else ""))
        print(f"  {'type':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
        for kind, s in res["per_type"].items():
            print(
                f"  {kind:8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['tp'] + s['fn']:6d}"
            )
        if "all_types" in res:
            s = res["all_types"]["micro"]
            print(
                f"  all {len(res['all_types']) - 1} types micro: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"
            )


if __name__ == "__main__":
    main()

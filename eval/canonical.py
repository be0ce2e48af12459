"""Canonical forms and cross-lingual linking against SlavicNER (uk, ru).

    .venv/bin/python eval/canonical.py
    .venv/bin/python eval/canonical.py --json

* Canonical-form accuracy: for every gold PER/ORG/LOC mention, ``canonical(surface, type, lang)`` must
  equal SlavicNER's lemma column exactly ("Лавровим" -> "Лавров", "Терези Мей" -> "Тереза Мей"); a
  case-insensitive figure is reported beside it. Gold spans and types are used, so NER errors do not
  count here (eval/ner.py measures those).
* Cross-lingual linking: each document's gold PER/ORG/LOC mentions get our entity ids (in-article
  resolution, then corpus-level merging over all uk+ru documents, exactly as the stage does). A unit
  is one gold entity in one document (its mentions' majority predicted id). Over all pairs of a uk unit
  and a ru unit: a gold pair has the same cross-lingual id, a predicted pair the same predicted id;
  pairwise precision/recall/F1 of predicted pairs against gold pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from slavicner import documents

from storyline.entities.canonical import canonical
from storyline.entities.corpus import corpus_mapping
from storyline.entities.ner import MENTION_TYPES
from storyline.entities.resolve import resolve
from storyline.model import Analysis, Article, LanguageGuess, Mention, Span


def eval_canonical(lang: str) -> dict:
    right: Counter[str] = Counter()
    right_ci: Counter[str] = Counter()
    total: Counter[str] = Counter()
    errors: Counter[tuple[str, str, str]] = Counter()
    for doc in documents(lang):
        for g in doc.gold:
            if g.type not in MENTION_TYPES:
                continue
            got = canonical(g.surface, g.type, lang)
            for key in (g.type, "all"):
                total[key] += 1
                right[key] += got == g.lemma
                right_ci[key] += got.lower() == g.lemma.lower()
            if got != g.lemma:
                errors[(g.surface, got, g.lemma)] += 1
    return {
        "accuracy": {k: round(right[k] / total[k], 4) for k in total},
        "accuracy_ignoring_case": {k: round(right_ci[k] / total[k], 4) for k in total},
        "mentions": dict(total),
        "top_errors": [f"{s} -> {got} (gold {gold}) x{n}" for (s, got, gold), n in errors.most_common(15)],
    }


def eval_linking() -> dict:
    articles: list[Article] = []
    units: list[tuple[str, str, str, list[Mention]]] = []  # lang, doc, xid, mentions
    for lang in ("uk", "ru"):
        for doc in documents(lang):
            by_xid: dict[str, list[Mention]] = defaultdict(list)
            mentions = []
            for g in doc.gold:
                if g.type not in MENTION_TYPES:
                    continue
                m = Mention(g.surface, Span(g.start, g.end), g.type, canonical(g.surface, g.type, lang))
                mentions.append(m)
                by_xid[g.xid].append(m)
            resolve(mentions, lang)
            art = Article(id=f"{lang}/{doc.id}", title="", language=lang)
            art.analysis = Analysis(language=LanguageGuess(lang), mentions=mentions)
            articles.append(art)
            units += [(lang, doc.id, xid, ms) for xid, ms in by_xid.items()]
    mapping = corpus_mapping(articles)
    gold_pairs = pred_pairs = tp = 0
    count: dict[str, Counter] = {"uk": Counter(), "ru": Counter()}
    for lang, _, xid, ms in units:
        pred = Counter(mapping.get(m.entity_id or "", m.entity_id) for m in ms).most_common(1)[0][0]
        count[lang][(xid, pred)] += 1
    by_gold = {lang: Counter() for lang in count}
    by_pred = {lang: Counter() for lang in count}
    for lang, c in count.items():
        for (xid, pred), n in c.items():
            by_gold[lang][xid] += n
            by_pred[lang][pred] += n
    gold_pairs = sum(n * by_gold["ru"][x] for x, n in by_gold["uk"].items())
    pred_pairs = sum(n * by_pred["ru"][p] for p, n in by_pred["uk"].items())
    tp = sum(n * count["ru"][key] for key, n in count["uk"].items())
    p = tp / pred_pairs if pred_pairs else 0.0
    r = tp / gold_pairs if gold_pairs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "units": len(units),
        "gold_pairs": gold_pairs,
        "predicted_pairs": pred_pairs,
        "true_pairs": tp,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    results = {
        "canonical-uk": eval_canonical("uk"),
        "canonical-ru": eval_canonical("ru"),
        "linking-uk-ru": eval_linking(),
    }
    results["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for lang in ("uk", "ru"):
        res = results[f"canonical-{lang}"]
        print(f"\ncanonical form, SlavicNER {lang}: accuracy (ignoring case) per type")
        for k, v in sorted(res["accuracy"].items()):
            print(f"  {k:5} {v:.3f} ({res['accuracy_ignoring_case'][k]:.3f})  n={res['mentions'][k]}")
        print("  most frequent errors: " + "; ".join(res["top_errors"][:8]))
    link = results["linking-uk-ru"]
    print(
        f"\ncross-lingual linking uk-ru: P {link['precision']:.3f} R {link['recall']:.3f} F1 {link['f1']:.3f}"
        f" ({link['units']} units, {link['gold_pairs']} gold pairs)"
    )


if __name__ == "__main__":
    main()

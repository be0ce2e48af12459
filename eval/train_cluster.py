"""Fit the event scorer on the DEV half of the event gold and tune its join threshold on dev.

    .venv/bin/python eval/train_cluster.py --cache /tmp/bsnlp_cache.json        # writes the model
    .venv/bin/python eval/train_cluster.py --cache /tmp/bsnlp_cache.json --dry-run

Steps (the test half of eval/gold/events is never read for fitting or tuning):
1. The BSNLP corpus through the pipeline (analysis + entities; ``--cache`` keeps that output).
2. Oracle replay of the dev articles only, in time order (:func:`storyline.cluster.learn.replay_examples`).
3. Logistic regression (:func:`storyline.cluster.learn.fit_scorer`).
4. Join threshold: the whole corpus is clustered (as the system would see it, no labels used) for each
   threshold on a grid; the one with the best dev event B³-F1 is kept.
5. The model (weights, threshold, provenance) is written to
   ``src/storyline/cluster/models/event-scorer.json``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cluster as ev
from storyline.cluster import ClusterParams, extract_features
from storyline.cluster.engine import _order_key_features
from storyline.cluster.learn import fit_scorer, replay_examples
from storyline.cluster.scorer import MODEL_PATH

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="JSON file caching the pipeline's analyses")
    parser.add_argument("--features", choices=["auto", "text", "pipeline"], default="auto")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--dry-run", action="store_true", help="fit and report, do not write the model")
    args = parser.parse_args(argv)

    articles = ev.load_bsnlp()
    source = ev.analyse(articles, args.features, args.cache)
    rows, split = ev.load_gold()
    gold = {i: r["event_id"] for i, r in rows.items()}
    dev_ids = {i for i, r in rows.items() if split.get(r["event_id"], "dev") == "dev"}
    stream = sorted((extract_features(a) for a in articles if a.id in dev_ids), key=_order_key_features)
    examples = replay_examples(stream, gold)
    print(
        f"features: {source}; dev articles {len(stream)}; examples {len(examples.labels)} "
        f"({examples.positives} joins)"
    )
    meta = {
        "trained_on": "eval/gold/events dev split (oracle replay), ../shared/data/news/bsnlp_uk_ru.jsonl",
        "features_source": source.split(" ")[0],
    }
    best = None
    for threshold in THRESHOLDS:
        scorer = fit_scorer(examples, threshold, args.c, meta)
        report = ev.evaluate_gold(articles, ClusterParams(scorer=scorer), online=False)
        dev = report["dev"]["events"]
        f1 = dev["all"]["bcubed"]["f1"]
        print(
            f"threshold {threshold:.2f}: dev B3-F1 {f1:.3f}  uk {dev['uk-uk']['f1']:.3f}  "
            f"ru {dev['ru-ru']['f1']:.3f}  uk-ru {dev['uk-ru']['f1']:.3f}"
        )
        if best is None or f1 > best[0]:
            best = (f1, scorer)
    assert best is not None
    scorer = best[1]
    print(f"chosen threshold {scorer.join_threshold} (dev B3-F1 {best[0]:.3f})")
    print("weights:", {k: round(v, 3) for k, v in scorer.weights.items()}, "bias", round(scorer.bias, 3))
    if not args.dry_run:
        scorer.meta["dev_bcubed_f1"] = best[0]
        scorer.save(MODEL_PATH)
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

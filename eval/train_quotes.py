"""Train the quote speaker ranker (``storyline.analyze.quote_speakers``) on the analysis gold.

For every gold quote that the rules find (matched as ``eval/analysis.py`` matches them), the
candidates of ``quote_speakers.candidates`` are labelled right or wrong by ``same_speaker`` against
the gold speaker; a logistic regression over their features is the model. Quotes none of whose
candidates is right teach nothing and are left out.

``--cv`` reports speaker accuracy cross-validated by article (each article's quotes are scored by a
model trained on the other articles only), per gold set, next to the rules' own accuracy; without
``--dry-run`` the model fitted on every article is written to
``src/storyline/analyze/data/quote-speakers.json``. Deterministic: the same gold gives the same file.

Only the named sets are read (never a set added later for a fresh measurement): dev, heldout,
heldout2, heldout3, heldout4.

Run: ``.venv/bin/python eval/train_quotes.py [--cv] [--dry-run] [--sets dev,heldout,...]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis import GOLD, QUOTE_OVERLAP, overlap, same_speaker

import storyline.analyze.analyzer as analyzer_module
from storyline.analyze import Analyzer
from storyline.analyze.quote_speakers import MODEL_PATH, article_candidates
from storyline.analyze.quotes import rule_quotes

TRAIN_SETS = ("dev", "heldout", "heldout2", "heldout3", "heldout4")
C = 0.3
FOLDS = 10


@dataclass
class Example:
    """One matched gold quote: its article, set, and candidates as (features, right?)."""

    article: str
    split: str
    cands: list[tuple[dict[str, float], bool]]

    @property
    def rule_right(self) -> bool:
        return any(ok for f, ok in self.cands if f.get("rule"))

    @property
    def learnable(self) -> bool:
        return any(ok for _, ok in self.cands)


def gold_files(sets: tuple[str, ...]) -> list[Path]:
    out = []
    for path in sorted(GOLD.glob("*.json")):
        split = json.loads(path.read_text(encoding="utf-8")).get("split", "dev")
        if split in sets:
            out.append(path)
    return out


def collect(files: list[Path]) -> list[Example]:
    """Examples from every gold article: the rules' quotes, matched to the gold, with candidates."""
    captured: list = []

    def capture(ctx):  # the analyzer's quote stage, keeping the finder for the candidates
        finder, quotes = rule_quotes(ctx)
        captured.append((finder, quotes))
        return quotes

    original = analyzer_module.find_quotes
    analyzer_module.find_quotes = capture
    try:
        analyzer = Analyzer()
        examples = []
        for path in files:
            g = json.loads(path.read_text(encoding="utf-8"))
            captured.clear()
            analyzer.analyze_text(g["text"], published=g.get("published"), language=g.get("language"))
            finder, quotes = captured[0]
            per_quote = article_candidates(finder, quotes)
            used: set[int] = set()
            for gq in g["quotes"]:
                best = max(
                    ((overlap(q.text, gq["text"]), i) for i, q in enumerate(quotes) if i not in used),
                    default=(0.0, -1),
                )
                if best[0] < QUOTE_OVERLAP:
                    continue
                k = best[1]
                used.add(k)
                cands = per_quote[k]
                labelled = []
                for c in cands:
                    sp = c.resolve()
                    labelled.append(
                        (c.expanded(), same_speaker(sp.canonical if sp else None, gq.get("speaker")))
                    )
                examples.append(Example(g["id"], g.get("split", "dev"), labelled))
    finally:
        analyzer_module.find_quotes = original
    return examples


def fit(examples: list[Example]) -> tuple[DictVectorizer, LogisticRegression]:
    """A pairwise logistic ranker: for every quote, each right candidate's features minus each wrong
    one's is a positive example (and the reverse a negative), so that the weights say which of two
    candidates speaks — not how likely any one candidate is, which the rule's mostly right answers
    would dominate."""
    vec = DictVectorizer(sparse=False, sort=True)
    vec.fit([f for ex in examples for f, _ in ex.cands])
    rows, labels = [], []
    for ex in examples:
        if not ex.learnable:
            continue
        x = vec.transform([f for f, _ in ex.cands])
        right = [i for i, (_, ok) in enumerate(ex.cands) if ok]
        wrong = [i for i, (_, ok) in enumerate(ex.cands) if not ok]
        for i in right:
            for j in wrong:
                rows.append(x[i] - x[j])
                labels.append(1)
                rows.append(x[j] - x[i])
                labels.append(0)
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs", fit_intercept=False)
    model.fit(np.array(rows), np.array(labels))
    return vec, model


def pick(vec: DictVectorizer, model: LogisticRegression, ex: Example) -> bool:
    """Whether the model's best candidate for this quote is right (the rule's wins a tie)."""
    scores = model.decision_function(vec.transform([f for f, _ in ex.cands]))
    best = max(
        range(len(ex.cands)), key=lambda i: (round(float(scores[i]), 9), ex.cands[i][0].get("rule", 0.0))
    )
    return ex.cands[best][1]


def cross_validate(examples: list[Example]) -> dict[str, dict[str, float]]:
    """Speaker accuracy per set, each article scored by a model trained without it (FOLDS folds of
    articles, assigned in sorted order: deterministic)."""
    articles = sorted({ex.article for ex in examples})
    fold_of = {a: n % FOLDS for n, a in enumerate(articles)}
    right: Counter[str] = Counter()
    rule: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for fold in range(FOLDS):
        train = [ex for ex in examples if fold_of[ex.article] != fold]
        test = [ex for ex in examples if fold_of[ex.article] == fold]
        vec, model = fit(train)
        for ex in test:
            for key in (ex.split, "all"):
                total[key] += 1
                rule[key] += ex.rule_right
                right[key] += pick(vec, model, ex)
    return {
        key: {
            "n": total[key],
            "rules": round(rule[key] / total[key], 3),
            "ranker": round(right[key] / total[key], 3),
        }
        for key in sorted(total)
    }


def build(examples: list[Example]) -> dict:
    """The model file's content: the ranker fitted on every example, with its feature names."""
    vec, model = fit(examples)
    return {
        "features": list(vec.get_feature_names_out()),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": 0.0,
        "meta": {
            "quotes": len(examples),
            "learnable": sum(ex.learnable for ex in examples),
            "C": C,
            "trained_on": "eval/gold/analysis sets " + ", ".join(TRAIN_SETS) + " (eval/train_quotes.py)",
        },
    }


def training_examples() -> list[Example]:
    """Every matched quote of the training sets."""
    return collect(gold_files(TRAIN_SETS))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv", action="store_true", help="report by-article cross-validated accuracy")
    ap.add_argument("--dry-run", action="store_true", help="do not write the model")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    found = training_examples()
    by_split: dict[str, int] = defaultdict(int)
    for ex in found:
        by_split[ex.split] += 1
    print(
        f"{len(found)} matched quotes ({dict(sorted(by_split.items()))}), "
        f"{sum(ex.learnable for ex in found)} with a right candidate"
    )
    if args.cv:
        for key, r in cross_validate(found).items():
            print(f"{key:<10} n={r['n']:<4} rules {r['rules']:.3f}  ranker (CV by article) {r['ranker']:.3f}")
    if not args.dry_run:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(build(found), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Event summary quality: ROUGE against a held-out outlet's lead, redundancy, coverage of top entities.

    .venv/bin/python eval/summary.py          # table
    .venv/bin/python eval/summary.py --json
    .venv/bin/python eval/summary.py --show 3 # print a few summaries with their references

Events: every event of the events gold (``eval/gold/events/bsnlp_events.tsv``, hand-labelled) with at
least 3 articles in one language — 43 events, uk and ru. References (``eval/gold/summary/``, written by
this script's ``--write-references``): for each event one article is held out (the first by corpus file
name) and its title plus first two body sentences are the reference — what one more outlet said the
event was. The systems summarise the *other* articles, so a system cannot copy the reference; a good
summary is one that says what an independent outlet led with.

Systems: ``storyline`` (LexRank over lemma TF-IDF, lead/entity/number boosts, MMR; 3 sentences),
``lead-3`` (the first three body sentences of the earliest remaining article: the classic strong
baseline for news), ``random-3`` (three random eligible sentences, seeded).

Metrics (macro over events): ROUGE-1/2/L F1 on lower-cased word tokens; redundancy = mean pairwise
cosine (lemma TF-IDF) between a summary's sentences (lower is better); entity coverage = share of the
event's top-5 entities (most articles) that the summary mentions.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from views_corpus import DEFAULT_DB, bsnlp_articles, build_store

from storyline.model import Article, Event, Membership
from storyline.store.articles import article_id_for, identity_of
from storyline.views.lemmas import WORD_RE
from storyline.views.sentences import Sentence, article_sentences
from storyline.views.summary import MAX_WORDS, MIN_WORDS, main_entities, summarize_event, tfidf_matrix

HERE = Path(__file__).resolve().parent
EVENTS_GOLD = HERE / "gold" / "events" / "bsnlp_events.tsv"
REFERENCES = HERE / "gold" / "summary" / "references.jsonl"
MIN_ARTICLES = 3
SUMMARY_SENTENCES = 3
REFERENCE_SENTENCES = 2


# --------------------------------------------------------------------------------------------- ROUGE
def tokens(text: str) -> list[str]:
    return [m.group().lower() for m in WORD_RE.finditer(text)]


def _f1(overlap: int, n_pred: int, n_ref: int) -> float:
    if not overlap:
        return 0.0
    p, r = overlap / n_pred, overlap / n_ref
    return 2 * p * r / (p + r)


def rouge_n(pred: list[str], ref: list[str], n: int) -> float:
    grams = lambda xs: Counter(tuple(xs[i : i + n]) for i in range(len(xs) - n + 1))  # noqa: E731
    p, r = grams(pred), grams(ref)
    return _f1(sum((p & r).values()), sum(p.values()), sum(r.values()))


def rouge_l(pred: list[str], ref: list[str]) -> float:
    if not pred or not ref:
        return 0.0
    prev = [0] * (len(ref) + 1)
    for x in pred:
        cur = [0]
        for j, y in enumerate(ref):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return _f1(prev[-1], len(pred), len(ref))


# --------------------------------------------------------------------------------------------- data
def gold_events() -> dict[str, list[str]]:
    """event key (event id + language) -> corpus files, for events with ≥ MIN_ARTICLES in one language."""
    by_doc = {(a.meta["doc_id_orig"], a.meta["topic"]): a.meta["file"] for a in _articles()}
    groups: dict[str, list[str]] = defaultdict(list)
    with EVENTS_GOLD.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            file = by_doc.get((row["doc_id"], row["topic"]))
            if file:
                groups[f"{row['event_id']}@{row['lang']}"].append(file)
    return {k: sorted(v) for k, v in sorted(groups.items()) if len(v) >= MIN_ARTICLES}


_CACHE: list[Article] = []


def _articles() -> list[Article]:
    if not _CACHE:
        for a in bsnlp_articles():
            a.meta["doc_id_orig"] = a.meta.get("item_id") or a.meta["file"]
            _CACHE.append(a)
    return _CACHE


def eligible(sentences: list[Sentence]) -> list[Sentence]:
    return [s for s in sentences if not s.in_title and MIN_WORDS <= s.n_words <= MAX_WORDS and s.lemmas]


def reference_of(article: Article) -> str:
    body = [s.text for s in article_sentences(article) if not s.in_title][:REFERENCE_SENTENCES]
    return " ".join([article.title, *body])


def write_references(store) -> int:  # type: ignore[no-untyped-def]
    file_id = {a.meta["file"]: article_id_for(identity_of(a)) for a in _articles()}
    REFERENCES.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with REFERENCES.open("w", encoding="utf-8") as f:
        for key, files in gold_events().items():
            held_out = store.get_article(file_id[files[0]])
            record = {
                "event": key,
                "held_out": files[0],
                "inputs": files[1:],
                "reference": reference_of(held_out),
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


# --------------------------------------------------------------------------------------------- systems
def lead3(articles: list[Article]) -> list[str]:
    earliest = min(articles, key=lambda a: (a.published.value is None, a.published.value or 0, a.id))
    return [s.text for s in eligible(article_sentences(earliest))[:SUMMARY_SENTENCES]]


def random3(articles: list[Article], rng: random.Random) -> list[str]:
    pool = [s.text for a in articles for s in eligible(article_sentences(a))]
    return rng.sample(pool, min(SUMMARY_SENTENCES, len(pool)))


def redundancy(sentences: list[str]) -> float:
    if len(sentences) < 2:
        return 0.0
    vectors = tfidf_matrix([tokens(s) for s in sentences])
    sim = vectors @ vectors.T
    pairs = [sim[i, j] for i in range(len(sentences)) for j in range(i + 1, len(sentences))]
    return float(sum(pairs) / len(pairs))


def coverage(sentences: list[str], entities: list[str]) -> float:
    """Share of the entities whose name (any word of it, first 5 letters) the summary contains."""
    if not entities:
        return 0.0
    text = " ".join(sentences).lower()
    hit = 0
    for name in entities:
        stems = [w.lower()[:5] for w in name.split() if len(w) >= 3]
        hit += any(stem in text for stem in stems)
    return hit / len(entities)


def evaluate(db: Path = DEFAULT_DB, show: int = 0) -> dict:
    store = build_store(db, quiet=True)
    if not REFERENCES.exists():
        write_references(store)
    file_id = {a.meta["file"]: article_id_for(identity_of(a)) for a in _articles()}
    rng = random.Random(7)
    scores: dict[str, list[dict[str, float]]] = defaultdict(list)
    examples = []
    for line in REFERENCES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        ids = list(
            dict.fromkeys(file_id[f] for f in record["inputs"] if file_id[f] != file_id[record["held_out"]])
        )
        articles = [store.get_article(i) for i in ids]
        articles = [a for a in articles if a is not None]
        if not articles:
            continue
        event = Event(
            id=record["event"], title=articles[0].title, members=[Membership(a.id, 1.0) for a in articles]
        )
        entities = main_entities(articles)
        ref = tokens(record["reference"])
        outputs = {
            "storyline": [s.text for s in summarize_event(event, articles, SUMMARY_SENTENCES).sentences],
            "lead-3": lead3(articles),
            "random-3": random3(articles, rng),
        }
        for system, sentences in outputs.items():
            pred = tokens(" ".join(sentences))
            scores[system].append(
                {
                    "rouge1": rouge_n(pred, ref, 1),
                    "rouge2": rouge_n(pred, ref, 2),
                    "rougeL": rouge_l(pred, ref),
                    "redundancy": redundancy(sentences),
                    "entity_coverage": coverage(sentences, entities),
                }
            )
        if len(examples) < show:
            examples.append({"event": record["event"], "reference": record["reference"], **outputs})
    store.close()
    summary = {
        system: {k: round(sum(r[k] for r in rows) / len(rows), 3) for k in rows[0]} | {"events": len(rows)}
        for system, rows in scores.items()
    }
    return {"summary": summary, "examples": examples}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print this many example summaries")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument(
        "--write-references", action="store_true", help="rebuild eval/gold/summary/references.jsonl"
    )
    args = parser.parse_args()
    if args.write_references:
        print(f"{write_references(build_store(args.db, quiet=True))} references written to {REFERENCES}")
        return
    result = evaluate(args.db, args.show)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"{'system':<11}{'events':>7}{'R-1':>7}{'R-2':>7}{'R-L':>7}{'redund.':>9}{'ent.cov':>9}")
    for system, m in result["summary"].items():
        print(
            f"{system:<11}{m['events']:>7}{m['rouge1']:>7.3f}{m['rouge2']:>7.3f}{m['rougeL']:>7.3f}"
            f"{m['redundancy']:>9.3f}{m['entity_coverage']:>9.3f}"
        )
    for ex in result["examples"]:
        print(f"\n== {ex['event']}\nREF: {ex['reference']}")
        for system in ("storyline", "lead-3"):
            print(f"{system}: " + " | ".join(ex[system]))


if __name__ == "__main__":
    main()

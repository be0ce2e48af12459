"""Search quality: lemma-aware BM25 (storyline.views.search) vs a surface-form BM25 baseline.

    .venv/bin/python eval/search.py          # table
    .venv/bin/python eval/search.py --json   # machine-readable
    .venv/bin/python eval/search.py --per-query

Gold: ``eval/gold/search/queries.jsonl`` — 31 queries (17 Ukrainian, 14 Russian) over the BSNLP corpus,
each written in an inflected form ("Терезу Мей", "Доминика Рааба", "голосування поштою"), with judged
relevant articles (grade 2: the query's concepts are in the title or lead; 1: in the body). See
``eval/gold/search/README.md`` for how they were judged.

Both systems see the same store (BSNLP ingested and analysed, see eval/views_corpus.py), the same
language filter (the query's language) and the same BM25 column weights (title 3, body 1); they differ
only in what is indexed and matched: lemmas and the query words' plausible lemmas, or lower-cased
surface words. Metrics: nDCG@10 (graded gains) and recall@20, macro-averaged over queries.
"""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from views_corpus import DEFAULT_DB, bsnlp_articles, build_store

from storyline.store.articles import article_id_for, identity_of
from storyline.views.lemmas import WORD_RE, normalize
from storyline.views.search import BODY_WEIGHT, TITLE_WEIGHT, Filters, search

GOLD = Path(__file__).resolve().parent / "gold" / "search" / "queries.jsonl"
K_NDCG = 10
K_RECALL = 20


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def relevance_by_id(gold: list[dict]) -> tuple[list[dict[str, int]], dict[str, str]]:
    """Each query's judged files as stored article ids (one URL in two files is one article)."""
    file_id = {a.meta["file"]: article_id_for(identity_of(a)) for a in bsnlp_articles()}
    out = []
    for q in gold:
        rel: dict[str, int] = {}
        for file, grade in q["relevant"].items():
            article_id = file_id[file]
            rel[article_id] = max(grade, rel.get(article_id, 0))
        out.append(rel)
    return out, file_id


class SurfaceIndex:
    """The baseline: FTS5 BM25 over lower-cased surface words of the same stored articles."""

    def __init__(self, store) -> None:  # type: ignore[no-untyped-def]
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE s USING fts5(id UNINDEXED, lang UNINDEXED, title, body, "
            "tokenize = \"unicode61 remove_diacritics 0 tokenchars '''’ʼ`'\")"
        )
        rows = [(a.id, a.language, a.title, a.body_text) for a in store.iter_articles()]
        self.db.executemany("INSERT INTO s VALUES (?, ?, ?, ?)", rows)

    def search(self, query: str, lang: str, limit: int) -> list[str]:
        words = [normalize(m.group()) for m in WORD_RE.finditer(query)]
        match = " AND ".join(f'"{w}"' for w in words if w)
        sql = (
            f"SELECT id FROM s WHERE s MATCH ? AND lang = ? "
            f"ORDER BY bm25(s, 0, 0, {TITLE_WEIGHT}, {BODY_WEIGHT}) LIMIT ?"
        )
        return [r[0] for r in self.db.execute(sql, (match, lang, limit))]


def ndcg(ranked: list[str], rel: dict[str, int], k: int = K_NDCG) -> float:
    dcg = sum((2 ** rel.get(a, 0) - 1) / math.log2(i + 2) for i, a in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], rel: dict[str, int], k: int = K_RECALL) -> float:
    return len(set(ranked[:k]) & set(rel)) / len(rel) if rel else 0.0


def evaluate(db: Path = DEFAULT_DB) -> dict:
    gold = load_gold()
    store = build_store(db, quiet=True)
    rels, _ = relevance_by_id(gold)
    surface = SurfaceIndex(store)
    per_query = []
    for q, rel in zip(gold, rels, strict=True):
        lemma_ranked = [
            h.article_id
            for h in search(
                store, q["query"], Filters(language=q["lang"]), limit=K_RECALL, snippets=False
            ).hits
        ]
        surface_ranked = surface.search(q["query"], q["lang"], K_RECALL)
        per_query.append(
            {
                "id": q["id"],
                "query": q["query"],
                "lang": q["lang"],
                "relevant": len(rel),
                "lemma": {"ndcg@10": ndcg(lemma_ranked, rel), "recall@20": recall(lemma_ranked, rel)},
                "surface": {"ndcg@10": ndcg(surface_ranked, rel), "recall@20": recall(surface_ranked, rel)},
            }
        )
    store.close()
    summary = {}
    for system in ("lemma", "surface"):
        for lang in ("all", "uk", "ru"):
            chosen = [p for p in per_query if lang == "all" or p["lang"] == lang]
            summary.setdefault(system, {})[lang] = {
                metric: round(sum(p[system][metric] for p in chosen) / len(chosen), 3)
                for metric in ("ndcg@10", "recall@20")
            } | {"queries": len(chosen)}
    return {"summary": summary, "per_query": per_query}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--per-query", action="store_true")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="where the analysed BSNLP store is kept")
    args = parser.parse_args()
    result = evaluate(args.db)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"{'system':<10}{'lang':<6}{'queries':>8}{'nDCG@10':>10}{'recall@20':>11}")
    for system, by_lang in result["summary"].items():
        for lang, m in by_lang.items():
            print(f"{system:<10}{lang:<6}{m['queries']:>8}{m['ndcg@10']:>10.3f}{m['recall@20']:>11.3f}")
    if args.per_query:
        print()
        for p in result["per_query"]:
            print(
                f"{p['id']} {p['lang']} {p['query']:<32} rel={p['relevant']:<3} "
                f"lemma nDCG={p['lemma']['ndcg@10']:.2f} R={p['lemma']['recall@20']:.2f}  "
                f"surface nDCG={p['surface']['ndcg@10']:.2f} R={p['surface']['recall@20']:.2f}"
            )


if __name__ == "__main__":
    main()

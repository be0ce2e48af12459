"""Evaluate event and storyline clustering against the hand-made gold; accuracy on same-event pairs.

    .venv/bin/python eval/cluster.py                 # dev and test tables
    .venv/bin/python eval/cluster.py --json          # machine-readable
    .venv/bin/python eval/cluster.py --features text # force raw-text features (no analysis/entities)

Data (read from ../shared, never copied): ``data/news/bsnlp_uk_ru.jsonl`` (867 uk+ru articles) with the
gold in ``eval/gold/events/bsnlp_events.tsv`` (event and storyline id per article) and its per-event
``dev_test_split.tsv``; ``data/pairs/*.tsv`` (ru/en same-event pairs, GOLDEN:quality OK/BAD).

Metrics:
* B-cubed precision/recall/F1 (Bagga & Baldwin 1998) and pairwise P/R/F1, for events and storylines.
* Per language pair: uk–uk and ru–ru restrict both clusterings to that language's articles; uk–ru is
  cross-lingual B-cubed: for each article, precision and recall are computed over the articles of the
  *other* language only (articles with no other-language item in the relevant cluster are skipped).
* Clustering runs on the whole corpus at once (as the system would); dev and test are the articles of
  dev and test events, scored separately. Thresholds are tuned on dev only.
* Online vs batch: the corpus in 5 time-ordered batches, with the state pickled between batches, must
  give exactly the batch assignment; the agreement is reported.
* Pairs: the similarity of the second article to an event made of the first (document frequencies from
  the whole pool, no dates): accuracy at the configured join threshold, and the best threshold found on
  the train/honey pools applied to the exam pool.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
GOLD = ROOT / "eval" / "gold" / "events"
sys.path.insert(0, str(ROOT / "src"))

from storyline.cluster import ClusterEngine, ClusterParams, extract_features  # noqa: E402
from storyline.cluster.events import EventState, OnlineClusterer, _Item  # noqa: E402
from storyline.ingest.html import parse_datetime  # noqa: E402
from storyline.model import Article, Paragraph  # noqa: E402

csv.field_size_limit(10**8)


# ----------------------------------------------------------------------------------------- loading
def outlet_of(url: str | None) -> str | None:
    host = urlparse(url or "").netloc.lower()
    return host.removeprefix("www.") or None


#: How the corpus becomes Articles: "clean" through the product's own JSONL reader and clean stage
#: (site notices, legal footers, rubrics and repeated headlines removed, titles repaired: what users get),
#: "raw" straight from the records (the scraped title and text as they are).
LOADERS = ("clean", "raw")
DEFAULT_LOADER = "clean"


def load_bsnlp(path: Path | None = None, loader: str | None = None) -> list[Article]:
    """The BSNLP corpus as Articles (id = topic/doc_id: doc ids repeat across topics)."""
    path = path or SHARED / "data" / "news" / "bsnlp_uk_ru.jsonl"
    if (loader or DEFAULT_LOADER) == "clean":
        return _load_clean(path)
    articles = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            paragraphs = [p.strip() for p in r["text"].split("\n") if p.strip()]
            published = parse_datetime(r["date"]) if r.get("date") else None
            article = Article(
                id=f"{r['topic']}/{r['doc_id']}",
                title=(r.get("title") or "").strip() or (paragraphs[0][:120] if paragraphs else ""),
                body=[Paragraph(p) for p in paragraphs],
                url=r.get("url") or None,
                outlet=outlet_of(r.get("url")),
                language=r["lang"],
            )
            if published is not None:
                article.published = published
            articles.append(article)
    return articles


def _load_clean(path: Path) -> list[Article]:
    from storyline.clean.cleaner import clean
    from storyline.ingest.jsonl import record_to_draft

    articles = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            article_id = f"{r['topic']}/{r['doc_id']}"
            article = clean(record_to_draft(r, article_id))
            article.id = article_id
            article.outlet = article.outlet or outlet_of(r.get("url"))
            article.language = r["lang"]
            articles.append(article)
    return articles


def load_gold() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """article id -> gold row; event id -> "dev"/"test" (all dev when the split file is missing)."""
    rows = {}
    with (GOLD / "bsnlp_events.tsv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rows[f"{r['topic']}/{r['doc_id']}"] = r
    split: dict[str, str] = {}
    split_path = GOLD / "dev_test_split.tsv"
    if split_path.exists():
        with split_path.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                split[r["event_id"]] = r["split"].strip()
    return rows, split


def analyse(articles: list[Article], mode: str, cache: Path | None = None) -> str:
    """Run analysis + entities when available (mode auto/pipeline); returns the feature source used.

    The pipeline takes ~1 s per article on one core; ``cache`` keeps its output (a JSON list of
    analyses by article id) so repeated evaluations reuse it.
    """
    if mode == "text":
        return "text"
    stored = _read_cache(cache, articles) if cache is not None and cache.exists() else None
    if stored is not None:
        from storyline.model import Analysis, from_dict

        for a in articles:
            a.analysis = from_dict(Analysis, stored[a.id])
        return f"pipeline (cached {cache.name})"
    try:
        from storyline.pipeline import Pipeline

        pipeline = Pipeline.from_registry()
        _ = pipeline.stages
    except Exception as exc:  # a stage not built yet: fall back to raw-text features
        if mode == "pipeline":
            raise
        print(f"(analysis unavailable: {type(exc).__name__}: {exc}; using text features)", file=sys.stderr)
        return "text"
    for i, a in enumerate(articles):
        articles[i] = pipeline(a)
    if cache is not None:
        from storyline.model import to_dict

        data = {
            "texts": {a.id: _text_hash(a) for a in articles},
            "analyses": {a.id: to_dict(a.analysis) for a in articles if a.analysis is not None},
        }
        cache.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return "pipeline" + (f" ({len(pipeline.failures)} stage failures)" if pipeline.failures else "")


def _text_hash(article: Article) -> str:
    import hashlib

    return hashlib.sha1(f"{article.title}\n{article.text}".encode()).hexdigest()


def _read_cache(cache: Path, articles: list[Article]) -> dict | None:
    """The cached analyses when they were made from exactly these texts, else None (rebuilt).

    A cache from the other loader (or an old one without text hashes) does not match: offsets into
    a different text would be silently wrong.
    """
    data = json.loads(cache.read_text(encoding="utf-8"))
    texts, analyses = data.get("texts"), data.get("analyses")
    if not isinstance(texts, dict) or not isinstance(analyses, dict):
        print(f"({cache.name}: old format; re-analysing)", file=sys.stderr)
        return None
    if any(texts.get(a.id) != _text_hash(a) or a.id not in analyses for a in articles):
        print(f"({cache.name}: made from other texts; re-analysing)", file=sys.stderr)
        return None
    return analyses


# ----------------------------------------------------------------------------------------- metrics
def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(pred: dict[str, str], gold: dict[str, str], items: Iterable[str]) -> dict[str, float]:
    items = [i for i in items if i in pred and i in gold]
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    if not items:
        return {"p": 0.0, "r": 0.0, "f1": 0.0, "n": 0}
    p = r = 0.0
    for i in items:
        same_pred, same_gold = by_pred[pred[i]], by_gold[gold[i]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(items), r / len(items)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(_f1(p, r), 4), "n": len(items)}


def bcubed_cross(
    pred: dict[str, str], gold: dict[str, str], lang: dict[str, str], items: Iterable[str]
) -> dict:
    """Cross-lingual B-cubed: each article's precision/recall over other-language articles only."""
    items = [i for i in items if i in pred and i in gold]
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    ps, rs = [], []
    for i in items:
        other_pred = {j for j in by_pred[pred[i]] if lang[j] != lang[i]}
        other_gold = {j for j in by_gold[gold[i]] if lang[j] != lang[i]}
        if other_pred:
            ps.append(len(other_pred & other_gold) / len(other_pred))
        if other_gold:
            rs.append(len(other_pred & other_gold) / len(other_gold))
    p = sum(ps) / len(ps) if ps else 1.0
    r = sum(rs) / len(rs) if rs else 1.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(_f1(p, r), 4), "n": len(rs)}


def pairwise(pred: dict[str, str], gold: dict[str, str], items: Iterable[str]) -> dict[str, float]:
    items = sorted(i for i in items if i in pred and i in gold)
    tp = fp = fn = 0
    for n, i in enumerate(items):
        for j in items[n + 1 :]:
            sp, sg = pred[i] == pred[j], gold[i] == gold[j]
            tp += sp and sg
            fp += sp and not sg
            fn += sg and not sp
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(_f1(p, r), 4)}


def bcubed_losses(
    pred: dict[str, str], gold: dict[str, str], items: Iterable[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Where B-cubed loses: per predicted cluster the precision it costs, per gold event the recall.

    Each article adds ``1 - precision`` to its predicted cluster and ``1 - recall`` to its gold event,
    so the losses of a split sum to ``n·(1 - P)`` and ``n·(1 - R)``: a mixed cluster and a scattered
    event show up as one large number each.
    """
    items = [i for i in items if i in pred and i in gold]
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p_loss: dict[str, float] = defaultdict(float)
    r_loss: dict[str, float] = defaultdict(float)
    for i in items:
        both = len(by_pred[pred[i]] & by_gold[gold[i]])
        p_loss[pred[i]] += 1 - both / len(by_pred[pred[i]])
        r_loss[gold[i]] += 1 - both / len(by_gold[gold[i]])
    return dict(p_loss), dict(r_loss)


def diagnose(
    pred: dict[str, str], gold: dict[str, str], lang: dict[str, str], items: list[str], top: int = 6
) -> dict:
    """The dev split's largest B-cubed losses, and what splitting each costliest cluster by gold gains.

    For design on *dev only* (``--diagnose``): it names the mixed events worth a split and the scattered
    ones worth a merge, with the event B³-F1 (all and uk–ru) each fix would reach.
    """
    p_loss, r_loss = bcubed_losses(pred, gold, items)
    base = score_split(pred, gold, lang, items)
    out: dict = {"precision_loss": [], "recall_loss": []}
    for cluster, loss in sorted(p_loss.items(), key=lambda kv: -kv[1])[:top]:
        members = [i for i in items if pred.get(i) == cluster]
        counts: dict[str, int] = defaultdict(int)
        for i in members:
            counts[gold[i]] += 1
        split = {i: f"{c}|{gold.get(i)}" if c == cluster else c for i, c in pred.items()}
        fixed = score_split(split, gold, lang, items)
        out["precision_loss"].append(
            {
                "cluster": cluster,
                "loss": round(loss, 2),
                "articles": len(members),
                "gold_events": dict(sorted(counts.items(), key=lambda kv: -kv[1])[:4]),
                "f1_if_split": fixed["all"]["bcubed"]["f1"],
                "uk_ru_if_split": fixed["uk-ru"]["f1"],
            }
        )
    for event, loss in sorted(r_loss.items(), key=lambda kv: -kv[1])[:top]:
        members = [i for i in items if gold.get(i) == event]
        out["recall_loss"].append(
            {
                "event": event,
                "loss": round(loss, 2),
                "articles": len(members),
                "clusters": len({pred[i] for i in members}),
            }
        )
    out["f1"] = base["all"]["bcubed"]["f1"]
    return out


def score_split(pred: dict[str, str], gold: dict[str, str], lang: dict[str, str], items: list[str]) -> dict:
    return {
        "all": {"bcubed": bcubed(pred, gold, items), "pairwise": pairwise(pred, gold, items)},
        "uk-uk": bcubed(pred, gold, [i for i in items if lang[i] == "uk"]),
        "ru-ru": bcubed(pred, gold, [i for i in items if lang[i] == "ru"]),
        "uk-ru": bcubed_cross(pred, gold, lang, items),
    }


def per_topic(
    pred_event: dict[str, str],
    pred_story: dict[str, str],
    gold_event: dict[str, str],
    gold_story: dict[str, str],
    rows: dict[str, dict[str, str]],
    items: list[str],
) -> dict[str, dict]:
    """B-cubed of events and storylines over each topic's articles (clusters may cross topics)."""
    topics = sorted({rows[i]["topic"] for i in items})
    out = {}
    for t in topics:
        sub = [i for i in items if rows[i]["topic"] == t]
        out[t] = {
            "events": bcubed(pred_event, gold_event, sub),
            "storylines": bcubed(pred_story, gold_story, sub),
        }
    return out


# ----------------------------------------------------------------------------------------- runs
def run_batch(articles: list[Article], params: ClusterParams) -> tuple[dict[str, str], dict[str, str], float]:
    t0 = time.perf_counter()
    engine = ClusterEngine(params)
    engine.add_articles(articles)
    result = engine.result()
    return result.assignment(), result.storyline_assignment(), time.perf_counter() - t0


def run_online(articles: list[Article], params: ClusterParams, batches: int = 5) -> dict[str, str]:
    """Articles in time-ordered batches; the engine is pickled and restored between batches."""
    from storyline.cluster import order_key

    ordered = sorted(articles, key=order_key)
    size = -(-len(ordered) // batches)
    blob = ClusterEngine(params).dumps()
    for start in range(0, len(ordered), size):
        engine = ClusterEngine.loads(blob)
        engine.add_articles(ordered[start : start + size])
        blob = engine.dumps()
    return ClusterEngine.loads(blob).result().assignment()


def evaluate_gold(
    articles: list[Article], params: ClusterParams, online: bool = True, diagnose_dev: bool = False
) -> dict:
    rows, split = load_gold()
    lang = {a.id: a.language or "" for a in articles}
    gold_event = {i: r["event_id"] for i, r in rows.items()}
    gold_story = {i: r["storyline_id"] for i, r in rows.items()}
    pred_event, pred_story, seconds = run_batch(articles, params)
    splits = {"dev": [], "test": []}
    for i, r in rows.items():
        if i in lang:
            splits[split.get(r["event_id"], "dev")].append(i)
    out: dict = {"articles": len(articles), "gold_articles": len(rows), "seconds": round(seconds, 2)}
    for name, items in splits.items():
        if not items:
            continue
        out[name] = {
            "n": len(items),
            "events": score_split(pred_event, gold_event, lang, items),
            "storylines": score_split(pred_story, gold_story, lang, items),
            "topics": per_topic(pred_event, pred_story, gold_event, gold_story, rows, items),
        }
    if diagnose_dev and splits["dev"]:
        out["dev_diagnosis"] = diagnose(pred_event, gold_event, lang, splits["dev"])
    if not online:
        return out
    online = run_online(articles, params)
    same = sum(online.get(i) == pred_event.get(i) for i in pred_event)
    out["online_vs_batch"] = {
        "identical_assignments": same,
        "articles": len(pred_event),
        "equal": same == len(pred_event),
    }
    return out


# ----------------------------------------------------------------------------------------- pairs
def load_pairs(name: str) -> list[tuple[Article, Article, bool]]:
    path = SHARED / "data" / "pairs" / name
    pairs = []
    with path.open(encoding="utf-8") as fh:
        for n, r in enumerate(csv.DictReader(fh, delimiter="\t")):
            quality = (r.get("GOLDEN:quality") or "").strip()
            if quality not in ("OK", "BAD"):
                continue
            a, b = (
                Article(
                    id=f"{name}:{n}:{side}",
                    title=r[f"INPUT:{side}_title"],
                    body=[Paragraph(p) for p in r[f"INPUT:{side}_text"].split("\n") if p.strip()],
                    url=r.get(f"INPUT:{side}_url"),
                )
                for side in ("first", "second")
            )
            pairs.append((a, b, quality == "OK"))
    return pairs


def pair_scores(
    pairs: list[tuple[Article, Article, bool]], params: ClusterParams
) -> list[tuple[float, bool]]:
    clusterer = OnlineClusterer(dataclasses.replace(params, dedupe=False))
    feats = {}
    for a, b, _ in pairs:
        for art in (a, b):
            f = extract_features(art)
            f.time = None
            feats[art.id] = f
            clusterer.dfs.add(f.terms)
            clusterer.dfs.add(f.entities, count_doc=False)
    out = []
    for a, b, ok in pairs:
        event = EventState(id="pair", seq=0)
        item_a: _Item = clusterer._weigh(feats[a.id])
        clusterer.accumulate(event, item_a)
        score, _ = clusterer.similarity(clusterer._weigh(feats[b.id]), event)
        out.append((score, ok))
    return out


def _params_dict(params: ClusterParams) -> dict:
    return {k: getattr(params, k) for k in params.__slots__ if k != "scorer"}


def accuracy(scored: list[tuple[float, bool]], threshold: float) -> float:
    return round(sum((s >= threshold) == ok for s, ok in scored) / len(scored), 4) if scored else 0.0


def best_threshold(scored: list[tuple[float, bool]]) -> float:
    candidates = sorted({round(s, 3) for s, _ in scored})
    return max(candidates, key=lambda t: (accuracy(scored, t), -abs(t - 0.3))) if candidates else 0.3


def evaluate_pairs(params: ClusterParams) -> dict:
    out = {}
    scored = {}
    for name in ("ru_train_pool.tsv", "ru_honey_pool.tsv", "ru_exam_pool.tsv", "en_train_pool.tsv"):
        try:
            scored[name] = pair_scores(load_pairs(name), params)
        except FileNotFoundError:
            continue
        out[name] = {
            "pairs": len(scored[name]),
            "ok": sum(ok for _, ok in scored[name]),
            "accuracy": accuracy(scored[name], params.resolved_join_threshold()),
        }
    dev = scored.get("ru_train_pool.tsv", []) + scored.get("ru_honey_pool.tsv", [])
    if dev and "ru_exam_pool.tsv" in scored:
        t = best_threshold(dev)
        out["tuned_on_train+honey"] = {
            "threshold": t,
            "dev_accuracy": accuracy(dev, t),
            "exam_accuracy": accuracy(scored["ru_exam_pool.tsv"], t),
        }
    return out


# ----------------------------------------------------------------------------------------- report
def _fmt(m: dict) -> str:
    return f"P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}"


def print_report(report: dict) -> None:
    g = report.get("gold")
    if g:
        print(
            f"BSNLP gold: {g['gold_articles']} labelled of {g['articles']} articles; features: {report['features']}"
        )
        for split in ("dev", "test"):
            if split not in g:
                continue
            print(f"\n[{split}] {g[split]['n']} articles")
            for level in ("events", "storylines"):
                s = g[split][level]
                print(
                    f"  {level:10s} B3   {_fmt(s['all']['bcubed'])}   pairwise {_fmt(s['all']['pairwise'])}"
                )
                for pair in ("uk-uk", "ru-ru", "uk-ru"):
                    print(f"  {'':10s} {pair} {_fmt(s[pair])}  (n={s[pair]['n']})")
            topics = g[split].get("topics", {})
            for level in ("events", "storylines"):
                cells = "  ".join(f"{t} {m[level]['f1']:.2f}" for t, m in topics.items())
                print(f"  {level:10s} B3-F1 by topic: {cells}")
        ob = g["online_vs_batch"]
        print(
            f"\nonline (5 batches, state pickled) vs batch: {ob['identical_assignments']}/{ob['articles']} identical"
        )
        print(f"batch clustering time: {g['seconds']} s")
        if "dev_diagnosis" in g:
            _print_diagnosis(g["dev_diagnosis"])
    p = report.get("pairs")
    if p:
        print("\nsame-event pairs (accuracy at join threshold):")
        for name, m in p.items():
            if "pairs" in m:
                print(f"  {name:20s} {m['pairs']:4d} pairs ({m['ok']} OK)  accuracy {m['accuracy']:.3f}")
        if "tuned_on_train+honey" in p:
            t = p["tuned_on_train+honey"]
            print(
                f"  threshold tuned on train+honey: {t['threshold']} -> dev {t['dev_accuracy']:.3f}, exam {t['exam_accuracy']:.3f}"
            )


def _print_diagnosis(d: dict) -> None:
    print(f"\n[dev diagnosis] event B3-F1 {d['f1']:.3f}; largest precision losses (mixed events):")
    for c in d["precision_loss"]:
        print(
            f"  {c['cluster'][:8]} {c['articles']:3d} articles, loss {c['loss']:5.1f}; split by gold -> "
            f"F1 {c['f1_if_split']:.3f}, uk-ru {c['uk_ru_if_split']:.3f}; {c['gold_events']}"
        )
    print("largest recall losses (scattered events):")
    for e in d["recall_loss"]:
        print(f"  {e['event']}: {e['articles']} articles in {e['clusters']} events, loss {e['loss']:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--features", choices=["auto", "text", "pipeline"], default="auto")
    parser.add_argument("--no-pairs", action="store_true")
    parser.add_argument("--cache", type=Path, help="JSON file caching the pipeline's analyses")
    parser.add_argument("--loader", choices=LOADERS, default=None, help="how records become Articles")
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="dev only: the mixed and scattered events that cost most, and what splitting each gains",
    )
    parser.add_argument(
        "--set", action="append", default=[], help="override a ClusterParams field: name=value"
    )
    args = parser.parse_args(argv)
    params = ClusterParams()
    for item in args.set:
        key, value = item.split("=", 1)
        current = getattr(params, key)
        setattr(params, key, float(value) if current is None else type(current)(value))
    report: dict = {"params": _params_dict(params), "loader": args.loader or DEFAULT_LOADER}
    articles = load_bsnlp(loader=args.loader)
    report["features"] = analyse(articles, args.features, args.cache)
    if (GOLD / "bsnlp_events.tsv").exists():
        report["gold"] = evaluate_gold(articles, params, diagnose_dev=args.diagnose)
    if not args.no_pairs:
        report["pairs"] = evaluate_pairs(params)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

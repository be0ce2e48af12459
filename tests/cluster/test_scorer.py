"""The learned article–event scorer: the shipped model, its errors, and fitting it by oracle replay."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from tests.helpers import bsnlp_articles

from storyline.cluster import ClusterParams, extract_features
from storyline.cluster.engine import _order_key_features
from storyline.cluster.events import OnlineClusterer
from storyline.cluster.learn import fit_scorer, replay_examples
from storyline.cluster.scorer import (
    FEATURES,
    EventScorer,
    ScorerError,
    date_agreement,
    default_scorer,
    feature_vector,
    start_closeness,
)
from storyline.errors import ModelError
from storyline.model import Article

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold" / "events"


def _parts(**over: float) -> dict[str, float]:
    base = dict(terms=0.2, entities=0.2, terms_max=0.2, entities_max=0.2, date=0.0, decay=1.0)
    base.update(over)
    return feature_vector(**base, undated=False, cross=False, size=3)


def test_shipped_model_has_this_versions_features_and_provenance():
    scorer = default_scorer()
    assert tuple(scorer.weights) == FEATURES
    assert 0.0 < scorer.join_threshold < 1.0
    assert "dev" in scorer.meta["trained_on"]


def test_more_shared_content_means_more_likely_the_same_event():
    scorer = default_scorer()
    low, high = scorer.probability(_parts()), scorer.probability(_parts(terms=0.6, terms_max=0.7))
    assert high > low
    assert scorer.probability(_parts(terms=0.6, terms_max=0.7, decay=0.05)) < high  # weeks apart


def test_unreadable_or_foreign_model_is_a_typed_error(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ScorerError, match=r"m\.json"):
        EventScorer.load(bad)
    bad.write_text(json.dumps({"features": ["terms"], "weights": [1.0], "bias": 0, "join_threshold": 0.5}))
    with pytest.raises(ModelError, match="rebuild"):
        EventScorer.load(bad)


def test_round_trip(tmp_path):
    scorer = default_scorer()
    path = tmp_path / "s.json"
    scorer.save(path)
    again = EventScorer.load(path)
    x = _parts(terms=0.4)
    assert again.probability(x) == pytest.approx(scorer.probability(x), abs=1e-5)


@pytest.fixture(scope="module")
def asia_bibi() -> tuple[list[Article], dict[str, str]]:
    """The asia_bibi topic of the shared BSNLP corpus with its hand-made event gold."""
    gold = {}
    with (GOLD / "bsnlp_events.tsv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["topic"] == "asia_bibi":
                gold[f"asia_bibi/{r['doc_id']}"] = r["event_id"]
    articles = bsnlp_articles({"asia_bibi"})
    return articles, gold


def test_days_mentioned_agree_within_a_gold_event_and_conflict_across_events(asia_bibi):
    """On the real asia_bibi reports (days read from their own text): an article against the other
    articles of its gold event conflicts on days far less often, and shares a larger part of their day
    mentions, than against another gold event's articles. That is what the two date features carry."""
    articles, gold = asia_bibi
    feats = {a.id: extract_features(a) for a in articles}
    days: dict[str, Counter[str]] = {}
    for article_id, f in feats.items():
        days.setdefault(gold[article_id], Counter()).update(f.dates)
    same, other = [], []
    for article_id, f in feats.items():
        if not f.dates:
            continue
        rest = days[gold[article_id]] - Counter(f.dates)
        if rest:
            same.append(date_agreement(f.dates, rest))
        other += [
            date_agreement(f.dates, c) for g, c in days.items() if g != gold[article_id] and c.total() >= 3
        ]
    assert len(same) >= 30 and len(other) >= 200
    conflict = [sum(c for c, _ in pairs) / len(pairs) for pairs in (same, other)]
    share = [sum(s for _, s in pairs) / len(pairs) for pairs in (same, other)]
    assert conflict[0] < 0.5 * conflict[1]
    assert share[0] > 1.5 * share[1]


def test_date_agreement_reads_counts_of_day_mentions():
    event_days = {"10-31": 6, "11-01": 2}
    assert date_agreement(frozenset({"10-31"}), event_days) == (0.0, 0.75)
    assert date_agreement(frozenset({"11-03"}), event_days) == (1.0, 0.0)  # days named, none shared
    assert date_agreement(frozenset(), event_days) == (0.0, 0.0)  # nothing to compare: no evidence
    assert date_agreement(frozenset({"11-03"}), {}) == (0.0, 0.0)


def test_shipped_model_prefers_shared_days_and_penalises_conflicting_ones():
    weights = default_scorer().weights
    assert weights["date_conflict"] < 0 < weights["date_share"]


def test_since_start_counts_from_the_first_report_not_the_stretched_span():
    day = 86400.0
    first = 1_540_944_000.0  # 31 Oct 2018, the acquittal
    assert start_closeness(first + 1.5 * day, first) == 1.0
    assert start_closeness(first - day, first) == 1.0  # an earlier report (merged events, late copy)
    four_days = start_closeness(first + 4 * day, first)  # the husband's plea, 4 Nov
    assert 0.3 < four_days < 0.4
    assert start_closeness(first + 8 * day, first) < 0.05
    assert start_closeness(None, first) == start_closeness(first, None) == 0.0
    weights = default_scorer().weights
    assert weights["since_start"] > 0


def test_the_clusterer_passes_the_article_and_event_to_the_scorer(asia_bibi):
    """The date and start features are read from the whole article and event profile, so the clusterer
    must hand both to :func:`feature_vector`; without them they would be silently 0 and the shipped
    model (fitted with them) would score wrongly. Two real acquittal reports that name the same day."""
    articles, gold = asia_bibi
    feats = sorted((extract_features(a) for a in articles), key=_order_key_features)
    acquittal = [f for f in feats if f.dates and gold[f.article_id].endswith("supreme-court-acquittal")]
    first, second = acquittal[0], next(f for f in acquittal[1:] if f.dates & acquittal[0].dates)
    clusterer = OnlineClusterer(ClusterParams(dedupe=False))
    clusterer.add(first)
    event = clusterer.events[clusterer.article_event[first.article_id]]
    f = clusterer.features(clusterer.admit(second), event)
    assert f["date_share"] > 0 and f["date_conflict"] == 0.0
    assert f["since_start"] > 0


def test_replay_on_real_gold_fits_a_scorer_that_prefers_gold_events(asia_bibi):
    articles, gold = asia_bibi
    stream = sorted((extract_features(a) for a in articles), key=_order_key_features)
    examples = replay_examples(stream, gold)
    assert 0 < examples.positives < len(examples.labels)
    assert all(len(row) == len(FEATURES) for row in examples.rows)
    scorer = fit_scorer(examples)
    assert scorer.weights["terms_max"] > 0 and scorer.weights["terms"] + scorer.weights["terms_max"] > 0
    probs = [scorer.probability(dict(zip(FEATURES, r, strict=True))) for r in examples.rows]
    pos = [p for p, y in zip(probs, examples.labels, strict=True) if y]
    neg = [p for p, y in zip(probs, examples.labels, strict=True) if not y]
    assert sum(pos) / len(pos) > 2 * sum(neg) / len(neg)


def test_reason_carries_the_scorer_parts(asia_bibi):
    articles, _ = asia_bibi
    clusterer = OnlineClusterer(ClusterParams(dedupe=False))
    members = clusterer.add_many(sorted((extract_features(a) for a in articles), key=_order_key_features))
    joined = [m for m in members if m.reason["rule"] == "similar"]
    assert joined, "some asia_bibi articles report the same happening"
    for m in joined:
        assert {"terms", "entities", "terms_max", "dates", "decay", "candidates"} <= m.reason.keys()
        assert m.score >= default_scorer().join_threshold

"""Online clustering on real news (BSNLP uk+ru): online == batch, reasons recorded, bounded index."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from tests.helpers import bsnlp_articles

from storyline.cluster import ClusterEngine, cluster_articles, order_key
from storyline.cluster.events import EVENT_WINDOW_DAYS, ClusterParams, OnlineClusterer
from storyline.cluster.features import extract_features
from storyline.model import Article, Paragraph, PublishedDate

_bsnlp = bsnlp_articles


@pytest.fixture(scope="module")
def brexit() -> list[Article]:
    return _bsnlp({"brexit"})


def test_online_in_batches_with_saved_state_equals_batch(brexit):
    batch = cluster_articles(brexit)
    ordered = sorted(brexit, key=order_key)
    blob = ClusterEngine().dumps()
    for start in range(0, len(ordered), 37):
        engine = ClusterEngine.loads(blob)
        engine.add_articles(ordered[start : start + 37])
        blob = engine.dumps()
    online = ClusterEngine.loads(blob).result()
    assert online.assignment() == batch.assignment()
    assert online.storyline_assignment() == batch.storyline_assignment()
    assert [e.title for e in online.events] == [e.title for e in batch.events]


def test_every_membership_says_why(brexit):
    result = cluster_articles(brexit)
    members = [m for e in result.events for m in e.members]
    assert len(members) == len(brexit)
    rules = {m.reason["rule"] for m in members}
    assert rules <= {"new", "similar", "version"}
    assert "similar" in rules and "new" in rules
    for m in members:
        if m.reason["rule"] == "similar":
            assert m.score >= 0.2
            assert {"terms", "entities", "dates", "decay", "shared"} <= m.reason.keys()


def test_the_resignations_of_9_july_2018_form_one_large_event(brexit):
    """Dozens of ru/uk reports of Johnson's and Davis's resignations: the biggest event, not shattered.

    Through the whole pipeline (analysis + entities), as `storyline cluster` sees stored articles.
    """
    from storyline.pipeline import Pipeline

    pipeline = Pipeline.from_registry()
    result = cluster_articles([pipeline(a) for a in brexit])
    biggest = max(result.events, key=lambda e: len(e.members))
    assert len(biggest.members) >= 25
    # Davis resigned late on 8 July, Johnson on 9 July: the first reports are dated the 8th
    assert biggest.first_published.date().isoformat() in ("2018-07-08", "2018-07-09")
    title = biggest.title.lower()
    assert "джонсон" in title or "отставк" in title or "відставк" in title


def test_index_holds_only_recent_events():
    """asia_bibi spans 2014-2019: old events leave the candidate index, whatever the corpus size."""
    articles = sorted(_bsnlp({"asia_bibi"}), key=order_key)
    clusterer = OnlineClusterer()
    window = EVENT_WINDOW_DAYS * 86400
    for a in articles:
        clusterer.add(extract_features(a))
        if clusterer.clock is None:
            continue
        active = [e for e in clusterer.events.values() if e.active]
        assert all(e.touched >= clusterer.clock - window for e in active)
        posted = {i for ids in clusterer.postings.values() for i in ids}
        assert posted <= {e.id for e in active}
    assert sum(1 for e in clusterer.events.values() if not e.active) > 5


def test_state_survives_pickling_mid_stream(brexit):
    ordered = sorted(brexit, key=order_key)
    engine = ClusterEngine()
    engine.add_articles(ordered[:100])
    restored = ClusterEngine.loads(engine.dumps())
    engine.add_articles(ordered[100:])
    restored.add_articles(ordered[100:])
    assert engine.result().assignment() == restored.result().assignment()


def test_bridging_article_merges_two_events(seed_unn):
    """Two halves of one real report open two events; the full report, close to both, merges them."""
    text = seed_unn.read_text(encoding="utf-8")
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    title, body = lines[0], lines[2:]
    half = len(body) // 2
    day = PublishedDate(dt.datetime(2022, 2, 1), "day", "explicit")
    a = Article("a", title.split(".")[0], [Paragraph(p) for p in body[:half]], published=day, language="uk")
    b = Article("b", title.split(".")[1], [Paragraph(p) for p in body[half:]], published=day, language="uk")
    bridge = Article("c", title, [Paragraph(p) for p in body], published=day, language="uk")
    clusterer = OnlineClusterer(ClusterParams(join_threshold=0.99, merge_threshold=0.3, dedupe=False))
    clusterer.add(extract_features(a))
    clusterer.add(extract_features(b))
    assert len(clusterer.events) == 2
    clusterer.params = ClusterParams(join_threshold=0.3, merge_threshold=0.3, dedupe=False)
    member = clusterer.add(extract_features(bridge))
    assert member.reason["rule"] == "similar"
    (event,) = clusterer.events.values()
    assert {m.article_id for m in event.members} == {"a", "b", "c"}
    assert event.merged
    assert any(m.reason.get("merged_from") for m in event.members)
    assert pickle.loads(pickle.dumps(clusterer)).events.keys() == clusterer.events.keys()

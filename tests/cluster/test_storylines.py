"""Storylines as a global clustering of events: partition, order independence, bounded candidates,
average (not single) linkage, time windows, online == batch, on the real BSNLP Brexit stream."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from tests.helpers import bsnlp_articles

from storyline.cluster import ClusterEngine, ClusterParams, OnlineClusterer, extract_features, order_key
from storyline.cluster.storylines import (
    STORY_FEATURES,
    STORY_GAP_DAYS,
    STORY_MAX_CANDIDATES,
    EventProfile,
    average_linkage,
    candidate_pairs,
    default_story_scorer,
    in_time_order,
    link_storylines,
    scored_pairs,
    storyline_id_for,
)
from storyline.cluster.vectors import dot

_DAY = 86400.0


@pytest.fixture(scope="module")
def brexit_articles():
    return sorted(bsnlp_articles({"brexit"}), key=order_key)


@pytest.fixture(scope="module")
def brexit_events(brexit_articles):
    clusterer = OnlineClusterer(ClusterParams())
    for article in brexit_articles:
        clusterer.add(extract_features(article))
    return clusterer.all_events()


def test_every_event_is_in_exactly_one_storyline_named_after_its_first_event(brexit_events):
    stories = link_storylines(brexit_events)
    linked = [i for s in stories for i in s.event_ids]
    assert sorted(linked) == sorted(e.id for e in brexit_events)
    assert len(stories) < len(brexit_events)  # some events are linked
    by_id = {e.id: e for e in brexit_events}
    for story in stories:
        ordered = in_time_order([by_id[i] for i in story.event_ids])
        assert [e.id for e in ordered] == story.event_ids
        assert story.id == storyline_id_for(story.event_ids[0])


def test_storylines_do_not_depend_on_the_order_events_come_in(brexit_events):
    shuffled = list(brexit_events)
    random.Random(5).shuffle(shuffled)
    first = [(s.id, s.event_ids) for s in link_storylines(brexit_events)]
    assert [(s.id, s.event_ids) for s in link_storylines(shuffled)] == first


def test_the_july_cabinet_crisis_and_the_november_agreement_are_separate_threads(brexit_events):
    """The Brexit corpus has two bursts four months apart (Davis/Johnson resign, Jul 2018; the
    withdrawal agreement, Nov 2018): no storyline may hold events of both."""
    by_id = {e.id: e for e in brexit_events}
    for story in link_storylines(brexit_events):
        months = {
            dt.datetime.fromtimestamp(by_id[i].first, dt.UTC).month for i in story.event_ids if by_id[i].first
        }
        assert not {7, 11} <= months


def test_candidates_are_bounded_and_within_the_time_window(brexit_events):
    profiles = [EventProfile.of(e) for e in in_time_order(brexit_events)]
    pairs = candidate_pairs(profiles)
    assert pairs == sorted(set(pairs)) and all(i < j for i, j in pairs)
    partners: dict[int, int] = {}
    for i, j in pairs:
        partners[j] = partners.get(j, 0) + 1
        a, b = profiles[i].event, profiles[j].event
        if a.last is not None and b.first is not None:
            assert b.first - a.last <= STORY_GAP_DAYS * _DAY
    assert max(partners.values()) <= STORY_MAX_CANDIDATES


def test_pair_features_are_the_models(brexit_events):
    profiles = [EventProfile.of(e) for e in in_time_order(brexit_events)]
    pairs, features = scored_pairs(profiles)
    assert pairs and all(tuple(f) == STORY_FEATURES for f in features)
    # an event's neighbour list includes itself, so two events that are each other's only
    # neighbours agree fully; shared neighbours never exceed 1 (unit vectors)
    assert all(0.0 <= f["terms_snn"] <= 1.0 + 1e-9 for f in features)
    # two events with few words in common can still have the same neighbours
    direct = [dot(profiles[i].terms, profiles[j].terms) for i, j in pairs]
    assert any(f["terms_snn"] > 2 * d for f, d in zip(features, direct, strict=True))


def test_the_shipped_model_rewards_similarity_and_penalises_time_apart():
    scorer = default_story_scorer()
    for name in ("terms_snn", "titles", "entities", "dates"):
        assert scorer.weights[name] > 0, name
    assert scorer.weights["gap"] < 0
    assert 0.0 < scorer.join_threshold < 1.0


def test_average_linkage_does_not_chain():
    """a-b and b-c are strong links, a-c was never a candidate (counts as 0): single linkage would
    chain all three; average linkage merges a and b, then {a, b}-c averages 0.45 < 0.5."""
    links = {(0, 1): 0.95, (1, 2): 0.9}
    assert average_linkage(3, links, 0.5) == [[0, 1], [2]]
    assert average_linkage(3, links, 0.4) == [[0, 1, 2]]
    assert average_linkage(3, links, 0.96) == [[0], [1], [2]]


def test_online_and_batch_give_the_same_storylines(brexit_articles):
    params = ClusterParams()
    batch = ClusterEngine(params)
    batch.add_articles(brexit_articles)
    blob = ClusterEngine(params).dumps()
    size = -(-len(brexit_articles) // 4)
    for start in range(0, len(brexit_articles), size):
        engine = ClusterEngine.loads(blob)
        engine.add_articles(brexit_articles[start : start + size])
        blob = engine.dumps()
    online = ClusterEngine.loads(blob).result()
    assert online.storyline_assignment() == batch.result().storyline_assignment()

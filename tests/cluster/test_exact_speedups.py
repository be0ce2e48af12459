"""The clusterer's speed-ups change nothing: the same weights, scores and decisions as the plain code.

On the shared BSNLP uk+ru corpus (867 real articles, six topics, raw-text features): the fast tf-idf
weighting equals the plain formula bit for bit, the pruning bound is above every full score it stands
for, and clustering with pruning gives exactly the memberships (scores and reasons included) of
clustering without it, while scoring fewer candidates in full.
"""

from __future__ import annotations

import math

import pytest
from tests.helpers import bsnlp_articles

from storyline.cluster import order_key
from storyline.cluster.events import (
    MAX_ARTICLE_TERMS,
    ClusterParams,
    OnlineClusterer,
    RecentBound,
    _prunable,
)
from storyline.cluster.features import Features, extract_features
from storyline.cluster.scorer import default_scorer
from storyline.cluster.vectors import (
    IDF_PRIOR_DOCS,
    DocumentFrequencies,
    dot,
    heaviest,
    max_into,
    top_keys,
    weigh,
)

TOPICS = {"us_election_2020", "brexit", "covid-19", "asia_bibi", "ec", "trump"}


@pytest.fixture(scope="module")
def stream() -> list[Features]:
    """All BSNLP articles as clustering features, in time order."""
    return [extract_features(a) for a in sorted(bsnlp_articles(TOPICS), key=order_key)]


def _plain_weigh(counts: dict[str, float], df: dict[str, int], n: int, keep: int) -> dict[str, float]:
    """The textbook loop the fast weighting replaces (sublinear tf × idf, top ``keep``, L2 norm)."""
    log_n = math.log(n + IDF_PRIOR_DOCS)
    weighted = {k: (1.0 + math.log(c)) * (log_n - math.log(df.get(k, 0) + 1.0)) for k, c in counts.items()}
    if len(weighted) > keep:  # a short article keeps its key order (it fixes the order of later sums)
        weighted = dict(sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
    total = math.sqrt(sum(v * v for v in weighted.values()))
    return {k: v / total for k, v in weighted.items()}


def test_weighting_is_the_plain_formula_bit_for_bit(stream):
    dfs = DocumentFrequencies()
    plain_df: dict[str, int] = {}
    for feats in stream:
        dfs.add(feats.terms)
        dfs.add(feats.entities, count_doc=False)
        for key in [*feats.terms, *feats.entities]:
            plain_df[key] = plain_df.get(key, 0) + 1
        fast = weigh(feats.terms, dfs, MAX_ARTICLE_TERMS)
        plain = _plain_weigh(feats.terms, plain_df, dfs.n, MAX_ARTICLE_TERMS)
        assert list(fast.items()) == list(plain.items()), feats.article_id  # values and key order
        for n in (1, 3, 10, MAX_ARTICLE_TERMS):
            assert top_keys(fast, n) == [k for k, _ in heaviest(fast, n)]
    assert dfs.df == plain_df
    assert dfs.n == len(stream)


def test_the_shipped_scorer_can_be_pruned():
    """Pruning assumes the model grows with the closest-member features; if a retrained model or a new
    feature breaks that, every candidate is scored in full (still exact) and this test says so."""
    assert _prunable(default_scorer())


def test_recent_bound_is_above_every_member_and_every_full_score(stream, monkeypatch):
    """Every candidate the clusterer compares, at every step of the stream: the bound holds."""
    clusterer = OnlineClusterer()
    scorer = default_scorer()
    closest_candidates = clusterer.closest_candidates
    checked = 0

    def checking(item):
        nonlocal checked
        closest, considered = closest_candidates(item)
        for cosines, event in closest:
            exact, _ = clusterer._score(item, event, cosines)
            assert clusterer._upper_bound(item, event, cosines, scorer) >= exact
            bound = event.bound
            for terms, entities in event.recent:
                assert dot(item.terms, terms) <= dot(item.terms, bound.terms) * (1 + 1e-12)
                assert dot(item.entities, entities) <= dot(item.entities, bound.entities) * (1 + 1e-12)
            checked += 1
        return closest, considered

    monkeypatch.setattr(clusterer, "closest_candidates", checking)
    for feats in stream:
        clusterer.add(feats)
    assert checked > 500


def test_pruning_changes_no_membership_and_skips_work(stream, monkeypatch):
    """Same events, scores and reasons with and without pruning, at the shipped merge threshold and at
    a low one where bridges (merges) happen often; pruning scores fewer candidates in full."""
    for params in (ClusterParams(), ClusterParams(merge_threshold=0.5)):
        runs = {}
        for prune in (False, True):
            clusterer = OnlineClusterer(params)
            clusterer.prune = prune
            calls = 0
            full_score = clusterer._score

            def counted(*args, _score=full_score):
                nonlocal calls
                calls += 1
                return _score(*args)

            monkeypatch.setattr(clusterer, "_score", counted)
            members = [clusterer.add(f) for f in stream]
            runs[prune] = (
                [(m.article_id, m.score, m.reason, m.version_group) for m in members],
                sorted((e.id, [m.article_id for m in e.members]) for e in clusterer.events.values()),
                calls,
            )
        assert runs[True][0] == runs[False][0]
        assert runs[True][1] == runs[False][1]
        assert runs[True][2] < runs[False][2]
    assert any(m[2].get("merged_from") for m in runs[True][0])  # the low threshold did bridge events


def test_top_keys_of_a_ranked_vector_breaks_ties_by_key():
    """Weights in non-increasing order but tied across the cut: the tie goes to the smaller key."""
    ranked = {"мей": 0.5, "джонсо": 0.5, "брекзи": 0.5, "лондон": 0.2}
    assert top_keys(ranked, 1) == ["брекзи"]
    assert top_keys(ranked, 2) == ["брекзи", "джонсо"]
    assert top_keys(ranked, 4) == ["брекзи", "джонсо", "мей", "лондон"]


def test_max_into_keeps_the_largest_weight_per_key():
    bound: dict[str, float] = {}
    max_into(bound, {"брекзи": 0.5, "мей": 0.2})
    max_into(bound, {"мей": 0.7, "джонсо": 0.1})
    assert bound == {"брекзи": 0.5, "мей": 0.7, "джонсо": 0.1}


def test_bound_is_rebuilt_from_the_recent_members_only():
    from storyline.cluster.events import RECENT_MEMBERS, EventState

    event = EventState("e", 0)
    event.recent = [({"a": 1.0}, {})] + [({"b": 0.5}, {})] * (RECENT_MEMBERS - 1)
    event.recent_titles = [{}] * RECENT_MEMBERS
    assert RecentBound.of(event).terms == {"a": 1.0, "b": 0.5}
    event.recent = event.recent[1:]
    assert RecentBound.of(event).terms == {"b": 0.5}


def test_shingle_hashes_are_the_crc32_of_the_shingles():
    """Shingles joined from encoded words hash like the reference shingles, short texts included."""
    import zlib

    from storyline.cluster.text import fold, words
    from storyline.dedupe import shingle_hashes, shingles

    checked = 0
    for article in bsnlp_articles({"brexit", "ec"}):
        folded = [fold(w) for w in words(article.text)[:400]]
        for cut in (folded, folded[:9], folded[:5]):
            assert shingle_hashes(cut) == {zlib.crc32(s) for s in shingles(cut)}
            checked += 1
    assert checked > 600

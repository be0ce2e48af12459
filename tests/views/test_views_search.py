"""Lemma-aware search on real Ukrainian news: inflected queries, filters, snippets, event groups."""

from __future__ import annotations

import datetime as dt

import pytest
from views_support import corpus_store

from storyline.views.lemmas import query_terms
from storyline.views.search import Filters, SearchError, fts_query, search


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = corpus_store(tmp_path_factory.mktemp("search") / "search.db")
    yield s
    s.close()


def _highlighted(hit) -> list[str]:
    return [hit.snippet[a:b] for a, b in hit.highlights]


def test_inflected_query_finds_the_seeds_in_other_forms(store):
    result = search(store, "переговори Блінкена")
    outlets = {h.outlet for h in result.hits}
    assert {"UNN", "ZN.ua"} <= outlets
    words = {w.lower() for h in result.hits for w in _highlighted(h)}
    # The query said "переговори", "Блінкена"; the articles say "переговорів"/"переговори", "Блінкен".
    assert "блінкен" in words
    assert words & {"переговори", "переговорів", "переговорах"}


def test_name_in_another_case_finds_the_article(store):
    hits = search(store, "Лавровим").hits
    assert hits and all("Лавров" in h.snippet for h in hits[:2])


def test_every_query_word_must_match(store):
    assert search(store, "Блінкен Пакистан").hits == []


def test_two_inflected_names_find_exactly_the_articles_that_use_them(store):
    hits = search(store, "Асія Бібі").hits  # the two articles say "Асії Бібі"; the others only "Бібі"
    assert len(hits) == 2
    assert all("Асії" in _highlighted(h) for h in hits)


def test_title_match_ranks_above_body_mention(store):
    hits = search(store, "християнка").hits
    in_title = [("христия" in h.title.lower()) for h in hits]
    assert sum(in_title) >= 3
    assert in_title[: sum(in_title)] == [True] * sum(in_title), "title matches first"


def test_filters_language_outlet_and_dates(store):
    assert search(store, "Блінкен", Filters(outlet="unn")).hits[0].outlet == "UNN"
    assert {h.outlet for h in search(store, "Блінкен", Filters(outlet="UNN")).hits} == {"UNN"}
    late = search(store, "Блінкен", Filters(since=dt.datetime(2022, 1, 25))).hits
    assert {h.outlet for h in late} == {"UNN"}
    assert search(store, "Блінкен", Filters(language="ru")).hits == []


def test_results_are_grouped_by_event(store):
    result = search(store, "Бібі", limit=50)
    grouped = [g for g in result.groups if g.event_id]
    assert grouped, "BSNLP articles belong to day events"
    for group in grouped:
        assert all(h.event_id == group.event_id for h in group.hits)
    assert sum(len(g.hits) for g in result.groups) == len(result.hits)


def test_index_follows_reanalysis(store):
    """The FTS index is kept by triggers: replacing an analysis replaces what is found."""
    hit = search(store, "Блінкен", Filters(outlet="ZN.ua")).hits[0]
    analysis = store.get_analysis(hit.article_id)
    store.save_analyses([(hit.article_id, analysis)])
    again = search(store, "Блінкен", Filters(outlet="ZN.ua")).hits
    assert [h.article_id for h in again] == [hit.article_id]


def test_query_terms_cover_the_analyzer_lemma():
    (term,) = query_terms("Лавровим")
    assert "лавров" in term


def test_fts_query_quotes_every_lemma():
    assert fts_query([frozenset({"сша"})]) == '"сша"'
    assert fts_query([frozenset({"a", "b"}), frozenset({"c"})]) == '("a" OR "b") AND "c"'


def test_empty_query_is_an_error(store):
    with pytest.raises(SearchError):
        search(store, " … ")

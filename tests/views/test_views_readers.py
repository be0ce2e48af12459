"""Summaries, outlet comparison, timelines, entity pages and exports on real articles in a store."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from views_support import corpus, corpus_store

from storyline.errors import NotFound
from storyline.views import compare_articles, export, reader, top_storylines
from storyline.views.data import list_events
from storyline.views.sentences import article_sentences
from storyline.views.summary import select_sentences
from storyline.views.timeline import plot_articles_per_day, render_text


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = corpus_store(tmp_path_factory.mktemp("views") / "views.db")
    yield s
    s.close()


def _biggest_event(store):
    return max(list_events(store), key=lambda e: len(e.members))


# --------------------------------------------------------------------------------------------- summary
def test_event_summary_has_3_to_5_sourced_sentences(store):
    event = _biggest_event(store)
    summary = reader.event_summary(store, event.id)
    assert 3 <= len(summary.sentences) <= 5
    ids = {m.article_id for m in event.members}
    for s in summary.sentences:
        assert s.article_id in ids and s.outlet
        article = store.get_article(s.article_id)
        assert article.text[s.start : s.end].strip() == s.text


def test_summary_sentences_are_not_repeats(store):
    summary = reader.event_summary(store, _biggest_event(store).id)
    texts = [s.text for s in summary.sentences]
    assert len(set(texts)) == len(texts)


def test_single_article_summary_prefers_the_lead():
    unn = next(a for a in corpus() if a.outlet == "UNN")
    sentences = [s for s in article_sentences(unn) if not s.in_title]
    picked = select_sentences(sentences, 3)
    assert picked[0][0].body_position <= 2, picked[0][0].text


def test_storyline_summary_is_one_line_per_event_in_time_order(store):
    summary = reader.storyline_summary(store, "seeds")
    assert [line.date for line in summary.lines] == ["2022-01-21", "2022-02-01"]
    assert all(line.sentence for line in summary.lines)


def test_unknown_ids_raise_not_found(store):
    with pytest.raises(NotFound):
        reader.event_summary(store, "no-such-event")
    with pytest.raises(NotFound):
        reader.storyline_timeline(store, "no-such-storyline")


# --------------------------------------------------------------------------------------------- compare
def test_seed_comparison_shows_whose_quotes_each_outlet_chose():
    seeds = [a for a in corpus() if a.meta.get("topic") == "seeds"]
    comparison = compare_articles(seeds)
    by_outlet = {c.outlet: c for c in comparison.outlets}
    assert [c.outlet for c in comparison.outlets] == ["ZN.ua", "UNN"]  # ZN.ua reported first
    assert any("Лавров" in s for s in by_outlet["UNN"].speakers)
    assert not any("Лавров" in s for s in by_outlet["ZN.ua"].speakers)
    assert any("Блінкен" in s for s in by_outlet["ZN.ua"].speakers)
    zn_quotes = " ".join(q.text for q in by_outlet["ZN.ua"].quotes)
    assert "відкритих дверей" in zn_quotes
    # Different happenings: the outlets date different things.
    assert "2022-01-10/2022-01-13" in by_outlet["ZN.ua"].dates_mentioned
    assert "2022-02-01" in by_outlet["UNN"].dates_mentioned
    lavrov = [f for f in comparison.exclusive if f.kind == "speaker" and "Лавров" in f.value]
    assert lavrov and all(f.outlets == ["UNN"] for f in lavrov)


def test_event_comparison_lists_outlets_with_first_and_last(store):
    comparison = reader.event_comparison(store, _biggest_event(store).id)
    assert len(comparison.outlets) >= 2
    for c in comparison.outlets:
        assert c.first and c.last and c.first <= c.last and c.headlines


# --------------------------------------------------------------------------------------------- timeline
def test_timeline_places_the_talks_mentioned_by_date(store, tmp_path):
    timeline = reader.storyline_timeline(store, "seeds", plot=tmp_path / "seeds.png")
    events = [e for e in timeline.entries if e.kind == "event"]
    assert [e.date for e in events] == ["2022-01-21", "2022-02-01"]
    talks = [e for e in timeline.entries if e.kind == "mentioned" and e.date == "2022-01-10"]
    assert talks and talks[0].date_end == "2022-01-13" and "переговорів" in talks[0].context
    assert [e.date for e in timeline.entries] == sorted(e.date for e in timeline.entries)
    assert any(e.key_quote and e.key_quote.speaker for e in events)
    assert "2022-01-10…2022-01-13" in render_text(timeline)
    assert (tmp_path / "seeds.png").read_bytes()[:4] == b"\x89PNG"


def test_plot_writes_svg(tmp_path):
    path = plot_articles_per_day(corpus(), tmp_path / "days.svg")
    assert "<svg" in path.read_text()[:500]


# --------------------------------------------------------------------------------------------- digest
def test_top_storylines_have_summaries(store):
    top = top_storylines(store, n=2)
    assert len(top) == 2 and top[0]["score"] >= top[1]["score"]
    assert all(e["summary"] for s in top for e in s["events"])
    json.dumps(top, ensure_ascii=False)


# --------------------------------------------------------------------------------------------- export
@pytest.mark.parametrize("kind", ["articles", "events", "storylines", "entities"])
def test_exports_agree_across_formats(store, tmp_path, kind):
    n_jsonl = export(store, kind, tmp_path / f"{kind}.jsonl")
    n_csv = export(store, kind, tmp_path / f"{kind}.csv")
    n_parquet = export(store, kind, tmp_path / f"{kind}.parquet")
    assert n_jsonl == n_csv == n_parquet
    rows = [json.loads(line) for line in (tmp_path / f"{kind}.jsonl").read_text().splitlines()]
    with (tmp_path / f"{kind}.csv").open(newline="") as f:
        assert len(list(csv.DictReader(f))) == len(rows)
    assert pq.read_table(tmp_path / f"{kind}.parquet").num_rows == len(rows)
    if kind in ("articles", "events"):
        assert rows

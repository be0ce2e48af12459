"""The seeds: two events (Geneva talks, ~21 Jan 2022; Blinken–Lavrov call, 1 Feb 2022) of one storyline."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.cluster import cluster_articles
from storyline.ingest import read_path
from storyline.model import Article, PublishedDate
from storyline.store.articles import article_id_for, identity_of


def _read(path, published: dt.datetime | None = None) -> Article:
    (article,) = list(read_path(path))
    assert isinstance(article, Article)
    article.id = article_id_for(identity_of(article))
    if published is not None and article.published.value is None:
        # The ZN.ua page carries no date; a user gives it as they would with an explicit --published.
        article.published = PublishedDate(published, "day", "explicit")
    return article


@pytest.fixture
def seeds(seed_unn, seed_zn) -> list[Article]:
    return [_read(seed_unn), _read(seed_zn, dt.datetime(2022, 1, 21))]


def test_seeds_are_two_events_of_one_storyline(seeds):
    result = cluster_articles(seeds)
    assert len(result.events) == 2
    assert len(result.storylines) == 1
    (story,) = result.storylines
    assert sorted(story.event_ids) == sorted(e.id for e in result.events)
    assert all(e.storyline_id == story.id for e in result.events)
    # the storyline is first the Geneva event, then the phone call
    first, second = (next(e for e in result.events if e.id == i) for i in story.event_ids)
    assert first.first_published.date() == dt.date(2022, 1, 21)
    assert second.first_published.date() == dt.date(2022, 2, 1)
    assert second.title.startswith("Блінкен поговорив телефоном з Лавровим")


def test_seed_storyline_names_its_main_entities(seeds):
    (story,) = cluster_articles(seeds).storylines
    folded = " ".join(story.entities).lower()
    assert "блінкен" in folded
    assert "сша" in folded


def test_second_seed_records_why_it_opened_a_new_event(seeds):
    result = cluster_articles(seeds)
    call = next(e for e in result.events if e.first_published.date() == dt.date(2022, 2, 1))
    (member,) = call.members
    assert member.reason["rule"] == "new"
    # 11 days after the Geneva talks, that event has left the index of recent events (7 days): the call
    # is compared with nothing and opens its own event; the storyline then links the two.
    assert member.reason["candidates"] == 0

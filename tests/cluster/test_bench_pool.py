"""The clustering benchmark measures the product's feature path: its pool of real articles goes through
the analysis + entities pipeline, and each headline and paragraph becomes features exactly as the
clusterer reads an analysed article (lemmas, entity ids, resolved dates), not the raw-text fallback."""

from __future__ import annotations

import importlib.util
from collections import Counter

import pytest
from tests.conftest import ROOT, shared_path
from tests.helpers import bsnlp_articles

from storyline.cluster.features import MAX_BODY_WORDS, extract_features
from storyline.ingest import read_path
from storyline.pipeline import Pipeline

SEEDS = ("000_54660de2647fc609.txt", "003_5d8bebfd66070adc.txt")


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_cluster", ROOT / "bench" / "cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def analysed():
    """The two seeds and a Ukrainian and a Russian BSNLP report of each of two topics, analysed."""
    pipeline = Pipeline.from_registry()
    articles = [next(iter(read_path(shared_path("seeds", name)))) for name in SEEDS]
    for topic in ("asia_bibi", "brexit"):
        reports = bsnlp_articles({topic})
        articles += [next(a for a in reports if a.language == lang) for lang in ("uk", "ru")]
    articles = [pipeline(a) for a in articles]
    assert all(a.analysis is not None and a.analysis.tokens for a in articles)
    return articles


def _sum(parts, field: str) -> Counter:
    total: Counter = Counter()
    for part in parts:
        total.update(getattr(part, field))
    return total


def test_headline_and_paragraph_parts_add_up_to_the_analysed_article(bench, analysed):
    """For an article within the body-word cap, the parts' lemma keys, entity ids and dates are the
    whole article's: the analysis is cut and moved to each part without losing or shifting a token."""
    compared_terms = 0
    for article in analysed:
        whole = extract_features(article)
        title, paragraphs = bench.analysed_parts(article)
        assert title.source == "analysis" and all(p.source == "analysis" for p in paragraphs)
        assert title.title_terms == whole.title_terms and title.title == article.title
        body_words = sum(1 for t in article.analysis.tokens if t.start >= len(article.title))
        if body_words <= MAX_BODY_WORDS:
            assert _sum([title, *paragraphs], "terms") == Counter(whole.terms)
            compared_terms += 1
        assert _sum([title, *paragraphs], "entities") == Counter(whole.entities)
        assert frozenset().union(title.dates, *(p.dates for p in paragraphs)) == whole.dates
        # the lemma keys are the analysis's, not the 6-letter prefixes of the fallback
        assert Counter(title.terms) != Counter(extract_features(_unanalysed(article)).terms)
    assert compared_terms >= 2


def test_text_features_of_the_fallback_path_stay_available(bench, analysed):
    article = analysed[0]
    fallback = extract_features(_unanalysed(article))
    assert fallback.source == "text"
    assert fallback.entities and all(k.startswith("~") for k in fallback.entities)


def _unanalysed(article):
    from dataclasses import replace

    return replace(article, analysis=None)

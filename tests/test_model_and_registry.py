"""The shared model round-trips through JSON; the stage registry and the public API are pinned."""

from __future__ import annotations

import datetime as dt

import storyline
from storyline.model import (
    Analysis,
    Article,
    DateMention,
    LanguageGuess,
    Mention,
    Paragraph,
    PublishedDate,
    Quote,
    Span,
    Token,
    from_dict,
    to_dict,
)
from storyline.registry import ARTICLE_STAGES


def test_article_with_analysis_round_trips(seed_unn):
    from storyline.ingest import read_path

    (article,) = list(read_path(seed_unn))
    article.analysis = Analysis(
        language=LanguageGuess("uk", 0.99),
        tokens=[Token("Лавровим", 10, 18, "Лавров", "PROPN")],
        dates=[DateMention("1 лютого", Span(3, 11), dt.date(2022, 2, 1), dt.date(2022, 2, 1), "day", True)],
        quotes=[Quote("Коли ми отримали…", Span(20, 40), "Лавров", Span(41, 47), "Сергій Лавров")],
        mentions=[Mention("Лавровим", Span(10, 18), "PER", "Сергій Лавров", "per:sergii-lavrov")],
    )
    again = from_dict(Article, to_dict(article))
    assert again == article
    assert isinstance(again.published, PublishedDate) and isinstance(again.body[0], Paragraph)
    assert again.analysis.dates[0].start == dt.date(2022, 2, 1)


def test_spans_index_article_text(seed_unn):
    from storyline.ingest import read_path

    (article,) = list(read_path(seed_unn))
    text = article.text
    for (start, end), paragraph in zip(article.paragraph_offsets(), article.body, strict=True):
        assert text[start:end] == paragraph.text


def test_stage_registry_is_pinned():
    assert [name for name, _ in ARTICLE_STAGES] == ["analyze", "entities"]


def test_public_api_is_pinned():
    assert sorted(storyline.__all__) == sorted(
        [
            "Article",
            "Draft",
            "Analysis",
            "Event",
            "Storyline",
            "Entity",
            "Pipeline",
            "Store",
            "StorylineError",
            "__version__",
        ]
    )
    for name in storyline.__all__:
        assert getattr(storyline, name) is not None

"""Real articles for the view tests: the seeds and the BSNLP corpus, analysed, in a store with events.

Until the store holds clustered events from the clustering stage, the tests group BSNLP articles into
events the way a reader would: one topic, one language, one publication day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

from tests.conftest import shared_path

from storyline.model import Analysis, Article, LanguageGuess, Paragraph, PublishedDate, Span, Token


def seed_article(path: Path, article_id: str) -> Article:
    """A seed file as an article: first line the title, then its non-empty lines as paragraphs."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    article = Article(id=article_id, title=lines[0], body=[Paragraph(x) for x in lines[1:]], language="uk")
    article.content_hash = hashlib.sha256(article.text.encode()).hexdigest()
    return article


def bsnlp_articles(topic: str | None = None, lang: str | None = None) -> list[Article]:
    path = shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if (topic and row["topic"] != topic) or (lang and row["lang"] != lang):
            continue
        out.append(bsnlp_article(row))
    return out


def bsnlp_article(row: dict) -> Article:
    paragraphs = [p.strip() for p in row["text"].split("\n") if p.strip()]
    if paragraphs and paragraphs[0] == row["title"].strip():
        paragraphs = paragraphs[1:]
    published = (
        PublishedDate(dt.datetime.fromisoformat(row["date"]), "day", "explicit")
        if row.get("date")
        else PublishedDate()
    )
    host = urlparse(row.get("url") or "").netloc.removeprefix("www.") or None
    article = Article(
        id=row["doc_id"],
        title=row["title"].strip(),
        body=[Paragraph(p) for p in paragraphs],
        url=row.get("url") or None,
        outlet=host,
        published=published,
        language=row["lang"],
        meta={"doc_id": row["doc_id"], "topic": row["topic"]},
    )
    article.content_hash = hashlib.sha256(article.text.encode()).hexdigest()
    return article


def analyse(articles: list[Article]) -> list[Article]:
    """Attach analyses: the project's analyzer when it exists, else a dictionary-lemma reading."""
    try:
        from storyline.analyze import Analyzer
    except ImportError:
        Analyzer = None
    if Analyzer is not None:
        analyzer = Analyzer()
        return [analyzer(a) for a in articles]
    from storyline.views.lemmas import words
    from storyline.views.sentences import _spans

    for article in articles:
        article.analysis = None
        spans = _spans(article)
        tokens = []
        for i, (start, end) in enumerate(spans):
            for w in words(article.text[start:end], article.language):
                tokens.append(Token(w.text, start + w.start, start + w.end, w.lemma, "X", i))
        article.analysis = Analysis(
            language=LanguageGuess(article.language or "uk"),
            sentences=[Span(a, b) for a, b in spans],
            tokens=tokens,
            content_hash=article.content_hash,
            version="views-test",
        )
    return articles


def day_events(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles grouped by (topic, language, day): a stand-in for clustered events."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        if a.published.value is None:
            continue
        key = f"{a.meta['topic']}-{a.language}-{a.published.value.date().isoformat()}"
        groups[key].append(a)
    return dict(groups)


def save_corpus(store, articles: list[Article], events: dict[str, list[Article]]) -> None:
    """Save articles, analyses and events (with one storyline per topic) the way the stages do."""
    from storyline.store.schema import event_members as em
    from storyline.store.schema import events as ev
    from storyline.store.schema import storylines as sl

    store.save_articles(articles)  # fills in the stored ids (two rows with one URL are one article)
    store.save_analyses([(a.id, a.analysis) for a in articles if a.analysis is not None])
    seen: set[str] = set()
    now = dt.datetime(2024, 1, 1)
    storyline_events: dict[str, list[str]] = defaultdict(list)
    with store.transaction() as conn:
        for event_id, members in events.items():
            dates = [a.published.value for a in members if a.published.value]
            storyline_id = members[0].meta.get("topic", "misc")
            storyline_events[storyline_id].append(event_id)
            conn.execute(
                ev.insert().values(
                    id=event_id,
                    title=members[0].title,
                    storyline_id=storyline_id,
                    score=float(len(members)),
                    first_published=min(dates, default=None),
                    last_published=max(dates, default=None),
                    data={"outlets": sorted({a.outlet for a in members if a.outlet})},
                )
            )
            for a in members:
                if a.id in seen:
                    continue
                seen.add(a.id)
                conn.execute(
                    em.insert().values(
                        article_id=a.id, event_id=event_id, score=1.0, reason={}, joined_at=now
                    )
                )
        for storyline_id, event_ids in storyline_events.items():
            conn.execute(
                sl.insert().values(
                    id=storyline_id,
                    title=storyline_id,
                    score=float(len(event_ids)),
                    data={"event_ids": event_ids},
                )
            )


def seed_articles() -> list[Article]:
    """The two seeds as ingest reads them; ZN.ua has no machine-readable date, so it gets the one the
    shared README gives (21 January 2022), as a user would pass it with ``--published``."""
    from storyline.ingest import read_path

    articles = list(read_path(shared_path("seeds")))
    for a in articles:
        if a.published.value is None:
            a.published = PublishedDate(dt.datetime(2022, 1, 21), "day", "explicit")
    return sorted(articles, key=lambda a: a.published.value)


_CORPUS: list[Article] = []
TEST_TOPICS = ("asia_bibi", "brexit")


def corpus() -> list[Article]:
    """Seeds plus the Ukrainian BSNLP articles of two topics, analysed once per test session."""
    if not _CORPUS:
        seeds = seed_articles()
        for a in seeds:
            a.meta["topic"] = "seeds"
        bsnlp = [a for a in bsnlp_articles(lang="uk") if a.meta["topic"] in TEST_TOPICS]
        _CORPUS.extend(analyse(seeds + bsnlp))
    return _CORPUS


def corpus_store(path: Path):
    """A store holding :func:`corpus` with events: each seed its own event (they report two different
    happenings) in one storyline "seeds", and BSNLP grouped by topic and day."""
    import copy

    from storyline.store import Store

    articles = copy.deepcopy(corpus())
    store = Store.open(path)
    events = {f"seed-{a.outlet}": [a] for a in articles if a.meta.get("topic") == "seeds"}
    events.update(day_events([a for a in articles if a.meta.get("topic") != "seeds"]))
    save_corpus(store, articles, events)
    return store

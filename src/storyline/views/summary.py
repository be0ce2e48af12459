"""Extractive event summaries: central, non-redundant sentences across outlets, each tied to its source.

Method: LexRank over lemma TF-IDF. Sentences are nodes, cosine similarity above
:data:`LEXRANK_EDGE` is an edge, and the stationary distribution of a damped random walk is each
sentence's centrality — a sentence that many outlets say in their own words is what the event *is*.
Centrality is then boosted for what readers of news summaries want (leads, the event's main entities,
numbers), and sentences are picked greedily by MMR: relevance minus similarity to what is already
picked, so a second outlet repeating the first adds nothing. Near-copies (reprints, version groups)
are never picked twice (:data:`DUPLICATE_SIMILARITY`).

Only sentences in the event's main language are candidates: a summary that switches language
mid-paragraph is unreadable, and the main language is the one most of its articles use.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from storyline.model import Article, Event
from storyline.views.sentences import Sentence, article_sentences

# Similarity above which two sentences are linked in the LexRank graph (Erkan & Radev used 0.1).
LEXRANK_EDGE = 0.1
DAMPING = 0.85
# MMR trade-off, tuned on eval/summary.py: 0.7 gave redundancy 0.15 (lead-3: 0.10) for ROUGE-1 0.323;
# 0.5 brings redundancy to 0.11 for ROUGE-1 0.310; 0.3 starts picking peripheral sentences (0.275).
MMR_LAMBDA = 0.5
# Cosine of lemma TF-IDF above which two sentences say the same thing (reprints, light rewrites).
DUPLICATE_SIMILARITY = 0.6
# Sentence length limits in words: shorter are datelines/captions, longer are run-on scrape damage.
MIN_WORDS = 6
MAX_WORDS = 60
# Boosts: the first body sentences carry the news (inverted pyramid); entity and number sentences are
# factual rather than background.
LEAD_BOOST = (0.6, 0.3, 0.15)  # body positions 0, 1, 2
ENTITY_BOOST = 0.15  # per main entity in the sentence, up to ENTITY_BOOST_MAX
ENTITY_BOOST_MAX = 0.45
NUMBER_BOOST = 0.1
# Sentences that only say who reported ("Об этом сообщает The Guardian во вторник.", "Про це повідомляє
# УНН.") carry no fact of the event; short ones opening with these formulas are never picked.
ATTRIBUTION_OPENERS = (
    "об этом",
    "про це",
    "как сообщает",
    "як повідомляє",
    "як передає",
    "как передает",
    "об этом пишет",
)
ATTRIBUTION_MAX_WORDS = 12
MIN_SENTENCES = 3
MAX_SENTENCES = 5
TOP_ENTITIES = 5


@dataclass(slots=True)
class SummarySentence:
    """One summary sentence and where it comes from."""

    text: str
    article_id: str
    outlet: str | None
    url: str | None
    published: str | None
    start: int
    end: int
    score: float


@dataclass(slots=True)
class EventSummary:
    event_id: str
    title: str
    language: str | None
    sentences: list[SummarySentence]
    n_articles: int
    outlets: list[str]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def summarize_event(event: Event, articles: list[Article], n_sentences: int | None = None) -> EventSummary:
    """A 3–5 sentence extractive summary of the event's articles (those in its main language)."""
    language = main_language(articles)
    chosen_articles = [a for a in articles if language is None or _language(a) in (language, None)]
    candidates = [
        (article, s)
        for article in chosen_articles
        for s in article_sentences(article)
        if not s.in_title and MIN_WORDS <= s.n_words <= MAX_WORDS and s.lemmas and _starts_cleanly(s.text)
    ]
    n = n_sentences or _target_length(len(chosen_articles))
    picked = select_sentences([s for _, s in candidates], n, main_entities(chosen_articles))
    by_id = {a.id: a for a in chosen_articles}
    order = {a.id: i for i, a in enumerate(sorted(chosen_articles, key=_published_key))}
    picked.sort(key=lambda p: (order[p[0].article_id], p[0].start))
    return EventSummary(
        event_id=event.id,
        title=event.title,
        language=language,
        sentences=[_summary_sentence(by_id[s.article_id], s, score) for s, score in picked],
        n_articles=len(articles),
        outlets=sorted({a.outlet for a in articles if a.outlet}),
    )


def select_sentences(
    sentences: list[Sentence], n: int, entities: Iterable[str] = ()
) -> list[tuple[Sentence, float]]:
    """Pick ``n`` central, non-redundant sentences; returns (sentence, relevance) in pick order."""
    if not sentences:
        return []
    vectors = tfidf_matrix([s.lemmas for s in sentences])
    similarity = vectors @ vectors.T
    relevance = lexrank(similarity) * np.array([_boost(s, set(entities)) for s in sentences])
    relevance = relevance / relevance.max()
    picked: list[int] = []
    while len(picked) < min(n, len(sentences)):
        best, best_value = -1, -math.inf
        for i in range(len(sentences)):
            if i in picked:
                continue
            redundancy = max((similarity[i, j] for j in picked), default=0.0)
            if redundancy >= DUPLICATE_SIMILARITY:
                continue
            value = MMR_LAMBDA * relevance[i] - (1 - MMR_LAMBDA) * redundancy
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        picked.append(best)
    return [(sentences[i], float(relevance[i])) for i in picked]


def tfidf_matrix(docs: list[list[str]]) -> np.ndarray:
    """L2-normalised TF-IDF rows (smooth IDF over the given sentences), one row per sentence."""
    vocabulary: dict[str, int] = {}
    for doc in docs:
        for lemma in doc:
            vocabulary.setdefault(lemma, len(vocabulary))
    matrix = np.zeros((len(docs), max(1, len(vocabulary))))
    df = Counter(lemma for doc in docs for lemma in set(doc))
    for row, doc in enumerate(docs):
        for lemma, tf in Counter(doc).items():
            idf = math.log((1 + len(docs)) / (1 + df[lemma])) + 1
            matrix[row, vocabulary[lemma]] = (1 + math.log(tf)) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def lexrank(similarity: np.ndarray, iterations: int = 50) -> np.ndarray:
    """Stationary centrality of the thresholded similarity graph (power iteration)."""
    n = similarity.shape[0]
    adjacency = (similarity > LEXRANK_EDGE).astype(float)
    degree = adjacency.sum(axis=1, keepdims=True)
    transition = adjacency / np.where(degree == 0, 1, degree)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1 - DAMPING) / n + DAMPING * transition.T @ rank
        if np.abs(new - rank).sum() < 1e-8:
            return new
        rank = new
    return rank


def _starts_cleanly(text: str) -> bool:
    """A sentence that starts in lower case or with punctuation is a fragment of a bad split or a
    dateline remnant (", 12:16 REGNUM …"), unreadable out of context."""
    first = text.lstrip("«\"„“'(—– ")[:1]
    if len(text.split()) <= ATTRIBUTION_MAX_WORDS and text.lower().startswith(ATTRIBUTION_OPENERS):
        return False
    return bool(first) and (first.isupper() or first.isdigit())


def _boost(sentence: Sentence, entities: set[str]) -> float:
    boost = 1.0
    if sentence.body_position < len(LEAD_BOOST):
        boost += LEAD_BOOST[sentence.body_position]
    boost += min(ENTITY_BOOST_MAX, ENTITY_BOOST * len(sentence.entities & entities))
    if sentence.has_number:
        boost += NUMBER_BOOST
    return boost


def main_entities(articles: list[Article], k: int = TOP_ENTITIES) -> list[str]:
    """The entities mentioned by most articles of the event (ties: more mentions)."""
    article_counts: Counter[str] = Counter()
    mention_counts: Counter[str] = Counter()
    for article in articles:
        if article.analysis is None:
            continue
        names = [m.canonical for m in article.analysis.mentions]
        mention_counts.update(names)
        article_counts.update(set(names))
    ranked = sorted(article_counts, key=lambda e: (-article_counts[e], -mention_counts[e], e))
    return ranked[:k]


def main_language(articles: list[Article]) -> str | None:
    counts = Counter(lang for a in articles if (lang := _language(a)))
    return counts.most_common(1)[0][0] if counts else None


def _language(article: Article) -> str | None:
    if article.language:
        return article.language
    return article.analysis.language.code if article.analysis else None


def _target_length(n_articles: int) -> int:
    """More articles carry more distinct facts: 3 sentences for one article, up to 5."""
    return max(MIN_SENTENCES, min(MAX_SENTENCES, 2 + (n_articles + 1) // 2))


def _published_key(article: Article) -> tuple[bool, str, str]:
    value = article.published.value
    return (value is None, value.isoformat() if value else "", article.id)


def _summary_sentence(article: Article, sentence: Sentence, score: float) -> SummarySentence:
    value = article.published.value
    return SummarySentence(
        text=sentence.text,
        article_id=article.id,
        outlet=article.outlet,
        url=article.url,
        published=value.isoformat() if value else None,
        start=sentence.start,
        end=sentence.end,
        score=round(score, 4),
    )


@dataclass(slots=True)
class StorylineLine:
    """One line of a storyline summary: an event's date, title and its most central sentence."""

    event_id: str
    date: str | None
    title: str
    sentence: SummarySentence | None
    n_articles: int


def storyline_lines(summaries: list[tuple[Event, EventSummary]]) -> list[StorylineLine]:
    """One line per event, in time order (undated events last)."""
    lines = []
    for event, summary in summaries:
        best = max(summary.sentences, key=lambda s: s.score, default=None)
        date = event.first_published.date().isoformat() if event.first_published else None
        lines.append(StorylineLine(event.id, date, event.title, best, summary.n_articles))
    lines.sort(key=lambda line: (line.date is None, line.date or "", line.event_id))
    return lines

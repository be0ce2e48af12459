"""Sentences of an article as the views need them: text, offsets, content lemmas, numbers, entities.

The analysis (``Article.analysis``) is the source: its sentence spans, tokens with lemmas and parts of
speech, and entity mentions. An article not analysed yet still gets a usable reading (a punctuation
sentence splitter and dictionary lemmas) so a reader view never fails just because a stage was skipped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from storyline.model import Article
from storyline.views.lemmas import STOPWORDS, words

# Parts of speech that carry content; pronouns, particles and conjunctions only add noise to similarity.
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "X"})
NUMBER_RE = re.compile(r"\d")
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[»\"”]?\s+(?=[«\"„“(]?[A-ZА-ЯІЇЄҐЁ0-9])")


@dataclass(slots=True)
class Sentence:
    """One sentence of one article, located by ``[start, end)`` in :attr:`Article.text`."""

    article_id: str
    index: int  # order in the article, title = 0 when the analysis makes it a sentence
    start: int
    end: int
    text: str
    lemmas: list[str] = field(default_factory=list)  # content lemmas, lower-case
    in_title: bool = False
    body_position: int = 0  # 0 for the first body sentence (the lead), 1 for the next …
    has_number: bool = False
    entities: set[str] = field(default_factory=set)  # canonical names mentioned in the sentence

    @property
    def n_words(self) -> int:
        return len(self.text.split())


def article_sentences(article: Article) -> list[Sentence]:
    """The article's sentences in order, from its analysis when there is one."""
    text = article.text
    title_end = len(article.title)
    spans = _spans(article)
    sentences: list[Sentence] = []
    body_position = 0
    for i, (start, end) in enumerate(spans):
        sentence_text = text[start:end].strip()
        if not sentence_text:
            continue
        in_title = end <= title_end
        sentences.append(
            Sentence(
                article_id=article.id,
                index=i,
                start=start,
                end=end,
                text=sentence_text,
                in_title=in_title,
                body_position=0 if in_title else body_position,
                has_number=bool(NUMBER_RE.search(sentence_text)),
            )
        )
        if not in_title:
            body_position += 1
    _fill_lemmas(article, sentences)
    _fill_entities(article, sentences)
    return sentences


def _spans(article: Article) -> list[tuple[int, int]]:
    analysis = article.analysis
    if analysis is not None and analysis.sentences:
        return [(s.start, s.end) for s in analysis.sentences]
    text = article.text
    spans = [(0, len(article.title))]
    for p_start, p_end in article.paragraph_offsets():
        pos = p_start
        for match in SENTENCE_END_RE.finditer(text, p_start, p_end):
            spans.append((pos, match.start()))
            pos = match.end()
        spans.append((pos, p_end))
    return spans


def _fill_lemmas(article: Article, sentences: list[Sentence]) -> None:
    analysis = article.analysis
    starts = [s.start for s in sentences]
    if analysis is not None and analysis.tokens:
        for token in analysis.tokens:
            sentence = _containing(sentences, starts, token.start)
            if sentence is None or not _is_content(token.lemma, token.pos):
                continue
            sentence.lemmas.append(token.lemma.lower())
        return
    lang = article.language or (analysis.language.code if analysis else None)
    for sentence in sentences:
        sentence.lemmas = [
            w.lemma
            for w in words(sentence.text, lang)
            if _is_content(w.lemma, "X") and w.lemma not in STOPWORDS
        ]


def _is_content(lemma: str, pos: str) -> bool:
    if pos not in CONTENT_POS:
        return False
    return len(lemma) > 1 and lemma.lower() not in STOPWORDS


def _fill_entities(article: Article, sentences: list[Sentence]) -> None:
    if article.analysis is None:
        return
    starts = [s.start for s in sentences]
    for mention in article.analysis.mentions:
        sentence = _containing(sentences, starts, mention.span.start)
        if sentence is not None:
            sentence.entities.add(mention.canonical)


def _containing(sentences: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return None
    sentence = sentences[i]
    return sentence if offset < sentence.end else None

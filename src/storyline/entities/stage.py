"""The entities pipeline stage: NER, canonical forms, in-article resolution, quote speakers; and, per
batch, corpus-level resolution into the store (``finish``).

Reads ``article.analysis.tokens`` (from the analyze stage; a regex tokenizer stands in when there are
none) and fills ``article.analysis.mentions`` and the speakers of ``article.analysis.quotes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from storyline.entities import russian
from storyline.entities.canonical import canonical
from storyline.entities.english import english_spans
from storyline.entities.morphology import word_info
from storyline.entities.ner import MENTION_TYPES, RU_MODEL, NerTagger, default_tagger
from storyline.entities.resolve import ROLE_WORDS, Cluster, resolve, resolve_speakers, role_mentions
from storyline.entities.tokenize import tokenize
from storyline.model import Analysis, Article, LanguageGuess, Mention, Span, Token

if TYPE_CHECKING:
    from storyline.store import Store

VERSION = "2"  # 2: dev-chosen uk model, Russian CRF, whole-name canonical forms


class EntityStage:
    """``name="entities"``: see the module docstring. Construction is cheap; the model loads on first use."""

    name = "entities"
    version = VERSION

    def __init__(self, tagger: NerTagger | None = None, russian_ner: str = "crf") -> None:
        """``russian_ner``: "crf" (the CRF distilled from slovnet, fast; the default when its model
        ships) or "slovnet" (natasha's model itself, ~20x slower)."""
        self._tagger = tagger
        self.russian_ner = russian_ner

    @property
    def tagger(self) -> NerTagger:
        if self._tagger is None:
            self._tagger = default_tagger()
        return self._tagger

    def __call__(self, article: Article) -> Article:
        text = article.text
        analysis = article.analysis
        if analysis is None:
            analysis = article.analysis = Analysis(language=LanguageGuess(article.language or "uk"))
        lang = (analysis.language.code if analysis.language else None) or article.language or "uk"
        tokens = [t for t in analysis.tokens if t.text.strip()] or tokenize(text)
        mentions, clusters = self.extract(text, tokens, lang)
        analysis.mentions = mentions
        resolve_speakers(analysis.quotes, mentions, clusters, lang)
        return article

    def extract(self, text: str, tokens: Sequence[Token], lang: str) -> tuple[list[Mention], list[Cluster]]:
        """Mentions (names and resolved role words, in text order) and the article's entity clusters."""
        tokens = list(tokens)
        found: list[tuple[int, int, str]] = []  # token start, token end, type
        jobs: list[tuple[int, int]] = []
        sentences = [list(g) for _, g in groupby(tokens, key=lambda t: t.sentence)]
        offset = 0
        for sentence, spans in zip(sentences, self._spans(text, sentences, lang), strict=True):
            for start, end, kind in spans:
                if kind in MENTION_TYPES:
                    found.append((offset + start, offset + end, kind))
                elif kind == "JOB":
                    jobs.append((offset + start, offset + end))
            offset += len(sentence)
        # A lone role word tagged ORG/LOC ("Держсекретар підкреслив") is a reference to a person, not a
        # body: role resolution below handles it.
        found = [f for f in found if not _is_role_word(tokens, f)]
        found.sort()
        mentions = []
        for start, end, kind in found:
            surface = text[tokens[start].start : tokens[end - 1].end]
            mentions.append(
                Mention(
                    surface,
                    Span(tokens[start].start, tokens[end - 1].end),
                    kind,
                    canonical(surface, kind, lang),
                )
            )
        clusters = resolve(mentions, lang)
        by_id = {c.id: c for c in clusters}
        person_at = {
            start: by_id.get(m.entity_id or "") for (start, _, _), m in zip(found, mentions, strict=True)
        }
        person_at = {i: c for i, c in person_at.items() if c is not None and c.type == "PER"}
        taken = {i for start, end, _ in found for i in range(start, end)}
        roles = role_mentions(tokens, jobs, person_at, taken, lang)
        mentions = sorted([*mentions, *roles], key=lambda m: m.span.start)
        return mentions, clusters

    def _spans(self, text: str, sentences: list[list[Token]], lang: str) -> list[list[tuple[int, int, str]]]:
        """Per sentence, mention spans in token indices, from the language's recogniser."""
        if lang == "en":
            return [english_spans(s) for s in sentences]
        words = [[t.text for t in s] for s in sentences]
        if lang == "ru":
            if self.russian_ner == "crf" and RU_MODEL.exists():
                return default_tagger("ru").spans_sentences(words, "ru")
            if russian.available():
                return russian.sentence_spans(text, sentences)
        morph = "ru" if lang == "ru" else "uk"
        return self.tagger.spans_sentences(words, morph)

    def finish(self, store: Store, articles: list[Article]) -> None:
        """Corpus-level resolution of this batch's mentions into the store's entity tables."""
        from storyline.entities.corpus import link_corpus

        link_corpus(store, articles)


def _is_role_word(tokens: list[Token], span: tuple[int, int, str]) -> bool:
    start, end, kind = span
    if kind == "PER" or end - start != 1 or not tokens[start].text[:1].isalpha():
        return False
    word = tokens[start].text
    return word_info(word, "uk").lemma in ROLE_WORDS or word_info(word, "ru").lemma in ROLE_WORDS

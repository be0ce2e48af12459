"""Language of an article and of each paragraph: a letter heuristic first, lingua when it is unsure.

Why two layers: lingua on a whole article costs ≈ 4 ms, more than the rest of the analysis together, and
for Cyrillic news the answer is almost always in the alphabet: Ukrainian writes і ї є ґ and apostrophes,
Russian ы э ъ ё, and each rarely borrows the other's letters. So a paragraph with enough letters of one
kind and none of the other is decided at once; short, mixed (surzhyk, a Russian quote with a Ukrainian
name) or Latin-script paragraphs go to lingua, restricted to the configured languages plus a few
neighbours that stand for "other" (Belarusian also writes і, Bulgarian ъ). The confidence says how much
evidence there was, so a four-word paragraph is never reported as certain.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from storyline.model import LanguageGuess

DEFAULT_LANGUAGES: tuple[str, ...] = ("uk", "ru", "en")
#: Languages lingua also considers, so that their text is reported as "other" instead of being forced
#: into the nearest configured language.
OTHER_CANDIDATES: tuple[str, ...] = ("be", "bg", "sr", "mk", "kk", "pl", "de", "fr", "es", "it")
OTHER = "other"

UK_LETTERS = frozenset("іїєґІЇЄҐ")
RU_LETTERS = frozenset("ыэъёЫЭЪЁ")
BE_LETTER = frozenset("ўЎ")
#: Marker letters of one language (and none of the other) needed to decide without lingua. Two, not
#: one: a single "і" can be a typo or a Latin "i" typed in Cyrillic text.
MIN_MARKERS = 2
#: Below this many letters the heuristic is not trusted and lingua's answer gets a damped confidence.
SHORT_TEXT_LETTERS = 40
#: Letters beyond this many add no evidence worth their counting time: a paragraph's first 600
#: characters hold dozens of marker letters when it has any.
EVIDENCE_CHARS = 600
#: Confidence of a paragraph that took the article's language for lack of evidence of its own.
INHERITED_CONFIDENCE = 0.5
#: Lines up to this long that go to lingua have their answer remembered (per identifier, up to
#: :data:`SHORT_MEMO_SIZE` of them): outlets repeat them in every article ("ua", "Getty Images",
#: "Close player", "Фото: EPA/UPG"): on the 1,444 shared articles 230 of the 351 lingua calls are on
#: such lines, 81 distinct. Longer paragraphs hardly repeat, so they are not kept.
SHORT_MEMO_CHARS = 64
SHORT_MEMO_SIZE = 4096
#: Share of English function words among words that makes a Latin-script text English without lingua.
ENGLISH_FUNCTION_SHARE = 0.12
ENGLISH_FUNCTION_WORDS = frozenset(
    str.split("the of and to in is that for on with as was by at from it are be has have said this an")
)
_WORD_RE = re.compile(r"[A-Za-z]+")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
#: Letters are counted in the text's UTF-8 bytes by deleting the others (a C loop; a regex visiting
#: every character cost ten times as much): every Cyrillic letter (U+0400–U+04FF) has one of the lead
#: bytes D0–D3 and no other character has them.
_NOT_CYRILLIC_LEAD = bytes(b for b in range(256) if b not in (0xD0, 0xD1, 0xD2, 0xD3))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#: Each marker letter with the language it marks; counted only where ``in`` finds it (most are absent).
_MARKERS = (
    *((c, "uk") for c in sorted(UK_LETTERS)),
    *((c, "ru") for c in sorted(RU_LETTERS)),
    *((c, "be") for c in sorted(BE_LETTER)),
)
_APOSTROPHES = ("'", "’", "ʼ")
#: The Ukrainian apostrophe between a labial and an iotated vowel ("п'ять", "сім'я"): a marker too.
#: Matched with its neighbours, not by look-arounds, so the engine can skip to candidate letters.
_APOSTROPHE_IN_WORD = re.compile(r"[бпвмфрБПВМФР]['’ʼ][яюєїЯЮЄЇ]")


def _evidence_confidence(markers: int, letters: int) -> float:
    """More marker letters and more text → closer to 1; never exactly 1."""
    by_markers = 1.0 - 0.5**markers
    by_length = min(1.0, letters / SHORT_TEXT_LETTERS)
    return round(min(0.99, by_markers * (0.5 + 0.5 * by_length)), 3)


class LanguageIdentifier:
    """Guesses uk/ru/en/… (configurable) with a confidence; lingua is built lazily, on first need."""

    def __init__(self, languages: Sequence[str] = DEFAULT_LANGUAGES) -> None:
        self.languages = tuple(languages)
        self.lingua_calls = 0
        self._short_memo: dict[str, tuple[str, float]] = {}

    def clear_memo(self) -> None:
        """Forget the remembered answers for short lines (a cold start, for benchmarks)."""
        self._short_memo.clear()

    @cached_property
    def _detector(self) -> Any:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        codes = dict.fromkeys((*self.languages, *OTHER_CANDIDATES))
        langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
        return LanguageDetectorBuilder.from_languages(*langs).build()

    def guess_many(self, texts: Sequence[str]) -> list[LanguageGuess]:
        """Languages of an article's paragraphs: lingua only where the letters leave the article unsure.

        A Cyrillic paragraph with no marker letters (a short one, or one of names and numbers) takes
        the language the article's decided paragraphs agree on, with a damped confidence.
        """
        quick = [self.guess(t, use_lingua=False) for t in texts]
        decided = {g.code for g in quick if g is not None}
        fallback = decided.pop() if len(decided) == 1 else None
        out = []
        for text, g in zip(texts, quick, strict=True):
            if g is not None:
                out.append(g)
            elif fallback is not None and fallback != "en" and _CYRILLIC_RE.search(text):
                out.append(LanguageGuess(fallback, INHERITED_CONFIDENCE))
            else:
                out.append(self.guess(text))
        return out

    @typing.overload
    def guess(self, text: str) -> LanguageGuess: ...
    @typing.overload
    def guess(self, text: str, use_lingua: bool) -> LanguageGuess | None: ...

    def guess(self, text: str, use_lingua: bool = True) -> LanguageGuess | None:
        """The language of one piece of text (a paragraph, a title); None if unsure and no lingua."""
        text = text[:EVIDENCE_CHARS]
        raw = text.encode("utf-8", "surrogatepass")
        cyrillic = len(raw.translate(None, _NOT_CYRILLIC_LEAD))
        latin = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        counts = {"uk": 0, "ru": 0, "be": 0}
        if cyrillic:  # the marker letters are all Cyrillic
            for letter, lang in _MARKERS:
                if letter in text:
                    counts[lang] += text.count(letter)
        uk, ru, be = counts["uk"], counts["ru"], counts["be"]
        letters = cyrillic + latin
        if letters == 0:
            return LanguageGuess(OTHER, 0.0) if use_lingua else None
        if cyrillic >= latin:
            if any(map(text.__contains__, _APOSTROPHES)):
                uk += len(_APOSTROPHE_IN_WORD.findall(text))
            if not be:
                if uk >= MIN_MARKERS and ru == 0 and "uk" in self.languages:
                    return LanguageGuess("uk", _evidence_confidence(uk, cyrillic))
                if ru >= MIN_MARKERS and uk == 0 and "ru" in self.languages:
                    return LanguageGuess("ru", _evidence_confidence(ru, cyrillic))
        elif "en" in self.languages:
            words = [w.lower() for w in _WORD_RE.findall(text)]
            function = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
            if words and function / len(words) >= ENGLISH_FUNCTION_SHARE and function >= MIN_MARKERS:
                return LanguageGuess("en", _evidence_confidence(function, latin))
        return self._lingua(text, letters) if use_lingua else None

    def _lingua(self, text: str, letters: int) -> LanguageGuess:
        if len(text) > SHORT_MEMO_CHARS:
            return self._ask_lingua(text, letters)
        memo = self._short_memo
        known = memo.get(text)
        if known is None:
            if len(memo) >= SHORT_MEMO_SIZE:
                memo.clear()
            guess = self._ask_lingua(text, letters)
            memo[text] = (guess.code, guess.confidence)
            return guess
        return LanguageGuess(*known)  # a new record each time: callers may keep and change theirs

    def _ask_lingua(self, text: str, letters: int) -> LanguageGuess:
        """lingua's answer, the likeliest configured language for a short text (``letters`` letters)."""
        self.lingua_calls += 1
        values = self._detector.compute_language_confidence_values(text)
        if not values:
            return LanguageGuess(OTHER, 0.0)
        if letters < SHORT_TEXT_LETTERS:
            # Too little text to tell Ukrainian from Macedonian: report the likeliest configured
            # language, with the low confidence that the length earns.
            values = [v for v in values if v.language.iso_code_639_1.name.lower() in self.languages] or values
        top = values[0]
        code = top.language.iso_code_639_1.name.lower()
        confidence = top.value * min(1.0, letters / SHORT_TEXT_LETTERS)
        if code not in self.languages:
            code = OTHER
        return LanguageGuess(code, round(confidence, 3))

    def combine(self, guesses: Sequence[LanguageGuess], weights: Sequence[int]) -> LanguageGuess:
        """The article's language: the paragraph languages weighted by length and confidence."""
        votes: dict[str, float] = {}
        for g, w in zip(guesses, weights, strict=True):
            votes[g.code] = votes.get(g.code, 0.0) + w * max(g.confidence, 0.05)
        total = sum(votes.values())
        if not total:
            return LanguageGuess(OTHER, 0.0)
        code, score = max(votes.items(), key=lambda kv: kv[1])
        return LanguageGuess(
            code,
            round(score / total * max((g.confidence for g in guesses if g.code == code), default=0.0), 3),
        )

"""A small regex tokenizer with offsets, for text that reaches the entities stage without tokens.

The analyze stage normally supplies tokens (``article.analysis.tokens``); this fallback keeps the stage
usable on its own (tests, eval on SlavicNER raw text, ``bench``) and tokenizes the way ner-uk's IOB files
do: hyphenated and apostrophised words stay whole ("Інтерфакс-Україна", "п'ять"), quotes and other
punctuation are tokens of their own.
"""

from __future__ import annotations

import re

from storyline.model import Token

# A word: letters/digits joined by inner hyphens, apostrophes or dots in initials-free abbreviations.
_TOKEN = re.compile(r"\w+(?:[-'’ʼ]\w+)*|[^\w\s]", re.UNICODE)
# Sentence end: . ! ? … followed by space and an upper-case letter, a quote or a digit; or a blank line.
_SENT_END = re.compile(r"(?<=[.!?…])[\"»”]?\s+(?=[«\"“A-ZА-ЯІЇЄҐ0-9])|\n\s*\n")


def tokenize(text: str) -> list[Token]:
    """Tokens with ``[start, end)`` offsets and sentence numbers (lemma = lower-cased surface)."""
    bounds = [m.end() for m in _SENT_END.finditer(text)]
    tokens: list[Token] = []
    sentence = 0
    b = 0
    for m in _TOKEN.finditer(text):
        while b < len(bounds) and m.start() >= bounds[b]:
            b += 1
            sentence += 1
        tokens.append(Token(m.group(), m.start(), m.end(), m.group().lower(), "X", sentence))
    return _renumber(tokens)


def _renumber(tokens: list[Token]) -> list[Token]:
    """Sentence numbers without gaps (several boundaries can fall between two tokens)."""
    seen: dict[int, int] = {}
    for t in tokens:
        t.sentence = seen.setdefault(t.sentence, len(seen))
    return tokens

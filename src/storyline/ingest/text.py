"""Plain-text articles as scraped: first meaningful line is the title, lines or blocks are paragraphs.

Scrapes come both ways: one paragraph per line with no blank lines (UNN seed) and blank-line separated
blocks (ZN.ua seed), sometimes hard-wrapped. Each non-empty line is a paragraph, except that a wrapped
line (previous line does not end a sentence and this one starts in lower case, with no blank line
between) is joined to the previous one.
"""

from __future__ import annotations

import re

from storyline.model import Draft

_SENTENCE_END_CHARS = frozenset(".!?…:;»”\"')]")
_STARTS_LOWER = re.compile(r"^[a-zа-яіїєґёʼ'’]")


def split_paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    previous_blank = True
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            previous_blank = True
            continue
        if (
            paragraphs
            and not previous_blank
            and paragraphs[-1][-1:] not in _SENTENCE_END_CHARS
            and _STARTS_LOWER.match(line)
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous_blank = False
    return paragraphs


def parse_text(text: str, source: str) -> Draft:
    """A Draft whose title is chosen later, after boilerplate lines above it are removed."""
    return Draft(source=source, format="text", paragraphs=split_paragraphs(text))

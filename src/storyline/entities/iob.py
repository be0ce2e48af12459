"""Reading IOB-tagged corpora (ner-uk's ``token TAG`` lines, blank line between sentences)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

#: ner-uk's type names -> ours. Anything not listed keeps its name (ORG, LOC, JOB, DATE …).
TYPE_MAP = {"PERS": "PER"}


def read_iob(
    path: Path, types: frozenset[str] | None = None, other: str | None = None
) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences as (words, BIO tags); types outside ``types`` become O, or ``other`` if given (None
    keeps all)."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            word, tag = parts[0], parts[-1] if len(parts) > 1 else "O"
            words.append(word)
            tags.append(_map_tag(tag, types, other))
    if words:
        yield words, tags


def _map_tag(tag: str, types: frozenset[str] | None, other: str | None = None) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    kind = TYPE_MAP.get(kind, kind)
    if types is not None and kind not in types:
        if other is None:
            return "O"
        kind = other
    return f"{prefix}-{kind}"


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` in token indices from BIO tags (a stray I- starts one)."""
    out: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        if start >= 0 and (prefix != "I" or t != kind):
            out.add((start, i, kind))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, kind = i, t
    return out

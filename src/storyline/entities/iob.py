"""Reading IOB-tagged corpora (ner-uk's ``token TAG`` lines, blank line between sentences)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


def to_bilou(tags: list[str]) -> list[str]:
    """BIO tags as BILOU: an entity's last token becomes L-, a one-token entity U- (the CRF then
    learns where names end, not only where they start)."""
    out = list(tags)
    for start, end, kind in spans(tags):
        if end - start == 1:
            out[start] = f"U-{kind}"
        else:
            out[start] = f"B-{kind}"
            out[start + 1 : end - 1] = [f"I-{kind}"] * (end - start - 2)
            out[end - 1] = f"L-{kind}"
    return out


def to_bio(label: str) -> str:
    """One BILOU label as BIO (U- is B-, L- is I-); BIO labels are returned unchanged."""
    prefix, _, kind = label.partition("-")
    if prefix == "U":
        return "B-" + kind
    if prefix == "L":
        return "I-" + kind
    return label


#: Opening quote -> its closing quote.
_QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“"}
#: "ім." / "імені" ("named after"): an organisation's name continues with a person's name.
_NAMED_AFTER = frozenset({"ім", "імені", "им", "имени"})


def repair_spans(words: list[str], found: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two token-level repairs of tagged spans, sorted:

    * a span that opens a quote and stops right before its closing quote takes the quote in
      (``фонд « Покуття`` + ``»``), as the annotation does;
    * an ORG ending in "ім"/"імені" before a "." and a following span is one name with it
      ("Інституту зоології ім . Шмальгаузена": the tokenizer split the abbreviation's dot off).
    Chosen on the dev split of ner-uk train (both raise precision and recall there).
    """
    spans_ = sorted(found)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(spans_):
        start, end, kind = spans_[i]
        opened = [w for w in words[start:end] if w in _QUOTE_PAIRS]
        if opened and end < len(words):
            closing = _QUOTE_PAIRS[opened[-1]]
            if words[end] == closing and closing not in words[start:end]:
                end += 1
        if (
            kind == "ORG"
            and words[end - 1].lower() in _NAMED_AFTER
            and end + 1 < len(words)
            and words[end] == "."
            and i + 1 < len(spans_)
            and spans_[i + 1][0] == end + 1
        ):
            end = spans_[i + 1][1]
            i += 1
        out.append((start, end, kind))
        i += 1
    return out

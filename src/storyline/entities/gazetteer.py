"""The seed gazetteer: frequent entities with their uk/ru/en names and aliases (data/gazetteer.tsv).

It seeds two things that text alone cannot: abbreviations and translated names ("РФ" = "Росія",
"Велика Британія" = "Великобритания"), and stable ids for the most frequent entities. It is one
mechanism among several: NER finds entities it does not list, canonicalisation, fuzzy matching and the
transliteration key (:mod:`storyline.entities.linking`) resolve names it has never seen.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    key: str
    type: str
    names: dict[str, str]  # language -> canonical name
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def all_names(self) -> tuple[str, ...]:
        return (*self.names.values(), *self.aliases)


@functools.cache
def entries() -> tuple[GazetteerEntry, ...]:
    text = resources.files("storyline.entities").joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = [*line.split("\t"), "", "", "", "", ""]
        key, kind, uk, ru, en, aliases = cols[:6]
        names = {lang: name for lang, name in (("uk", uk), ("ru", ru), ("en", en)) if name}
        out.append(GazetteerEntry(key, kind, names, tuple(a for a in aliases.split("|") if a)))
    return tuple(out)


@functools.cache
def _word_types() -> dict[str, frozenset[str]]:
    """Lower-cased word -> the types of gazetteer names it occurs in (a NER feature)."""
    acc: dict[str, set[str]] = {}
    for e in entries():
        for name in e.all_names:
            for w in name.lower().replace("-", " ").split():
                acc.setdefault(w, set()).add(e.type)
    return {w: frozenset(t) for w, t in acc.items()}


def gazetteer_types(word_lower: str) -> frozenset[str]:
    """Types of gazetteer names containing this exact lower-cased word (empty if none)."""
    return _word_types().get(word_lower, frozenset())

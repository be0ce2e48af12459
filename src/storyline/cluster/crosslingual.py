"""Russian word keys translated into Ukrainian ones, so that the two languages share vocabulary.

Folding (:mod:`.text`) makes cognates meet: "переговоры" and "переговори" share the key "перего". It
cannot make *different* words meet: "выборщики" / "виборники", "победа" / "перемога", "сторонники" /
"прихильники". For those the package ships a Russian→Ukrainian lexicon of news vocabulary
(``lexicon/ru_uk.tsv``, written from general knowledge of both languages' news usage, not from any
evaluation data), and a Russian article's keys are rewritten into the Ukrainian keys before any
comparison. Ukrainian (and English) keys pass unchanged, so the shared space is Ukrainian's.

The mapping is between *keys* (folded 6-letter prefixes), so it serves lemma keys from the Analysis
stage and raw-word keys of the fallback path alike; a Russian key that folds like its Ukrainian
equivalent is not in the table at all. Only Russian articles are rewritten: a Russian key may collide
with an unrelated Ukrainian one, and a Ukrainian article must keep its own.
"""

from __future__ import annotations

import functools
from importlib import resources

from storyline.cluster.text import key_of

LEXICON = "lexicon/ru_uk.tsv"


@functools.cache
def ru_to_uk_keys() -> dict[str, str]:
    """Russian key -> Ukrainian key, from the shipped lexicon (the first pair of a key wins)."""
    table: dict[str, str] = {}
    try:
        text = resources.files("storyline.cluster").joinpath(LEXICON).read_text(encoding="utf-8")
    except FileNotFoundError:
        return table
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ru, _, uk = line.partition("\t")
        ru_key, uk_key = key_of(ru.strip()), key_of(uk.strip())
        if ru_key and uk_key and ru_key != uk_key:
            table.setdefault(ru_key, uk_key)
    return table


def translate_keys(counts: dict[str, float], language: str) -> dict[str, float]:
    """The counts with a Russian article's keys rewritten into Ukrainian ones (others unchanged).

    Two Russian keys that translate to one Ukrainian key add up, as two inflections of a word do.
    """
    if language != "ru" or not counts:
        return counts
    table = ru_to_uk_keys()
    if not table:
        return counts
    out: dict[str, float] = {}
    for key, value in counts.items():
        target = table.get(key, key)
        out[target] = out.get(target, 0.0) + value
    return out

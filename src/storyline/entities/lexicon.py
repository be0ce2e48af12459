"""natasha's lists of Russian first names and surnames, as name lexicons.

Why: pymorphy's dictionary knows common names only, and lists some rare ones that mislead ("Асий",
whose genitive "Асия" is mostly the woman's name Асия). natasha's wheel (a pinned dependency) ships
lists of ~7.6k first names and ~180k surnames: the canonicaliser weighs name readings by the first
names (:mod:`names`), and the Russian CRF uses both as features (:mod:`features`). Without natasha the
lists are empty and both simply do without.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path


def _natasha_dict(name: str) -> frozenset[str]:
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dict" / name
    if not path.exists():
        return frozenset()
    words = (
        line.split("#")[0].strip().replace("ё", "е") for line in path.read_text(encoding="utf-8").splitlines()
    )
    return frozenset(w for w in words if w)


@functools.cache
def first_names(lang: str) -> frozenset[str]:
    """Lower-case first names (е for ё); empty for languages other than Russian."""
    return _natasha_dict("first.txt") if lang == "ru" else frozenset()


@functools.cache
def last_names(lang: str) -> frozenset[str]:
    """Lower-case surnames (е for ё); empty for languages other than Russian."""
    return _natasha_dict("last.txt") if lang == "ru" else frozenset()

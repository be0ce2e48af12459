"""The one place where article stages are registered, in the order they run.

Imports are inside the factories: building the list costs nothing, and a stage's heavy models load only
when a pipeline that uses it runs. tests/test_registry.py pins this list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.pipeline import Stage


def _analyzer() -> Stage:
    from storyline.analyze import Analyzer

    return Analyzer()


def _entities() -> Stage:
    from storyline.entities import EntityStage

    return EntityStage()


ARTICLE_STAGES: list[tuple[str, Callable[[], Stage]]] = [
    ("analyze", _analyzer),  # language, sentences, tokens+lemmas, dates, quotes, keywords
    ("entities", _entities),  # NER mentions, canonical names, quote speakers -> entities
]

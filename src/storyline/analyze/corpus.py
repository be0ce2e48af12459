"""Real news from ``../shared/data/news`` as analyzer input: for the benchmark, the keyword table, tests.

The shared folder sits beside the repository (``STORYLINE_SHARED`` overrides it) and is never copied
into the repo.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
NEWS_FILES = ("bsnlp_uk_ru.jsonl", "bruk_press.jsonl")
_PARAGRAPHS = re.compile(r"\n\s*\n|\n")


def shared_dir() -> Path:
    return Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))


def as_text(title: str, body: str) -> str:
    """Title, blank line, paragraphs separated by blank lines: the :attr:`Article.text` layout."""
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(body) if p.strip()]
    return "\n\n".join([title.strip(), *paragraphs])


def shared_news() -> Iterator[tuple[str, str | None, str | None]]:
    """(text, language, published ISO date or None) of every news document in the shared corpora."""
    base = shared_dir() / "data" / "news"
    for name in NEWS_FILES:
        path = base / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                lang = row.get("lang") or "uk"
                yield as_text(row.get("title") or "", row.get("text") or ""), lang, row.get("date")

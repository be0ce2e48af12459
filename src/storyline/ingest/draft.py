"""The Draft: what a reader gives the cleaner — raw paragraphs plus whatever metadata the source had.

Readers (text, HTML, feeds, JSONL) differ in what they know; a Draft holds it uniformly, with explicit
metadata kept apart from the raw text so that cleaning can infer what is missing without overriding what
the source or the user stated (explicit metadata always wins).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.model import PublishedDate


@dataclass(slots=True)
class Draft:
    source: str
    format: str  # "text", "html", "rss", "atom", "jsonl"
    paragraphs: list[str]
    title: str | None = None  # None: the first line that is not boilerplate is the title
    url: str | None = None
    outlet: str | None = None
    outlet_source: str = "none"
    published: PublishedDate = field(default_factory=PublishedDate)
    language: str | None = None
    author: str | None = None
    lead: str | None = None
    raw_hash: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

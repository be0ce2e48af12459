"""Exports of articles, events, storylines and entities to JSONL, CSV and Parquet.

One flat row per record, the same columns in every format, so a spreadsheet user (CSV), a data
scientist (Parquet) and a script (JSONL) see the same table. Nested values (lists of outlets, member
ids) are lists in JSONL and Parquet and JSON strings in CSV, which has no lists.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import select

from storyline.errors import ConfigError
from storyline.store.schema import entities, event_members
from storyline.views.data import list_events, list_storylines

if TYPE_CHECKING:
    from storyline.store import Store

Kind = Literal["articles", "events", "storylines", "entities"]
Format = Literal["jsonl", "csv", "parquet"]
KINDS: tuple[Kind, ...] = ("articles", "events", "storylines", "entities")
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "parquet")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def article_rows(store: Store) -> Iterator[dict[str, Any]]:
    with store.reading() as conn:
        event_of = dict(conn.execute(select(event_members.c.article_id, event_members.c.event_id)).all())
    for a in store.iter_articles():
        yield {
            "id": a.id,
            "url": a.url,
            "outlet": a.outlet,
            "language": a.language,
            "published": _iso(a.published.value),
            "date_precision": a.published.precision,
            "title": a.title,
            "text": a.body_text,
            "event_id": event_of.get(a.id),
        }


def event_rows(store: Store) -> Iterator[dict[str, Any]]:
    for e in list_events(store):
        yield {
            "id": e.id,
            "title": e.title,
            "storyline_id": e.storyline_id,
            "score": e.score,
            "first_published": _iso(e.first_published),
            "last_published": _iso(e.last_published),
            "n_articles": len(e.members),
            "article_ids": [m.article_id for m in e.members],
            "outlets": e.outlets,
            "languages": e.languages,
            "entities": e.entities,
        }


def storyline_rows(store: Store) -> Iterator[dict[str, Any]]:
    for s in list_storylines(store):
        yield {
            "id": s.id,
            "title": s.title,
            "score": s.score,
            "first_published": _iso(s.first_published),
            "last_published": _iso(s.last_published),
            "event_ids": s.event_ids,
            "entities": s.entities,
        }


def entity_rows(store: Store) -> Iterator[dict[str, Any]]:
    with store.reading() as conn:
        rows = conn.execute(select(entities).order_by(entities.c.count.desc(), entities.c.id)).all()
    for r in rows:
        yield {
            "id": r.id,
            "canonical": r.canonical,
            "type": r.type,
            "aliases": list(r.aliases or []),
            "count": r.count,
            "first_seen": _iso(r.first_seen),
            "last_seen": _iso(r.last_seen),
        }


ROWS = {"articles": article_rows, "events": event_rows, "storylines": storyline_rows, "entities": entity_rows}


def export(store: Store, kind: Kind, path: Path, fmt: Format | None = None) -> int:
    """Write every record of ``kind`` to ``path`` (format from ``fmt`` or the suffix); returns the count."""
    if kind not in ROWS:
        raise ConfigError(f"unknown export kind {kind!r}; choose one of {', '.join(KINDS)}")
    fmt = fmt or format_of(path)
    rows = list(ROWS[kind](store))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}[fmt](rows, path)
    return len(rows)


def format_of(path: Path) -> Format:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    if suffix in FORMATS:
        return suffix  # type: ignore[return-value]
    raise ConfigError(f"cannot tell the export format from {path}; use .jsonl, .csv or .parquet")


def write_jsonl(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        if not rows:
            return
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                    for k, v in row.items()
                }
            )


def write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path)

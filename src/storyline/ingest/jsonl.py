"""JSONL: one article per line. The schema (every field but ``title`` and a text is optional):

    {"id": "…",                      # the source's own id, kept in meta
     "url": "https://…",             # canonical URL: the article's identity when present
     "title": "…",                   # required
     "text": "para 1\\n\\npara 2"    # or "body": ["para 1", "para 2"], or "html": "<html>…"
     "lead": "…", "outlet": "УНН", "published": "2022-02-01T10:00:00+02:00" (or "date": "2022-02-01"),
     "language": "uk", "author": "…", "meta": {…}}

The record's own id ("id", else "doc_id"; configurable, e.g. ``--id-field file``) must be unique in
the file: re-ingesting a record with the same id and new text updates it. Records with neither a URL
nor an id are identified by their content. The shared corpora (BSNLP: doc_id/lang/date, whose doc_id
repeats across topics, so use ``--id-field file``; BRUK: outlet/year) fit as they are. A bad line is
reported with its line number and skipped; the other lines go on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from storyline.errors import ArticleRejected, EncodingError, InputError, MalformedInput, TooLarge
from storyline.ingest.html import parse_datetime, parse_html
from storyline.ingest.text import split_paragraphs
from storyline.model import Draft, PublishedDate


def _published(record: dict[str, Any]) -> PublishedDate:
    for key in ("published", "published_at", "date", "datetime"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            parsed = parse_datetime(value)
            if parsed.value is not None:
                parsed.source = "explicit"
                return parsed
    year = record.get("year")
    if isinstance(year, str | int) and str(year).isdigit():
        import datetime as dt

        return PublishedDate(dt.datetime(int(year), 1, 1), "year", "explicit")
    return PublishedDate()


DEFAULT_ID_FIELDS = ("id", "doc_id")


def record_to_draft(
    record: dict[str, Any], source: str, id_fields: tuple[str, ...] = DEFAULT_ID_FIELDS
) -> Draft:
    title = record.get("title")
    if record.get("html"):
        draft = parse_html(str(record["html"]), source, url=record.get("url"))
    else:
        body = record.get("body")
        if isinstance(body, list):
            paragraphs = [str(p).strip() for p in body if str(p).strip()]
        else:
            paragraphs = split_paragraphs(str(record.get("text") or body or ""))
        draft = Draft(source=source, format="jsonl", paragraphs=paragraphs)
    if title is not None and not isinstance(title, str):
        raise ArticleRejected(source, "'title' must be a string")
    if title and title.strip():
        draft.title = title.strip()
    if not draft.paragraphs and not draft.title:
        raise ArticleRejected(source, "record has no title and no text")
    draft.url = record.get("url") or draft.url
    if record.get("outlet"):
        draft.outlet, draft.outlet_source = str(record["outlet"]), "explicit"
    published = _published(record)
    if published.value is not None:
        draft.published = published
    draft.language = record.get("language") or record.get("lang") or draft.language
    draft.author = record.get("author") or draft.author
    draft.lead = record.get("lead") or draft.lead
    extra: dict[str, Any] = {k: record[k] for k in ("id", "doc_id", "topic", "file") if k in record}
    own_id = next((record[k] for k in id_fields if record.get(k) not in (None, "")), None)
    if own_id is not None:
        extra["item_id"] = str(own_id)  # the record's identity within its file (see store.articles)
    if isinstance(record.get("meta"), dict):
        extra.update(record["meta"])
    draft.meta.update(extra)
    return draft


MAX_LINE_BYTES = 10 * 1024 * 1024  # one record; archives themselves may be any size (they are streamed)


def parse_jsonl(
    lines: str | Iterable[str | bytes],
    source: str,
    id_fields: tuple[str, ...] = DEFAULT_ID_FIELDS,
    first_line: int = 1,
) -> Iterator[Draft | InputError]:
    """Drafts for the lines (a string, or an iterable of lines, e.g. an open binary file: streamed).

    ``id_fields``: the record fields that hold its unique id, first present wins. ``first_line``: the
    line number of the first of ``lines`` in its file, when they are a slice of it (a backfill task).
    """
    seen_ids: dict[str, int] = {}
    for lineno, raw in enumerate(lines.splitlines() if isinstance(lines, str) else lines, start=first_line):
        where = f"{source}:{lineno}"
        if len(raw) > MAX_LINE_BYTES:
            yield TooLarge(where, f"record is {len(raw):,} bytes, over the limit of {MAX_LINE_BYTES:,}")
            continue
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            yield EncodingError(where, "JSONL must be UTF-8")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield MalformedInput(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield MalformedInput(where, "each line must be a JSON object")
            continue
        try:
            draft = record_to_draft(record, where, id_fields)
        except InputError as exc:
            yield exc
            continue
        draft.meta["item_index"] = lineno
        draft.raw_hash = hashlib.sha256(line.encode("utf-8")).hexdigest()
        own_id = draft.meta.get("item_id")
        if own_id is not None and own_id in seen_ids:
            # The file breaks its own promise that ids are unique: identify this record by its URL or
            # content instead, so that nothing is overwritten and re-ingesting stays idempotent.
            draft.meta["duplicate_id_of_line"] = seen_ids[own_id]
            del draft.meta["item_id"]
        elif own_id is not None:
            seen_ids[own_id] = lineno
        yield draft

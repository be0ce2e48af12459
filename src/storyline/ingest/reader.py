"""Turn what the user names (files, folders, URLs, feeds, stdin) into clean Articles.

Each input yields Articles or InputErrors, never raises for a bad input: one broken file must not stop a
batch of thousands. The format is chosen by sniffing the content first (a feed saved as .txt is still a
feed), then by extension. Sizes are checked before reading, so a 200 MB file costs a stat, not memory.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from storyline.clean import CleanOptions, clean
from storyline.errors import EmptyInput, InputError, MalformedInput, StorylineError, TooLarge
from storyline.ingest.encoding import decode_bytes
from storyline.ingest.feeds import looks_like_feed, parse_feed
from storyline.ingest.fetch import Fetcher
from storyline.ingest.html import parse_datetime, parse_html
from storyline.ingest.jsonl import parse_jsonl
from storyline.ingest.text import parse_text
from storyline.model import Article, Draft

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # one input file; a JSONL archive bigger than this should be split
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
SKIP_NAMES = {".DS_Store", "Thumbs.db"}
SIDECAR_SUFFIX = ".meta.json"  # "article.txt.meta.json": explicit metadata for "article.txt"
SIDECAR_FIELDS = ("outlet", "url", "published", "language")


@dataclass
class ReadOptions:
    """What the user stated about the inputs (wins over inference) and the reading limits."""

    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    format: str | None = None  # force "text", "html", "feed", "jsonl"
    max_bytes: int = DEFAULT_MAX_BYTES
    follow_links: bool = True
    id_fields: tuple[str, ...] = ("id", "doc_id")  # JSONL: the fields holding a record's unique id
    clean: CleanOptions = field(default_factory=CleanOptions)


Item = Article | InputError


def read_inputs(
    targets: Iterable[str], options: ReadOptions | None = None, fetcher: Fetcher | None = None
) -> Iterator[Item]:
    options = options or ReadOptions()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(max_bytes=min(options.max_bytes, 20 * 1024 * 1024))
    try:
        for target in targets:
            yield from read_path(target, options, fetcher)
    finally:
        if own_fetcher:
            fetcher.close()


def read_path(
    target: str | Path, options: ReadOptions | None = None, fetcher: Fetcher | None = None
) -> Iterator[Item]:
    """Articles (or errors) from one file, folder, URL, or "-" for stdin."""
    options = options or ReadOptions()
    text_target = str(target)
    if text_target.startswith(("http://", "https://")):
        yield from _read_url(text_target, options, fetcher or Fetcher())
        return
    if text_target == "-":
        yield from _read_bytes(sys.stdin.buffer.read(), "stdin", "", options, fetcher, declared=None)
        return
    path = Path(text_target)
    if path.is_dir():
        for child in sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.name not in SKIP_NAMES
            and not p.name.startswith(".")
            and not p.name.endswith(SIDECAR_SUFFIX)  # metadata of its neighbour, not an article
        ):
            yield from read_path(child, options, fetcher)
        return
    if not path.exists():
        yield InputError(text_target, "no such file or directory")
        return
    if (options.format or sniff_jsonl(path)) == "jsonl":
        yield from _read_jsonl_file(path, options)
        return
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise TooLarge(text_target, f"file is {size:,} bytes, over the limit of {options.max_bytes:,}")
        data = path.read_bytes()
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(text_target, f"cannot read: {exc.strerror or exc}")
        return
    try:
        file_options = _with_sidecar(path, options)
    except InputError as exc:
        yield exc
        return
    yield from _read_bytes(data, str(path), path.suffix.lower(), file_options, fetcher, declared=None)


def sniff_jsonl(path: Path) -> str | None:
    """JSONL by extension, or a file whose first non-blank byte opens a JSON object."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        return "jsonl"
    try:
        with path.open("rb") as fh:
            head = fh.read(512).lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    except OSError:
        return None
    return "jsonl" if head.startswith(b"{") else None


def _read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    """JSONL streamed line by line: an archive of any size, memory bounded by one record."""
    yield from read_jsonl_range(path, options)


def read_jsonl_range(
    path: Path, options: ReadOptions, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[Item]:
    """The records of a JSONL file, or of its lines from byte ``start`` (a line start) up to ``end``.

    A range is how a backfill splits one large archive between tasks; ``first_line`` keeps the line
    numbers (and so the records' positions and error messages) those of the whole file.
    """
    source = str(path)
    try:
        with path.open("rb") as fh:
            if not path.stat().st_size:
                yield EmptyInput(source, "empty input (no text)")
                return
            fh.seek(start)
            lines = _lines_until(fh, end) if end is not None else fh
            for draft in parse_jsonl(lines, source, options.id_fields, first_line):
                if isinstance(draft, InputError):
                    yield draft
                else:
                    yield _finish(draft, draft.raw_hash or "", options, multi=True, url=None)
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")


def _lines_until(fh: BinaryIO, end: int) -> Iterator[bytes]:
    """Lines of ``fh`` from where it stands while they start before byte ``end``."""
    position = fh.tell()
    while position < end:
        line = fh.readline()
        if not line:
            return
        position += len(line)
        yield line


def _with_sidecar(path: Path, options: ReadOptions) -> ReadOptions:
    """Options with the file's sidecar metadata ("X.meta.json") filled in where the user gave none.

    Scrapes often come as bare text with the metadata kept apart; a sidecar states it explicitly, so it
    wins over inference but not over what the user passed on the command line.
    """
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return options
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedInput(str(sidecar), f"unreadable sidecar metadata: {exc}") from exc
    if not isinstance(meta, dict):
        raise MalformedInput(str(sidecar), "sidecar metadata must be a JSON object")
    updates = {k: meta[k] for k in SIDECAR_FIELDS if meta.get(k) and getattr(options, k) is None}
    return dataclasses.replace(options, **updates) if updates else options


def _read_url(url: str, options: ReadOptions, fetcher: Fetcher) -> Iterator[Item]:
    try:
        fetched = fetcher.get(url)
    except InputError as exc:
        yield exc
        return
    suffix = Path(fetched.url.split("?")[0]).suffix.lower()
    if "html" in fetched.content_type:
        suffix = ".html"
    elif any(k in fetched.content_type for k in ("rss", "atom", "xml")):
        suffix = ".xml"
    yield from _read_bytes(
        fetched.content, fetched.url, suffix, options, fetcher, declared=fetched.encoding, url=fetched.url
    )


def _kind(text: str, suffix: str, forced: str | None) -> str:
    if forced:
        return forced
    head = text.lstrip()[:2000]
    if looks_like_feed(head):
        return "feed"
    lowered = head.lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<body" in lowered[:2000]:
        return "html"
    if suffix in JSONL_SUFFIXES or (head.startswith("{") and '"title"' in head[:2000]):
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return "text"


def _read_bytes(
    data: bytes,
    source: str,
    suffix: str,
    options: ReadOptions,
    fetcher: Fetcher | None,
    *,
    declared: str | None,
    url: str | None = None,
) -> Iterator[Item]:
    if len(data) > options.max_bytes:
        yield TooLarge(source, f"input is {len(data):,} bytes, over the limit of {options.max_bytes:,}")
        return
    raw_hash = hashlib.sha256(data).hexdigest()
    try:
        if data.lstrip()[:5] in (b"<?xml", b"<rss ", b"<feed") and (options.format in (None, "feed")):
            kind = "feed"
            text = ""
        else:
            text, _ = decode_bytes(data, source, declared)
            kind = _kind(text, suffix, options.format)
        drafts: Iterable[Draft | InputError]
        if kind == "feed":
            drafts = parse_feed(data, source, fetcher if options.follow_links else None)
        elif kind == "jsonl":
            drafts = parse_jsonl(text, source, options.id_fields)
        elif kind == "html":
            drafts = [parse_html(text, source, url=url or options.url)]
        else:
            drafts = [parse_text(text, source)]
        for draft in drafts:
            if isinstance(draft, InputError):
                yield draft
                continue
            yield _finish(draft, raw_hash, options, multi=kind in ("feed", "jsonl"), url=url)
    except InputError as exc:
        yield exc
    except StorylineError as exc:
        yield InputError(source, str(exc))


def _finish(draft: Draft, raw_hash: str, options: ReadOptions, *, multi: bool, url: str | None) -> Item:
    """Apply the user's explicit metadata, then clean."""
    draft.raw_hash = draft.raw_hash or raw_hash
    if not multi:
        draft.url = options.url or draft.url or url
    if options.outlet:
        draft.outlet, draft.outlet_source = options.outlet, "explicit"
    if options.published:
        published = parse_datetime(options.published)
        if published.value is None:
            return InputError(draft.source, f"cannot parse --published {options.published!r}")
        published.source = "explicit"
        draft.published = published
    if options.language:
        draft.language = options.language
    try:
        article = clean(draft, options.clean)
    except InputError as exc:
        return exc
    if multi:
        # Items of one file share its path; keep the path as source, the position in meta.
        article.source = (
            draft.source.rsplit(":", 1)[0]
            if draft.format == "jsonl"
            else draft.meta.get("feed", draft.source)
        )
    return article

"""RSS and Atom feeds (feedparser); items whose feed carries only a summary are followed to their pages.

A feed item is "summary only" when its text is shorter than ``FOLLOW_BELOW_CHARS`` and it links to a page:
then the page is fetched and read as HTML, keeping the feed's title and date when the page lacks them.
A page that cannot be fetched falls back to the feed's own summary, with the failure noted in ``meta``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

import feedparser

from storyline.errors import EmptyInput, InputError, MalformedInput
from storyline.ingest.fetch import Fetcher
from storyline.ingest.html import parse_html
from storyline.model import Draft, PublishedDate

FOLLOW_BELOW_CHARS = 600  # typical feed summaries are 1–3 sentences; full items are longer
_TAGS = re.compile(r"<[^>]+>")


def looks_like_feed(head: str) -> bool:
    head = head.lstrip()[:2000].lower()
    return (
        head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf:rdf" in head)
    ) or head.startswith(("<rss", "<feed"))


def _html_to_paragraphs(fragment: str) -> list[str]:
    text = re.sub(r"(?i)</p>|<br\s*/?>|</div>|</li>|</h\d>", "\n", fragment)
    text = _TAGS.sub("", text)
    import html as _html

    return [p.strip() for p in _html.unescape(text).split("\n") if p.strip()]


def _entry_date(entry: feedparser.FeedParserDict) -> PublishedDate:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            stamp = dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).replace(tzinfo=None)
            return PublishedDate(stamp, "second", "feed")
    return PublishedDate()


def parse_feed(data: bytes, source: str, fetcher: Fetcher | None = None) -> Iterator[Draft | InputError]:
    """Drafts for the feed's items (or an InputError per item that failed)."""
    parsed = feedparser.parse(data)
    problem = parsed.get("bozo_exception") if parsed.bozo else None
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        problem = None  # a wrong declared charset that feedparser recovered from is not an error
    if problem is not None and not parsed.entries:
        raise MalformedInput(source, f"malformed feed: {problem}")
    if problem is not None:
        # Items before the break were recovered and are kept; the break itself is reported.
        yield MalformedInput(source, f"malformed feed (items after the error are lost): {problem}")
    if not parsed.entries:
        raise EmptyInput(source, "feed has no items")
    version = parsed.get("version", "") or ""
    kind = "atom" if version.startswith("atom") else "rss"
    site = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries):
        item_source = f"{source}#item{index}"
        title = (entry.get("title") or "").strip()
        link = entry.get("link")
        content = ""
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry.content), key=len)
        summary = entry.get("summary", "") or ""
        paragraphs = _html_to_paragraphs(content or summary)
        published = _entry_date(entry)
        meta: dict[str, object] = {"feed": source, "item_index": index}
        text_len = sum(len(p) for p in paragraphs)
        if link and fetcher is not None and text_len < FOLLOW_BELOW_CHARS:
            try:
                fetched = fetcher.get(link)
                from storyline.ingest.encoding import decode_bytes

                html, _ = decode_bytes(fetched.content, fetched.url, fetched.encoding)
                draft = parse_html(html, fetched.url, url=fetched.url)
                draft.format = kind
                draft.title = draft.title or title or None
                if draft.published.value is None:
                    draft.published = published
                draft.outlet = draft.outlet or site
                draft.meta.update(meta, followed=True)
                yield draft
                continue
            except InputError as exc:
                meta["follow_error"] = str(exc)
        if not title and not paragraphs:
            yield EmptyInput(item_source, "feed item has neither title nor text")
            continue
        yield Draft(
            source=item_source,
            format=kind,
            paragraphs=paragraphs,
            title=title or None,
            url=link,
            outlet=site,
            outlet_source="meta" if site else "none",
            published=published,
            author=entry.get("author"),
            meta=meta,
        )

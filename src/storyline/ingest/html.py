"""HTML pages: main text via trafilatura, metadata from <meta> and JSON-LD that we read ourselves.

Why not trafilatura's date: its fallbacks guess from URLs and page furniture, and readers' top complaint
is invented dates. We take a date only from explicit publication metadata (JSON-LD ``datePublished``,
``article:published_time``, ``pubdate``-style meta, ``<time datetime>`` in the article), with the
precision the value carries; otherwise the cleaner infers it from the text and says so.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import trafilatura
from lxml import html as lxml_html

from storyline.errors import ArticleRejected, MalformedInput
from storyline.model import Draft, PublishedDate

DATE_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
# libxml2 stops building the tree past ~256 nesting levels, silently dropping the article below: runs of
# this many identical opening tags in a row (a broken CMS or a hostile page) are collapsed to one first.
MAX_TAG_RUN = 20
_TAG_RUN = re.compile(r"(<(\w+)(?:\s[^<>]*)?>\s*)(?:<\2(?:\s[^<>]*)?>\s*){" + str(MAX_TAG_RUN - 1) + ",}")
# Pages whose extracted main text is shorter than this are navigation or error pages, not articles.
MIN_TEXT_CHARS = 40


def parse_datetime(value: str) -> PublishedDate:
    """An ISO-ish timestamp with its precision; unparseable → unknown (never a guess)."""
    value = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        if not m:
            return PublishedDate()
        try:
            return PublishedDate(dt.datetime(int(m[1]), int(m[2]), int(m[3])), "day", "meta")
        except ValueError:
            return PublishedDate()
    precision = "day" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else "second"
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return PublishedDate(parsed, precision, "meta")


def _json_ld_objects(tree: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except (json.JSONDecodeError, TypeError):
            continue  # broken JSON-LD is common; the page may still be fine
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(v for k, v in item.items() if k == "@graph")
    return found


def page_metadata(tree: Any) -> dict[str, Any]:
    """Title, date, site name, canonical URL, author, description from meta tags and JSON-LD."""
    meta: dict[str, Any] = {}
    for el in tree.xpath("//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content:
            meta.setdefault(key, content)
    out: dict[str, Any] = {
        "title": meta.get("og:title") or meta.get("twitter:title"),
        "site_name": meta.get("og:site_name") or meta.get("application-name"),
        "description": meta.get("og:description") or meta.get("description"),
        "author": meta.get("author") or meta.get("article:author"),
        "language": (tree.xpath("string(/html/@lang)") or "").split("-")[0].lower() or None,
    }
    canonical = tree.xpath('string(//link[@rel="canonical"]/@href)') or meta.get("og:url")
    out["url"] = canonical or None
    for key in DATE_META_KEYS:
        if key in meta:
            out["date"] = meta[key]
            break
    for obj in _json_ld_objects(tree):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and ("Article" in k or k == "WebPage") for k in kinds):
            continue
        out["date"] = obj.get("datePublished") or out.get("date")
        out["title"] = out.get("title") or obj.get("headline")
        author = obj.get("author")
        if isinstance(author, dict):
            author = author.get("name")
        elif isinstance(author, list) and author and isinstance(author[0], dict):
            author = author[0].get("name")
        out["author"] = out.get("author") or (author if isinstance(author, str) else None)
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and not out.get("site_name"):
            out["site_name"] = publisher.get("name")
    if "date" not in out or not out.get("date"):
        stamp = tree.xpath("string((//article//time[@datetime] | //time[@pubdate])[1]/@datetime)")
        out["date"] = stamp or None
    return out


def parse_html(html: str, source: str, url: str | None = None) -> Draft:
    """A Draft from an HTML page; comments, navigation and scripts are not text."""
    html = _TAG_RUN.sub(r"\1", html)
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError) as exc:
        raise MalformedInput(source, f"unparseable HTML: {exc}") from exc
    meta = page_metadata(tree)
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = (doc.text if doc is not None else None) or ""
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise ArticleRejected(source, "no article text found in the HTML page")
    title = (meta.get("title") or (doc.title if doc is not None else None) or "").strip()
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if paragraphs and title and paragraphs[0].strip() == title:
        paragraphs = paragraphs[1:]
    if not title:
        title = None  # the cleaner takes the first line
    published = parse_datetime(meta["date"]) if meta.get("date") else PublishedDate()
    return Draft(
        source=source,
        format="html",
        paragraphs=paragraphs,
        title=title,
        url=meta.get("url") or url or (doc.url if doc is not None else None),
        outlet=meta.get("site_name") or (doc.sitename if doc is not None else None),
        outlet_source="meta" if (meta.get("site_name") or (doc is not None and doc.sitename)) else "none",
        published=published,
        language=meta.get("language"),
        author=meta.get("author"),
        lead=meta.get("description"),
        meta={"extractor": "trafilatura"},
    )

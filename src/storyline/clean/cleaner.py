"""From a reader's Draft to a clean Article: the clean stage, as small named steps.

Order matters and is fixed: normalise Unicode → drop boilerplate and header lines (they may stand above
the title) → choose the title → mark section labels → cut the dateline → repair glued words → infer
outlet, date and language where the source gave none → hash the content. Explicit metadata (CLI flags,
JSONL fields, HTML meta) always wins over inference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from storyline.clean.boilerplate import boilerplate_rule, section_label
from storyline.clean.metadata import (
    choose_year,
    guess_language,
    lead_weekday_date,
    mentioned_years,
    parse_dateline,
    parse_header,
)
from storyline.clean.normalize import normalize_text
from storyline.clean.outlets import boilerplate_outlet, outlet_from_url
from storyline.clean.repair import repair_paragraph
from storyline.clean.titles import strip_site_name
from storyline.errors import ArticleRejected
from storyline.model import Article, Change, Draft, Paragraph, PublishedDate

# Hosts that republish others' articles: their URL does not say who wrote the text.
AGGREGATOR_HOSTS = frozenset({"fromtheweb.eu", "news.google.com", "ukr.net", "meta.ua", "i.ua"})
HEADER_SCAN_LINES = 4  # header lines ("Київ • УНН") stand in the first few lines only
MAX_TITLE_CHARS = 400  # a "title" longer than this is a paragraph: the text has no title line
#: A "title" of digits only is a record id that a scraper put in the title field ("233"), not a headline.
ID_TITLE = re.compile(r"^\d{1,12}$")
#: A scraper's record header above the text: a bare language code line ("ru", "ua") and the page's
#: URL on a line of its own. Neither is article text; the URL is the article's address.
LANGUAGE_CODE_LINES = frozenset(
    {"uk", "ua", "ru", "en", "be", "pl", "cs", "bg", "sl", "hr", "sr", "de", "fr"}
)
URL_LINE = re.compile(r"^https?://\S+$")


@dataclass
class CleanOptions:
    """Knobs of the clean stage (from settings / CLI)."""

    year_range: tuple[int, int] = field(default_factory=lambda: (1990, dt.date.today().year))
    repair: bool = True


def _content_hash(title: str, paragraphs: list[str]) -> str:
    norm = re.sub(r"\s+", " ", " ".join([title, *paragraphs])).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def clean(draft: Draft, options: CleanOptions | None = None) -> Article:
    """Run the clean steps over one draft; raises ArticleRejected when nothing article-like is left."""
    options = options or CleanOptions()
    changes: list[Change] = []
    found: dict[str, str] = {}

    lines = [normalize_text(p, f"p{i}", changes) for i, p in enumerate(draft.paragraphs)]
    title = normalize_text(draft.title, "title", changes) if draft.title else None
    if title is not None and (rule := boilerplate_rule(title)) is not None:
        # A scraper took a site notice for the headline: the real one is in the text.
        changes.append(Change(f"boilerplate:{rule}", "title", title, ""))
        title = None
    if title is not None and ID_TITLE.match(title):
        changes.append(Change("structure:id-as-title", "title", title, ""))
        title = None
    indexed = _drop_furniture(lines, changes, found)
    title_from_text = title is None
    if title_from_text:
        title = _title_from_text(indexed, changes, draft.source)
    title = _strip_site_name(title, draft.url or found.get("url"), changes)
    indexed = _drop_repeats(indexed, title, changes)
    body = _sections(indexed, changes)
    if not body and title_from_text:
        # The page's one line of text was its headline (the rest was furniture): a headline-only
        # report, kept as such rather than rejected, since it still reports the event.
        changes.append(Change("structure:headline-only", "title", "", title))
        body = [Paragraph(title)]
    dateline = _cut_dateline(body, changes)
    if options.repair:
        body = [Paragraph(repair_paragraph(p.text, f"p{i}", changes), p.section) for i, p in enumerate(body)]
        title = repair_paragraph(title, "title", changes)
    body = [p for p in body if p.text]
    if not title.strip():
        raise ArticleRejected(draft.source, "empty title")
    if not body:
        raise ArticleRejected(draft.source, "no body text")

    url, site_url = _article_url(draft.url or found.get("url"))
    article = Article(
        id="",
        title=title,
        body=body,
        url=url,
        lead=draft.lead or body[0].text,
        author=draft.author,
        source=draft.source,
        source_format=draft.format,
        raw_hash=draft.raw_hash,
        changes=changes,
        meta=dict(draft.meta),
    )
    _infer_outlet(article, draft, found, dateline)
    article.published = _infer_published(draft, article, dateline, options)
    article.language = draft.language or guess_language(article.text)
    if dateline is not None:
        article.meta["dateline"] = {"place": dateline[0].place, "agency": dateline[0].agency}
    if "place" in found:
        article.meta["place"] = found["place"]
    if site_url:
        article.meta["site_url"] = site_url
    article.content_hash = _content_hash(title, [p.text for p in body])
    return article


def _strip_site_name(title: str, url: str | None, changes: list[Change]) -> str:
    """The headline without the site name of a page <title> ("… | Європейська правда"), recorded."""
    headline = strip_site_name(title, url)
    if headline != title:
        changes.append(Change("structure:site-name", "title", title, headline))
    return headline


def _article_url(url: str | None) -> tuple[str | None, str | None]:
    """(article URL, site URL): a bare site root ("http://www.fromtheweb.eu") names no article."""
    if not url:
        return None, None
    parsed = urlparse(url)
    if parsed.path.strip("/") or parsed.query:
        return url, None
    return None, url


def _drop_furniture(lines: list[str], changes: list[Change], found: dict[str, str]) -> list[tuple[int, str]]:
    """Lines that are text, in order; boilerplate and header lines removed and remembered."""
    kept: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        rule = boilerplate_rule(line)
        outlet = boilerplate_outlet(line)
        if outlet is not None:
            found.setdefault("boilerplate_outlet", outlet.name)
            rule = rule or f"outlet:{outlet.name}"
        if rule is None and not kept and i < HEADER_SCAN_LINES:
            rule = _record_header(line, found)
        if rule is None and i < HEADER_SCAN_LINES + len(kept) and len(kept) <= 1:
            header = parse_header(line)
            if header is not None:
                found.setdefault("header_outlet", header.outlet)
                found.setdefault("place", header.place)
                rule = "header"
        if rule is not None:
            changes.append(Change(f"boilerplate:{rule}", f"p{i}", line, ""))
            continue
        kept.append((i, line))
    return kept


def _record_header(line: str, found: dict[str, str]) -> str | None:
    """The rule naming a scraper's record-header line above any text (language code, page URL), or None."""
    stripped = line.strip()
    if stripped.casefold() in LANGUAGE_CODE_LINES:
        return "record-language"
    if URL_LINE.match(stripped):
        found.setdefault("url", stripped)
        return "record-url"
    return None


#: A leading line this short (in words) is a rubric ("Германия", "Європа"), not a headline.
MAX_RUBRIC_WORDS = 2


def _title_from_text(indexed: list[tuple[int, str]], changes: list[Change], source: str) -> str:
    """Take the headline from the first text line, skipping rubric labels above it (mutates indexed)."""
    while len(indexed) > 1 and _is_rubric(indexed[0][1]) and not _is_rubric(indexed[1][1]):
        i, line = indexed.pop(0)
        changes.append(Change("structure:rubric", f"p{i}", line, ""))
    if not indexed:
        raise ArticleRejected(source, "no text left after removing boilerplate")
    i, first = indexed[0]
    if len(first) <= MAX_TITLE_CHARS:
        indexed.pop(0)
        return first
    # No title line: the first line is a whole paragraph. Its first sentence names the story; the
    # paragraph stays in the body.
    title = _first_sentence(first)
    changes.append(Change("structure:title-from-lead", f"p{i}", "", title))
    return title


# A sentence end, also where scraping glued the next sentence on ("голосования.Трамп").
_SENTENCE_END = re.compile(r"(?<=[^\s.]{3}[.!?…])[\"»”]?\s*(?=[«\"“A-ZА-ЯІЇЄҐЁ][a-zа-яіїєґё])")
TITLE_FROM_LEAD_CHARS = 200


def _first_sentence(paragraph: str) -> str:
    """The paragraph's first sentence, cut at a word boundary if it is still too long for a headline."""
    dateline = parse_dateline(paragraph)
    if dateline is not None:  # "МОСКВА, 15 янв — РИА Новости." is not the headline
        paragraph = paragraph[dateline.end :].lstrip(" .,—–-")
    end = _SENTENCE_END.search(paragraph)
    sentence = paragraph[: end.start()] if end else paragraph
    if len(sentence) <= TITLE_FROM_LEAD_CHARS:
        return sentence
    return sentence[:TITLE_FROM_LEAD_CHARS].rsplit(" ", 1)[0] + "…"


def _is_rubric(line: str) -> bool:
    words = line.split()
    return len(words) <= MAX_RUBRIC_WORDS and not any(c.isdigit() for c in line) and line[-1:] not in ".!?…"


def _drop_repeats(indexed: list[tuple[int, str]], title: str, changes: list[Change]) -> list[tuple[int, str]]:
    """Drop a line that repeats the one before it (or the title): page templates print headlines twice.

    Only exact repeats (whitespace and case aside) go; a lead that starts like the headline stays.
    """
    kept: list[tuple[int, str]] = []
    previous = " ".join(title.split()).casefold()
    for i, line in indexed:
        norm = " ".join(line.split()).casefold()
        if norm == previous:
            changes.append(Change("structure:repeat", f"p{i}", line, ""))
            continue
        kept.append((i, line))
        previous = norm
    return kept


def _sections(indexed: list[tuple[int, str]], changes: list[Change]) -> list[Paragraph]:
    body: list[Paragraph] = []
    current: str | None = None
    for i, line in indexed:
        label = section_label(line)
        if label is not None:
            current = label
            changes.append(Change("structure:section", f"p{i}", line, ""))
            continue
        body.append(Paragraph(line, current))
    return body


def _cut_dateline(body: list[Paragraph], changes: list[Change]):  # type: ignore[no-untyped-def]
    """Remove "КИЇВ. 1 лютого. УНН." from the first paragraph; return (dateline, raw text) or None."""
    if not body:
        return None
    first = body[0].text
    dateline = parse_dateline(first)
    if dateline is None:
        return None
    raw = first[: dateline.end]
    body[0] = Paragraph(first[dateline.end :].lstrip(" .,—–-"), body[0].section)
    changes.append(Change("metadata:dateline", "p0", raw.strip(), ""))
    if not body[0].text:
        body.pop(0)
    return dateline, raw


def _infer_outlet(article: Article, draft: Draft, found: dict[str, str], dateline) -> None:  # type: ignore[no-untyped-def]
    from storyline.clean.outlets import outlet_by_alias

    if draft.outlet and draft.outlet_source in ("explicit", "meta"):
        known = outlet_by_alias(draft.outlet)
        article.outlet, article.outlet_source = (known.name if known else draft.outlet), draft.outlet_source
        return
    url_outlet = outlet_from_url(draft.url or found.get("url"))
    agency = dateline[0].agency if dateline else None
    agency_outlet = outlet_by_alias(agency).name if agency and outlet_by_alias(agency) else None
    candidates = (
        (url_outlet if url_outlet not in AGGREGATOR_HOSTS else None, "url"),
        (found.get("header_outlet"), "header"),
        (agency_outlet, "dateline"),
        (found.get("boilerplate_outlet"), "boilerplate"),
        (draft.outlet, "feed"),
        (url_outlet, "url"),
    )
    for name, how in candidates:
        if name:
            article.outlet, article.outlet_source = name, how
            return


def _infer_published(draft: Draft, article: Article, dateline, options: CleanOptions) -> PublishedDate:  # type: ignore[no-untyped-def]
    if draft.published.value is not None:
        return draft.published
    texts = [article.title, *(p.text for p in article.body[:3])]
    years = mentioned_years(texts, options.year_range)
    lead = " ".join(p.text for p in article.body[:2])
    weekday_date = lead_weekday_date(lead)
    if dateline is not None:
        d = dateline[0]
        weekday = None
        if weekday_date and weekday_date[1:3] == (d.day, d.month):
            weekday = weekday_date[0]
        year, how = (
            (d.year, "dateline")
            if d.year
            else choose_year(
                d.month, d.day, weekday=weekday, mentioned_years=years, year_range=options.year_range
            )
        )
        if year is not None:
            article.meta["date_inference"] = how
            return PublishedDate(dt.datetime(year, d.month, d.day), "day", "dateline")
    if weekday_date is not None:
        weekday, day, month, explicit_year = weekday_date
        year, how = (
            (explicit_year, "lead")
            if explicit_year
            else choose_year(
                month, day, weekday=weekday, mentioned_years=years, year_range=options.year_range
            )
        )
        if year is not None:
            article.meta["date_inference"] = how
            return PublishedDate(dt.datetime(year, month, day), "day", "lead")
    return PublishedDate()

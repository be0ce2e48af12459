"""The shared data model: the records that flow through storyline's stages.

One :class:`Article` is created by ingest, repaired by clean, enriched by analyze and entities, and then
grouped into :class:`Event` and :class:`Storyline` records. Every record is a plain dataclass so that a
stage can be tested on its own, and every record round-trips through JSON (:func:`to_dict` /
:func:`from_dict`) because that is how the store, the CLI's ``--json`` and the HTTP API carry them.

Offsets: every span (sentence, token, date, quote, entity mention) is a ``[start, end)`` character range
into :attr:`Article.text`, which is the title, a blank line, then the body paragraphs joined by blank
lines. Section labels ("Цитата", "Деталі") are structure, not text, so they are not in ``Article.text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

DatePrecision = Literal["second", "minute", "day", "week", "month", "year", "unknown"]

PARAGRAPH_SEPARATOR = "\n\n"


# --------------------------------------------------------------------------------------------- ingest/clean
@dataclass(slots=True)
class Paragraph:
    """One body paragraph; ``section`` is the label it stands under ("Цитата", "Контекст"), if any."""

    text: str
    section: str | None = None


@dataclass(slots=True)
class PublishedDate:
    """When an article was published, how precisely we know it, and where that knowledge came from.

    ``source`` is one of: "explicit" (CLI flag / JSONL field), "meta" (HTML meta / JSON-LD), "feed",
    "dateline" ("КИЇВ. 1 лютого. УНН."), "lead" (a weekday+date phrase in the lead), "url", "none".
    Extractors that invent dates are the reader's top complaint, so a guess never hides as a fact.
    """

    value: dt.datetime | None = None
    precision: DatePrecision = "unknown"
    source: str = "none"

    @property
    def date(self) -> dt.date | None:
        return self.value.date() if self.value else None


@dataclass(slots=True)
class Change:
    """One edit made by cleaning, kept so it can be shown and audited.

    ``where`` is "title", "header", or "p<N>" (paragraph index in the raw paragraphs), ``offset`` the
    character offset in that raw line, ``rule`` the rule that fired ("boilerplate:zn-support",
    "repair:case-junction", "normalize:quotes" …).
    """

    rule: str
    where: str
    before: str
    after: str
    offset: int = 0


@dataclass(slots=True)
class Draft:
    """What a reader gives the cleaner: raw paragraphs plus whatever metadata the source had.

    Readers (text, HTML, feeds, JSONL) differ in what they know; a Draft holds it uniformly, with explicit
    metadata kept apart from the raw text so that cleaning can infer what is missing without overriding
    what the source or the user stated (explicit metadata always wins).
    """

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


@dataclass(slots=True)
class Article:
    """A news article: created by ingest, cleaned, analysed, clustered."""

    id: str
    title: str
    body: list[Paragraph] = field(default_factory=list)
    url: str | None = None
    outlet: str | None = None
    outlet_source: str = "none"  # "explicit", "meta", "header", "dateline", "boilerplate", "url", "none"
    lead: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate)
    language: str | None = None
    author: str | None = None
    source: str | None = None  # the file path, URL or "stdin" it was read from
    source_format: str | None = None  # "text", "html", "rss", "atom", "jsonl"
    raw_hash: str | None = None  # sha256 of the raw bytes/text as received
    content_hash: str | None = None  # sha256 of the normalised clean text (identity of the content)
    ingested_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    changes: list[Change] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    analysis: Analysis | None = None

    @property
    def text(self) -> str:
        """The coordinate system for every span: title, blank line, paragraphs joined by blank lines."""
        return PARAGRAPH_SEPARATOR.join([self.title, *(p.text for p in self.body)])

    @property
    def body_text(self) -> str:
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.body)

    def paragraph_offsets(self) -> list[tuple[int, int]]:
        """``[start, end)`` of each body paragraph inside :attr:`text`."""
        offsets = []
        pos = len(self.title) + len(PARAGRAPH_SEPARATOR)
        for p in self.body:
            offsets.append((pos, pos + len(p.text)))
            pos += len(p.text) + len(PARAGRAPH_SEPARATOR)
        return offsets


# --------------------------------------------------------------------------------------------- analyze
@dataclass(slots=True)
class LanguageGuess:
    """A language code ("uk", "ru", "en", "other") with the detector's confidence in [0, 1]."""

    code: str
    confidence: float = 1.0


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Token:
    """A word or punctuation token with its lemma and coarse part of speech (UD-like tag)."""

    text: str
    start: int
    end: int
    lemma: str
    pos: str = "X"
    sentence: int = 0


@dataclass(slots=True)
class DateMention:
    """A date or time expression resolved against the publication date.

    ``start``/``end`` of the resolved interval are inclusive dates; ``relative`` is true for "вчора",
    "наступного тижня" and for day-month phrases whose year came from the publication date.
    """

    text: str
    span: Span
    start: dt.date | None
    end: dt.date | None
    precision: DatePrecision
    relative: bool = False


@dataclass(slots=True)
class Quote:
    """A direct or indirect quote with its speaker as written and as resolved."""

    text: str
    span: Span
    speaker: str | None = None  # the mention as written ("Лавров", "у Держдепартаменті США")
    speaker_span: Span | None = None
    speaker_canonical: str | None = None  # filled by entities ("Сергій Лавров")
    speaker_entity_id: str | None = None
    kind: Literal["direct", "indirect"] = "direct"
    cue: str | None = None  # the attribution verb or phrase ("заявив", "За словами")


@dataclass(slots=True)
class Keyword:
    term: str
    score: float


@dataclass(slots=True)
class Mention:
    """A named-entity mention: surface text, span, type, and its canonical (nominative) form."""

    text: str
    span: Span
    type: str  # PER, ORG, LOC, (MISC, JOB …)
    canonical: str
    entity_id: str | None = None
    score: float = 1.0


@dataclass(slots=True)
class Analysis:
    """Everything the analyze and entities stages add to one article."""

    language: LanguageGuess
    paragraph_languages: list[LanguageGuess] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    version: str = ""
    content_hash: str | None = None  # the Article.content_hash this analysis was computed from

    @property
    def lemmas(self) -> list[str]:
        return [t.lemma for t in self.tokens]


# --------------------------------------------------------------------------------------------- entities
@dataclass(slots=True)
class Entity:
    """One real-world entity across the corpus, with every name it goes by."""

    id: str
    canonical: str
    type: str
    aliases: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # language -> canonical name in that language
    count: int = 0
    first_seen: dt.datetime | None = None
    last_seen: dt.datetime | None = None


# --------------------------------------------------------------------------------------------- events
@dataclass(slots=True)
class Membership:
    """Why an article sits in an event: the similarity and its parts, kept for audit."""

    article_id: str
    score: float
    reason: dict[str, Any] = field(default_factory=dict)
    version_group: str | None = None
    is_original: bool = True


@dataclass(slots=True)
class Event:
    """Articles about one specific happening, reported within days."""

    id: str
    title: str
    members: list[Membership] = field(default_factory=list)
    storyline_id: str | None = None
    first_published: dt.datetime | None = None
    last_published: dt.datetime | None = None
    entities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    score: float = 0.0


@dataclass(slots=True)
class Storyline:
    """Events linked over weeks by shared entities and themes."""

    id: str
    title: str
    event_ids: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    first_published: dt.datetime | None = None
    last_published: dt.datetime | None = None
    score: float = 0.0


# --------------------------------------------------------------------------------------------- JSON
#: Types that are their own JSON form (exact types: a subclass takes the general path).
_PLAIN = frozenset({str, int, float, bool, type(None)})
#: Field names per dataclass, looked up once: an analysis is ~100k records, and
#: ``dataclasses.fields`` per record was most of what storing one cost.
_FIELDS: dict[type, tuple[str, ...]] = {}


def to_dict(obj: Any) -> Any:
    """A JSON-ready structure for any model record (datetimes as ISO strings)."""
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    names = _FIELDS.get(cls)
    if names is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(obj))
    if names is not None:
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, dt.datetime | dt.date):
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [v if type(v) in _PLAIN else to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {k: v if type(v) in _PLAIN else to_dict(v) for k, v in obj.items()}
    return obj


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a model record from :func:`to_dict` output, guided by the dataclass's type hints."""
    return _convert(cls, data)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(args[0], value) if len(args) == 1 else value
    if origin is Literal:
        return value
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_convert(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(tp)
        return {k: _convert(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: _convert(hints[f.name], value[f.name]) for f in dataclasses.fields(tp) if f.name in value
        }
        return tp(**kwargs)
    if tp is dt.datetime:
        return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    if tp is dt.date:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return value

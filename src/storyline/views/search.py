"""Lemma-aware full-text search: BM25 over the articles' lemmas, filters, results grouped by event.

Why lemmas: Ukrainian and Russian inflect every noun and name, so the words a reader types
("переговори Блінкена") are rarely the forms an article used ("переговорів", "Блінкен"). The analyses
store each article's lemmas (``analyses.lemma_text``); migration 0002 indexes them in an SQLite FTS5
table with the title's lemmas as a second, heavier column, kept in sync by triggers. A query word
becomes the OR of its plausible lemmas (:func:`storyline.views.lemmas.query_terms`), all words must
match, and FTS5's BM25 ranks.

Snippets are cut from the article's real text around the sentence with the most query words, found
through the analysis tokens (a lemma match marks the surface word), so a reader sees "переговорів" in
bold although the query said "переговори".

On PostgreSQL (no FTS5) the same query runs over a weighted ``tsvector`` of the same lemmas (title
lemmas weighted higher, migration 0005), GIN-indexed and ranked by ``ts_rank``: the same matches as
SQLite, best first.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, literal_column, or_, select, table

from storyline.errors import StorylineError
from storyline.store.schema import analyses, articles, entity_aliases, mentions
from storyline.views.data import event_of_articles
from storyline.views.lemmas import normalize, query_terms

if TYPE_CHECKING:
    from storyline.store import Store

# BM25 column weights (title, body): a query word in the headline says the article is *about* it.
TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
DEFAULT_LIMIT = 20
# Snippet length in characters around the best sentence's matches.
SNIPPET_CHARS = 240


class SearchError(StorylineError):
    """A query that cannot be searched (empty after removing punctuation)."""


@dataclass(slots=True)
class Filters:
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    outlet: str | None = None
    language: str | None = None
    entity: str | None = None


@dataclass(slots=True)
class SearchHit:
    article_id: str
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    language: str | None
    score: float  # higher is better (negated FTS5 bm25)
    snippet: str = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in ``snippet``
    event_id: str | None = None
    event_title: str | None = None


@dataclass(slots=True)
class EventGroup:
    """Hits that belong to one event (or to none: ``event_id`` None, one group per article)."""

    event_id: str | None
    title: str
    score: float
    hits: list[SearchHit]


@dataclass(slots=True)
class SearchResult:
    query: str
    terms: list[list[str]]
    hits: list[SearchHit]
    groups: list[EventGroup]


def fts_query(terms: list[frozenset[str]]) -> str:
    """An FTS5 MATCH expression: every query word, as any of its lemmas (each lemma a quoted phrase)."""
    parts = []
    for alternatives in terms:
        phrases = [f'"{a.replace(chr(34), " ")}"' for a in sorted(alternatives)]
        parts.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
    return " AND ".join(parts)


def search(
    store: Store,
    query: str,
    filters: Filters | None = None,
    *,
    limit: int = DEFAULT_LIMIT,
    snippets: bool = True,
) -> SearchResult:
    """Articles matching every word of ``query`` (as lemmas), best first, grouped by event."""
    terms = query_terms(query)
    if not terms:
        raise SearchError(f"nothing to search for in {query!r}")
    filters = filters or Filters()
    if store.dialect == "sqlite":
        ranked = _search_fts(store, terms, filters, limit)
    else:
        ranked = _search_tsvector(store, terms, filters, limit)
    hits = _hits(store, ranked)
    if snippets:
        _add_snippets(store, hits, terms)
    _add_events(store, hits)
    return SearchResult(query, [sorted(t) for t in terms], hits, group_by_event(hits))


def _filter_clauses(filters: Filters) -> list[Any]:
    clauses: list[Any] = []
    if filters.since:
        clauses.append(articles.c.published_at >= filters.since)
    if filters.until:
        clauses.append(articles.c.published_at <= filters.until)
    if filters.outlet:
        clauses.append(func.lower(articles.c.outlet) == filters.outlet.lower())
    if filters.language:
        clauses.append(articles.c.language == filters.language)
    if filters.entity:
        name = filters.entity
        aliased = select(entity_aliases.c.entity_id).where(entity_aliases.c.alias == normalize(name))
        mentioned = select(mentions.c.article_id).where(
            or_(mentions.c.canonical == name, mentions.c.entity_id == name, mentions.c.entity_id.in_(aliased))
        )
        clauses.append(articles.c.id.in_(mentioned))
    return clauses


def _search_fts(
    store: Store, terms: list[frozenset[str]], filters: Filters, limit: int
) -> list[tuple[str, float]]:
    """BM25 over the FTS5 index; filters go through the articles table only when there are any."""
    score = func.bm25(literal_column("search_index"), TITLE_WEIGHT, BODY_WEIGHT).label("score")
    index = table("search_index")
    stmt = (
        select(analyses.c.article_id, score)
        .select_from(
            index.join(analyses, literal_column("analyses.rowid") == literal_column("search_index.rowid"))
        )
        .where(literal_column("search_index").op("MATCH")(fts_query(terms)))
    )
    clauses = _filter_clauses(filters)
    if clauses:
        stmt = stmt.join(articles, articles.c.id == analyses.c.article_id).where(and_(*clauses))
    stmt = stmt.order_by(score).limit(limit)
    with store.reading() as conn:
        rows = conn.execute(stmt).all()
    return [(r.article_id, -float(r.score)) for r in rows]


def _search_tsvector(
    store: Store, terms: list[frozenset[str]], filters: Filters, limit: int
) -> list[tuple[str, float]]:
    """The PostgreSQL path: the GIN-indexed ``search_vector`` (migration 0005), ranked by ``ts_rank``.

    The vector's weights mirror the FTS5 column weights: title lemmas A, all lemmas D, with D worth
    ``BODY_WEIGHT / TITLE_WEIGHT`` of A; normalisation 1 divides by 1 + log(length), so a long article
    does not win on length alone (BM25 normalises length too).
    """
    vector = literal_column("analyses.search_vector")
    query = _tsquery(terms)
    weights = literal_column(f"'{{{BODY_WEIGHT / TITLE_WEIGHT:.6f},0,0,1}}'::float4[]")
    score = func.ts_rank(weights, vector, query, 1).label("score")
    stmt = (
        select(analyses.c.article_id, score)
        .join(articles, articles.c.id == analyses.c.article_id)
        .where(vector.op("@@")(query), *_filter_clauses(filters))
        .order_by(score.desc(), analyses.c.article_id)
        .limit(limit)
    )
    with store.reading() as conn:
        return [(r.article_id, float(r.score)) for r in conn.execute(stmt)]


def _tsquery(terms: list[frozenset[str]]) -> Any:
    """Every query word (AND), as any of its lemmas (OR), each lemma a phrase of the ``simple`` parser."""
    words = []
    for alternatives in terms:
        phrases = [func.phraseto_tsquery("simple", a) for a in sorted(alternatives)]
        words.append(functools.reduce(lambda a, b: a.op("||")(b), phrases))
    return functools.reduce(lambda a, b: a.op("&&")(b), words)


def _hits(store: Store, ranked: list[tuple[str, float]]) -> list[SearchHit]:
    if not ranked:
        return []
    ids = [article_id for article_id, _ in ranked]
    cols = [
        articles.c.id,
        articles.c.title,
        articles.c.outlet,
        articles.c.url,
        articles.c.published_at,
        articles.c.language,
    ]
    with store.reading() as conn:
        rows = {r.id: r for r in conn.execute(select(*cols).where(articles.c.id.in_(ids)))}
    hits = []
    for article_id, score in ranked:
        r = rows[article_id]
        published = r.published_at.isoformat() if r.published_at else None
        hits.append(SearchHit(r.id, r.title, r.outlet, r.url, published, r.language, round(score, 4)))
    return hits


def _add_events(store: Store, hits: list[SearchHit]) -> None:
    events = event_of_articles(store, [h.article_id for h in hits])
    for hit in hits:
        if hit.article_id in events:
            hit.event_id, hit.event_title = events[hit.article_id]


def group_by_event(hits: list[SearchHit]) -> list[EventGroup]:
    """Hits of one event together, groups ordered by their best hit; unclustered hits stand alone."""
    groups: dict[str, EventGroup] = {}
    for hit in hits:
        key = hit.event_id or "article:" + hit.article_id
        if key not in groups:
            groups[key] = EventGroup(hit.event_id, hit.event_title or hit.title, hit.score, [])
        groups[key].hits.append(hit)
    return list(groups.values())


# --------------------------------------------------------------------------------------------- snippets
def _add_snippets(store: Store, hits: list[SearchHit], terms: list[frozenset[str]]) -> None:
    if not hits:
        return
    wanted = {lemma for alternatives in terms for lemma in alternatives}
    ids = [h.article_id for h in hits]
    stmt = (
        select(articles.c.id, articles.c.title, articles.c.body, analyses.c.data)
        .join(analyses, analyses.c.article_id == articles.c.id)
        .where(articles.c.id.in_(ids))
    )
    with store.reading() as conn:
        rows = {r.id: r for r in conn.execute(stmt)}
    for hit in hits:
        row = rows.get(hit.article_id)
        if row is not None:
            full_text = "\n\n".join([row.title, *(p["text"] for p in row.body)])
            hit.snippet, hit.highlights = snippet(full_text, row.data, wanted)


def snippet(full_text: str, analysis: dict[str, Any], wanted: set[str]) -> tuple[str, list[tuple[int, int]]]:
    """The best passage of the text for the query lemmas, and where the matches are in it.

    ``analysis`` is the stored analysis as JSON (tokens with offsets and lemmas); decoding only what is
    needed keeps snippets cheap enough for every hit.
    """
    matches = [
        (t["start"], t["end"], normalize(t["lemma"]))
        for t in analysis.get("tokens", [])
        if normalize(t["lemma"]) in wanted or normalize(t["text"]) in wanted
    ]
    if not matches:
        return _shorten(full_text, 0, 0), []
    sentences = [(s["start"], s["end"]) for s in analysis.get("sentences", [])] or [(0, len(full_text))]
    best = max(
        sentences,
        key=lambda s: (len({lem for a, _, lem in matches if s[0] <= a < s[1]}), -s[0]),
    )
    inside = [(a, b) for a, b, _ in matches if best[0] <= a < best[1]]
    lo, hi = _window(best, inside)
    passage = full_text[lo:hi]
    prefix = "…" if lo > best[0] else ""
    suffix = "…" if hi < best[1] else ""
    shift = len(prefix) - lo
    highlights = [(a + shift, b + shift) for a, b in inside if lo <= a and b <= hi]
    return prefix + passage + suffix, highlights


def _window(sentence: tuple[int, int], matches: list[tuple[int, int]]) -> tuple[int, int]:
    start, end = sentence
    if end - start <= SNIPPET_CHARS or not matches:
        return start, min(end, start + SNIPPET_CHARS)
    first = matches[0][0]
    lo = max(start, first - SNIPPET_CHARS // 3)
    return lo, min(end, lo + SNIPPET_CHARS)


def _shorten(full_text: str, start: int, _end: int) -> str:
    passage = full_text[start : start + SNIPPET_CHARS]
    return passage + ("…" if len(full_text) > start + SNIPPET_CHARS else "")


def mark(snippet_text: str, highlights: list[tuple[int, int]], left: str = "**", right: str = "**") -> str:
    """The snippet with each match wrapped in ``left``/``right`` (markdown bold by default)."""
    out, pos = [], 0
    for a, b in sorted(highlights):
        out += [snippet_text[pos:a], left, snippet_text[a:b], right]
        pos = b
    out.append(snippet_text[pos:])
    return "".join(out)

"""Articles in the store: idempotent saving, lookup and listing.

Identity: an article is "the same" when its input gave it the same id (a JSONL record's unique id
field); else when its canonical URL is the same; without a URL, when it came from the same file; without
any of these, when its normalised content hash is the same. A second ingest of the same
identity with the same content is "unchanged"; with different content it is "updated" in place (same id,
new ``updated_at``); never a duplicate row. Two different URLs with identical text are two articles (a
reprint): dedupe groups them later, it does not delete them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from storyline.errors import StorageError
from storyline.model import Article, Change, Paragraph, PublishedDate, from_dict, to_dict
from storyline.store.schema import articles

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

Status = Literal["added", "unchanged", "updated"]

# How often a batch is re-run when a concurrent writer inserted one of its articles first.
INSERT_RACE_RETRIES = 2


@dataclass(slots=True)
class _Existing:
    id: str
    content_hash: str | None
    ingested_at: dt.datetime | None


def _weak(identity: str) -> bool:
    """Identities that do not name an article by themselves (a file path, a hash): content decides."""
    return identity.startswith(("sha:", "src:")) and "#id:" not in identity


@dataclass(slots=True)
class SaveResult:
    status: Status
    article: Article


def identity_of(article: Article) -> str:
    """The key that makes two ingests "the same article" (see the module docstring)."""
    own_id = article.meta.get("item_id")
    if article.source and own_id is not None:
        return f"src:{article.source}#id:{own_id}"  # the input vouches that its ids are unique
    if article.url:
        return "url:" + article.url
    if article.source and article.source not in ("stdin", "-") and article.meta.get("item_index") is None:
        return "src:" + article.source  # a one-article file: editing it updates the same article
    return "sha:" + (article.content_hash or "")  # items of a multi-article input with no id of their own


def article_id_for(identity: str) -> str:
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _naive(value: dt.datetime | None) -> dt.datetime | None:
    """Datetimes are stored as naive UTC (SQLite has no time zones)."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def storable(value: Any) -> Any:
    """``value`` without NUL characters, through lists and dicts.

    PostgreSQL text cannot hold U+0000 ("text fields cannot contain NUL"), and one such character (a
    JSON ``\\u0000``, an HTML ``&#0;``: byte-level NULs are already rejected as binary input) failed
    its whole batch of 200 there while SQLite stored it. A NUL carries nothing in a news text, so the
    store drops it on every dialect and both keep the same text.
    """
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, list):
        return [storable(v) for v in value]
    if isinstance(value, dict):
        return {k: storable(v) for k, v in value.items()}
    return value


def article_row(article: Article) -> dict[str, Any]:
    """The ``articles`` row of ``article`` (NULs dropped: see :func:`storable`)."""
    return storable(_article_columns(article))


def _article_columns(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "identity": identity_of(article),
        "url": article.url,
        "outlet": article.outlet,
        "outlet_source": article.outlet_source,
        "title": article.title,
        "lead": article.lead,
        "body": [to_dict(p) for p in article.body],
        "published_at": _naive(article.published.value),
        "date_precision": article.published.precision,
        "date_source": article.published.source,
        "language": article.language,
        "author": article.author,
        "source": article.source,
        "source_format": article.source_format,
        "raw_hash": article.raw_hash,
        "content_hash": article.content_hash,
        "ingested_at": article.ingested_at,
        "updated_at": article.updated_at,
        "changes": [to_dict(c) for c in article.changes],
        "meta": to_dict(article.meta),
    }


def row_to_article(row: Any) -> Article:
    m = row._mapping
    return Article(
        id=m["id"],
        title=m["title"],
        body=[from_dict(Paragraph, p) for p in m["body"]],
        url=m["url"],
        outlet=m["outlet"],
        outlet_source=m["outlet_source"] or "none",
        lead=m["lead"],
        published=PublishedDate(
            m["published_at"], m["date_precision"] or "unknown", m["date_source"] or "none"
        ),
        language=m["language"],
        author=m["author"],
        source=m["source"],
        source_format=m["source_format"],
        raw_hash=m["raw_hash"],
        content_hash=m["content_hash"],
        ingested_at=m["ingested_at"],
        updated_at=m["updated_at"],
        changes=[from_dict(Change, c) for c in m["changes"]],
        meta=dict(m["meta"] or {}),
    )


class ArticlesMixin:
    """Repository of articles; mixed into :class:`storyline.store.Store`."""

    engine: Engine

    def save_articles(self, batch: Iterable[Article], conn: Connection | None = None) -> list[SaveResult]:
        """Save a batch atomically; each article is reported as added, unchanged or updated.

        The article objects get their stored ``id`` (and timestamps) filled in.
        """
        items = list(batch)
        if conn is None:
            return self._save_retrying(items)
        identities = [identity_of(a) for a in items]
        cols = (articles.c.id, articles.c.identity, articles.c.content_hash, articles.c.ingested_at)
        known: dict[str, _Existing] = {
            r.identity: _Existing(r.id, r.content_hash, r.ingested_at)
            for r in conn.execute(select(*cols).where(articles.c.identity.in_(set(identities))))
        }
        weak_hashes = {
            a.content_hash for a, i in zip(items, identities, strict=True) if _weak(i) and i not in known
        }
        by_hash: dict[str, _Existing] = {}
        if weak_hashes:
            for r in conn.execute(select(*cols).where(articles.c.content_hash.in_(weak_hashes))):
                by_hash.setdefault(r.content_hash, _Existing(r.id, r.content_hash, r.ingested_at))
        now = _now()
        pending: dict[str, dict[str, Any]] = {}  # inserts of this batch, by id (written at the end)
        results = []
        for article, identity in zip(items, identities, strict=True):
            existing = known.get(identity)
            if existing is None and _weak(identity):
                # The same text from another path or from stdin is the same article, not a new one.
                existing = by_hash.get(article.content_hash or "")
            status = self._apply(conn, article, identity, existing, now, pending)
            record = _Existing(article.id, article.content_hash, article.ingested_at)
            known[identity] = record
            by_hash.setdefault(article.content_hash or "", record)
            results.append(SaveResult(status, article))
        if pending:
            conn.execute(insert(articles), list(pending.values()))
        return results

    def _save_retrying(self, items: list[Article]) -> list[SaveResult]:
        """One transaction; if another writer inserted one of these articles first, look again.

        Two ingests of the same input at once (two workers on a server) both find an article absent and
        both insert it; the second commit breaks the unique identity and, without this, lost its whole
        batch. Retried, the batch finds the other writer's rows and reports them unchanged or updated.
        """
        for attempt in range(INSERT_RACE_RETRIES + 1):
            try:
                with self.transaction() as own:  # type: ignore[attr-defined]
                    return self.save_articles(items, own)
            except StorageError as exc:
                if attempt == INSERT_RACE_RETRIES or not isinstance(exc.__cause__, IntegrityError):
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    def _apply(
        conn: Connection,
        article: Article,
        identity: str,
        existing: _Existing | None,
        now: dt.datetime,
        pending: dict[str, dict[str, Any]],
    ) -> Status:
        if existing is None:
            article.id = article_id_for(identity)
            article.ingested_at = article.updated_at = now
            pending[article.id] = article_row(article)
            return "added"
        article.id = existing.id
        article.ingested_at = existing.ingested_at
        if existing.content_hash == article.content_hash:
            return "unchanged"
        article.updated_at = now
        row = article_row(article)
        if article.id in pending:  # added earlier in this same batch: replace the pending insert
            pending[article.id] = row | {"identity": pending[article.id]["identity"]}
            return "updated"
        row.pop("identity")
        conn.execute(update(articles).where(articles.c.id == existing.id).values(**row))
        return "updated"

    def get_article(self, article_id: str) -> Article | None:
        """By full id or a unique id prefix (as the CLI prints short ids)."""
        with self.reading() as conn:  # type: ignore[attr-defined]
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None and len(article_id) >= 4:
                rows = conn.execute(
                    select(articles).where(articles.c.id.like(article_id + "%")).limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
        if row is None:
            return None
        article = row_to_article(row)
        article.analysis = self.get_analysis(article.id, article.content_hash)  # type: ignore[attr-defined]
        return article

    def count_articles(self) -> int:
        with self.reading() as conn:  # type: ignore[attr-defined]
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def iter_articles(
        self,
        *,
        outlet: str | None = None,
        language: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        query: str | None = None,
        ids: Iterable[str] | None = None,
        limit: int | None = None,
        order: Literal["published", "ingested"] = "published",
        with_analysis: bool = False,
    ) -> Iterator[Article]:
        """Articles matching the filters, oldest first (undated last)."""
        stmt = select(articles)
        if outlet:
            stmt = stmt.where(func.lower(articles.c.outlet) == outlet.lower())
        if language:
            stmt = stmt.where(articles.c.language == language)
        if since:
            stmt = stmt.where(articles.c.published_at >= since)
        if until:
            stmt = stmt.where(articles.c.published_at <= until)
        if query:
            like = f"%{query}%"
            stmt = stmt.where(or_(articles.c.title.ilike(like), articles.c.lead.ilike(like)))
        if ids is not None:
            stmt = stmt.where(articles.c.id.in_(list(ids)))
        key = articles.c.published_at if order == "published" else articles.c.ingested_at
        stmt = stmt.order_by(key.is_(None), key, articles.c.id)
        if limit:
            stmt = stmt.limit(limit)
        with self.reading() as conn:  # type: ignore[attr-defined]
            rows = conn.execute(stmt).all()
        for row in rows:
            article = row_to_article(row)
            if with_analysis:
                article.analysis = self.get_analysis(article.id, article.content_hash)  # type: ignore[attr-defined]
            yield article

"""Analyses in the store: one row per article, tied to the content hash it was computed from.

An analysis is stale when the article's content hash or the analyzer version changed; ``storyline
analyze`` recomputes only those (``stale_article_ids``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, or_, select

from storyline.model import Analysis, from_dict, to_dict
from storyline.store.schema import analyses, articles

if TYPE_CHECKING:
    from sqlalchemy import Connection


class AnalysesMixin:
    """Repository of analyses; mixed into :class:`storyline.store.Store`."""

    def save_analyses(self, items: Iterable[tuple[str, Analysis]], conn: Connection | None = None) -> int:
        """Replace the analyses of the given articles (article id, analysis) atomically."""
        if conn is None:
            with self.transaction() as own:  # type: ignore[attr-defined]
                return self.save_analyses(items, own)
        n = 0
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        for article_id, analysis in items:
            conn.execute(delete(analyses).where(analyses.c.article_id == article_id))
            conn.execute(
                insert(analyses).values(
                    article_id=article_id,
                    content_hash=analysis.content_hash or "",
                    version=analysis.version,
                    language=analysis.language.code,
                    data=to_dict(analysis),
                    lemma_text=" ".join(t.lemma for t in analysis.tokens if t.pos != "PUNCT"),
                    analyzed_at=now,
                )
            )
            n += 1
        return n

    def get_analysis(self, article_id: str, content_hash: str | None = None) -> Analysis | None:
        """The stored analysis, or None when there is none or it is of other content."""
        with self.reading() as conn:  # type: ignore[attr-defined]
            row = conn.execute(
                select(analyses.c.data, analyses.c.content_hash).where(analyses.c.article_id == article_id)
            ).first()
        if row is None or (content_hash is not None and row.content_hash != content_hash):
            return None
        return from_dict(Analysis, row.data)

    def stale_article_ids(self, version: str) -> list[str]:
        """Articles with no analysis, or one made from other content or by another analyzer version."""
        stmt = (
            select(articles.c.id)
            .select_from(articles.outerjoin(analyses, analyses.c.article_id == articles.c.id))
            .where(
                or_(
                    analyses.c.article_id.is_(None),
                    analyses.c.content_hash != articles.c.content_hash,
                    analyses.c.version != version,
                )
            )
            .order_by(articles.c.published_at.is_(None), articles.c.published_at, articles.c.id)
        )
        with self.reading() as conn:  # type: ignore[attr-defined]
            return [r.id for r in conn.execute(stmt)]

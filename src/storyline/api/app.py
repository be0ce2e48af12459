"""The FastAPI application: JSON endpoints over storyline.views, errors as problem+json, the web UI at /.

Endpoints are thin: parse parameters, call the same reader functions the CLI calls, return
``to_dict(view)``. The store is opened once per app (SQLite in WAL mode lets the API read while ingest
writes) and closed on shutdown.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request

from storyline.api import errors
from storyline.errors import NotFound
from storyline.model import to_dict
from storyline.store import Store
from storyline.views import data, reader
from storyline.views.digest import top_storylines
from storyline.views.entity_page import entity_page
from storyline.views.search import Filters, search

MAX_LIMIT = 500


def get_store(request: Request) -> Store:
    return request.app.state.store


def create_app(db: str | os.PathLike[str] | Store | None = None) -> FastAPI:
    """The app over ``db`` (a path, URL, an open Store, or the default store)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if own:
            app.state.store.close()

    own = not isinstance(db, Store)
    app = FastAPI(
        title="storyline",
        version="0.1.0",
        description="News articles from many outlets as events and storylines: summaries, timelines, "
        "outlet comparison, lemma-aware search, entity pages.",
        lifespan=lifespan,
    )
    app.state.store = db if isinstance(db, Store) else Store.open(db)
    errors.install(app)
    _routes(app)
    from storyline.web import install as install_web

    install_web(app)
    return app


def _routes(app: FastAPI) -> None:
    @app.get("/api/articles", tags=["articles"])
    def list_articles(
        request: Request,
        outlet: str | None = None,
        lang: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    ) -> list[dict[str, Any]]:
        store = get_store(request)
        found = store.iter_articles(outlet=outlet, language=lang, since=since, until=until, limit=limit)
        return [_article_brief(a) for a in found]

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(request: Request, article_id: str) -> dict[str, Any]:
        article = get_store(request).get_article(article_id)
        if article is None:
            raise NotFound("article", article_id)
        return to_dict(article)

    @app.get("/api/events", tags=["events"])
    def list_events(
        request: Request,
        storyline: str | None = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    ) -> list[dict[str, Any]]:
        return [to_dict(e) for e in data.list_events(get_store(request), storyline, limit)]

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(request: Request, event_id: str) -> dict[str, Any]:
        return to_dict(reader.require_event(get_store(request), event_id))

    @app.get("/api/events/{event_id}/summary", tags=["events"])
    def event_summary(
        request: Request, event_id: str, sentences: Annotated[int | None, Query(ge=1, le=10)] = None
    ) -> dict[str, Any]:
        return to_dict(reader.event_summary(get_store(request), event_id, sentences))

    @app.get("/api/events/{event_id}/compare", tags=["events"])
    def event_compare(request: Request, event_id: str) -> dict[str, Any]:
        return to_dict(reader.event_comparison(get_store(request), event_id))

    @app.get("/api/storylines", tags=["storylines"])
    def list_storylines(
        request: Request, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50
    ) -> list[dict[str, Any]]:
        return [to_dict(s) for s in data.list_storylines(get_store(request), limit)]

    @app.get("/api/storylines/top", tags=["storylines"])
    def top(request: Request, n: Annotated[int, Query(ge=1, le=50)] = 5) -> list[dict[str, Any]]:
        return top_storylines(get_store(request), n)

    @app.get("/api/storylines/{storyline_id}", tags=["storylines"])
    def get_storyline(request: Request, storyline_id: str) -> dict[str, Any]:
        return to_dict(reader.require_storyline(get_store(request), storyline_id))

    @app.get("/api/storylines/{storyline_id}/summary", tags=["storylines"])
    def storyline_summary(request: Request, storyline_id: str) -> dict[str, Any]:
        return to_dict(reader.storyline_summary(get_store(request), storyline_id))

    @app.get("/api/storylines/{storyline_id}/timeline", tags=["storylines"])
    def storyline_timeline(request: Request, storyline_id: str) -> dict[str, Any]:
        return to_dict(reader.storyline_timeline(get_store(request), storyline_id))

    @app.get("/api/search", tags=["search"])
    def search_articles(
        request: Request,
        q: Annotated[str, Query(min_length=1, description="Words in any inflected form.")],
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        outlet: str | None = None,
        lang: str | None = None,
        entity: str | None = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    ) -> dict[str, Any]:
        filters = Filters(since, until, outlet, lang, entity)
        return to_dict(search(get_store(request), q, filters, limit=limit))

    @app.get("/api/entities/{name}", tags=["entities"])
    def get_entity(request: Request, name: str) -> dict[str, Any]:
        return to_dict(entity_page(get_store(request), name))


def _article_brief(article: Any) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "language": article.language,
        "published": to_dict(article.published.value),
    }

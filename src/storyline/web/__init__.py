"""A small server-rendered web UI on the API's app: top storylines, event pages, storyline timelines, search.

Plain HTML from the same reader views the JSON API returns — no JavaScript build, no template engine —
so the UI cannot drift from the API, and every page works with scripts off. All text is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse

from storyline.errors import StorylineError
from storyline.views import reader
from storyline.views.digest import top_storylines
from storyline.views.search import Filters, search
from storyline.views.timeline import render_text

STYLE = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        f"""<!doctype html><html lang="uk"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)} · storyline</title>
<style>{STYLE}</style></head><body>
<header><a href="/" class="brand">storyline</a>
<form action="/search" method="get"><input name="q" placeholder="пошук: переговори Блінкена" aria-label="search">
<button>Search</button></form></header><main>{body}</main></body></html>"""
    )


def _error(exc: StorylineError) -> HTMLResponse:
    response = page("Not found", f"<h1>Not found</h1><p>{_e(exc)}</p>")
    response.status_code = 404
    return response


def install(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        items = []
        for s in top_storylines(request.app.state.store, 5):
            events = "".join(
                f"<li><a href='/events/{_e(e['id'])}'>{_e(e['title'])}</a> <span class=meta>{_e(e['date'])} · "
                f"{e['n_articles']} articles</span><p>{_e(' '.join(x['text'] for x in e['summary']))}</p></li>"
                for e in s["events"]
            )
            items.append(
                f"<section><h2><a href='/storylines/{_e(s['id'])}'>{_e(s['title'])}</a></h2>"
                f"<p class=meta>{s['n_events']} events · score {s['score']:.2f}</p><ul>{events}</ul></section>"
            )
        return page(
            "Top storylines", "<h1>Top storylines</h1>" + ("".join(items) or "<p>No storylines yet.</p>")
        )

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        store = request.app.state.store
        try:
            summary = reader.event_summary(store, event_id)
            comparison = reader.event_comparison(store, event_id)
            event = reader.require_event(store, event_id)
        except StorylineError as exc:
            return _error(exc)
        sentences = "".join(
            f"<li>{_e(s.text)} <a class=meta href='{_e(s.url or '#')}'>{_e(s.outlet)}</a></li>"
            for s in summary.sentences
        )
        rows = "".join(
            f"<tr><td>{_e(c.outlet)}</td><td>{_e((c.first or '')[:16])}</td>"
            f"<td>{'<br>'.join(_e(h.title) for h in c.headlines)}</td><td>{_e(', '.join(c.speakers))}</td>"
            f"<td>{_e(', '.join(c.numbers[:8]))}</td></tr>"
            for c in comparison.outlets
        )
        timeline = ""
        if event.storyline_id:
            timeline = f"<p><a href='/storylines/{_e(event.storyline_id)}'>Storyline timeline →</a></p>"
        body = (
            f"<h1>{_e(summary.title)}</h1><p class=meta>{summary.n_articles} articles · "
            f"{len(summary.outlets)} outlets</p><h2>Summary</h2><ol>{sentences}</ol>{timeline}"
            "<h2>Outlets</h2><table><tr><th>outlet</th><th>first</th><th>headlines</th><th>quoted</th>"
            f"<th>numbers</th></tr>{rows}</table>"
        )
        return page(summary.title, body)

    @app.get("/storylines/{storyline_id}", response_class=HTMLResponse, include_in_schema=False)
    def storyline_page(request: Request, storyline_id: str) -> HTMLResponse:
        try:
            timeline = reader.storyline_timeline(request.app.state.store, storyline_id)
        except StorylineError as exc:
            return _error(exc)
        return page(timeline.title, f"<h1>{_e(timeline.title)}</h1><pre>{_e(render_text(timeline))}</pre>")

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Annotated[str, Query()] = "") -> HTMLResponse:
        if not q.strip():
            return page("Search", "<h1>Search</h1>")
        try:
            result = search(request.app.state.store, q, Filters(), limit=30)
        except StorylineError as exc:
            return page("Search", f"<h1>Search</h1><p>{_e(exc)}</p>")
        groups = []
        for g in result.groups:
            hits = "".join(
                f"<li><a href='{_e(h.url or '#')}'>{_e(h.title)}</a> <span class=meta>{_e(h.outlet)} "
                f"{_e((h.published or '')[:10])}</span><p>{_snippet(h.snippet, h.highlights)}</p></li>"
                for h in g.hits
            )
            head = f"<a href='/events/{_e(g.event_id)}'>{_e(g.title)}</a>" if g.event_id else _e(g.title)
            groups.append(f"<section><h3>{head}</h3><ul>{hits}</ul></section>")
        body = f"<h1>Search: {_e(q)}</h1><p class=meta>{len(result.hits)} articles</p>" + "".join(groups)
        return page(f"Search: {q}", body)


def _snippet(text: str, highlights: list[tuple[int, int]]) -> str:
    """Escape the snippet piece by piece so the <mark> tags survive and nothing else does."""
    parts, pos = [], 0
    for a, b in sorted(highlights):
        parts += [_e(text[pos:a]), "<mark>", _e(text[a:b]), "</mark>"]
        pos = b
    parts.append(_e(text[pos:]))
    return "".join(parts)


__all__ = ["install"]

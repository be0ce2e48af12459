"""The HTTP API and web UI over a store of real articles: JSON shapes, problem+json errors, OpenAPI."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "views"))
from views_support import corpus_store

from storyline.api import create_app
from storyline.views.data import list_events


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = corpus_store(tmp_path_factory.mktemp("api") / "api.db")
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store)) as c:
        yield c


def test_openapi_lists_the_reader_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/articles",
        "/api/events/{event_id}/summary",
        "/api/events/{event_id}/compare",
        "/api/storylines/{storyline_id}/timeline",
        "/api/search",
        "/api/entities/{name}",
    ):
        assert path in paths


def test_search_endpoint_finds_inflected_forms_with_filters(client):
    body = client.get("/api/search", params={"q": "переговори Блінкена", "outlet": "UNN"}).json()
    assert [h["outlet"] for h in body["hits"]] == ["UNN"]
    hit = body["hits"][0]
    assert any(hit["snippet"][a:b] == "Блінкен" for a, b in hit["highlights"])
    assert body["groups"][0]["event_id"] == "seed-UNN"


def test_event_summary_and_compare(client, store):
    event = max(list_events(store), key=lambda e: len(e.members))
    summary = client.get(f"/api/events/{event.id}/summary").json()
    assert 3 <= len(summary["sentences"]) <= 5 and summary["sentences"][0]["outlet"]
    compare = client.get(f"/api/events/{event.id}/compare").json()
    assert len(compare["outlets"]) >= 2


def test_timeline_endpoint_has_the_dated_talks(client):
    entries = client.get("/api/storylines/seeds/timeline").json()["entries"]
    assert any(e["kind"] == "mentioned" and e["date"] == "2022-01-10" for e in entries)


def test_unknown_ids_are_problem_json_404(client):
    response = client.get("/api/events/no-such-event")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 404 and "no-such-event" in problem["detail"]


def test_bad_parameters_are_problem_json(client):
    response = client.get("/api/search", params={"q": "Бібі", "limit": 0})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "limit" in response.json()["detail"]
    empty = client.get("/api/search", params={"q": "…"})
    assert empty.status_code == 400 and empty.json()["title"] == "SearchError"


def test_web_pages_render_escaped_html(client, store):
    home = client.get("/")
    assert home.status_code == 200 and "Top storylines" in home.text
    event = max(list_events(store), key=lambda e: len(e.members))
    page = client.get(f"/events/{event.id}")
    assert page.status_code == 200 and "<table>" in page.text
    found = client.get("/search", params={"q": "Лавровим"})
    assert "<mark>Лавровим</mark>" in found.text
    evil = client.get("/search", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert" not in evil.text
    assert client.get("/events/nope").status_code == 404

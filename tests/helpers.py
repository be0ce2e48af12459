"""Test helpers shared across test modules (not fixtures): the seeds as HTML pages, a local HTTP server,
the shared BSNLP corpus as articles."""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def seed_as_html(seed: Path) -> str:
    """The UNN seed wrapped in a real-looking page: nav, ads, comments, scripts, footer."""
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    title, body = lines[0], lines[2:]  # line 1 is the "Київ • УНН" header, shown in the page's meta bar
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    template = (FIXTURES / "page_template.html").read_text(encoding="utf-8")
    return template.format(title=html.escape(title), lead=html.escape(body[0][:200]), paragraphs=paragraphs)


Route = tuple[int, str, bytes]  # status, content type, body


@contextmanager
def http_server(routes: dict[str, Route | float]) -> Iterator[str]:
    """Serve ``routes`` on 127.0.0.1; a float value means "sleep that long" (to test timeouts)."""
    import time

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path)
            if isinstance(route, float):
                time.sleep(route)
                route = (200, "text/plain", b"late")
            if route is None:
                route = (404, "text/plain", b"not found")
            status, ctype, body = route
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def bsnlp_articles(topics: set[str]) -> list:
    """Articles of the shared BSNLP uk+ru corpus in ``topics`` (id ``topic/doc_id``, corpus date)."""
    from tests.conftest import shared_path

    from storyline.ingest.html import parse_datetime
    from storyline.model import Article, Paragraph

    path = shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["topic"] not in topics:
            continue
        a = Article(
            id=f"{r['topic']}/{r['doc_id']}",
            title=r["title"] or r["text"][:100],
            body=[Paragraph(p) for p in r["text"].split("\n") if p.strip()],
            language=r["lang"],
            url=r["url"],
        )
        if r["date"]:
            a.published = parse_datetime(r["date"])
        out.append(a)
    return out

"""RSS and Atom served over a local HTTP server; summary-only items are followed to their pages."""

from __future__ import annotations

from tests.helpers import http_server, seed_as_html

from storyline.errors import FetchError, TooLarge
from storyline.ingest import Fetcher, read_inputs
from storyline.model import Article

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>УНН</title><link>{base}/</link><description>Новини</description>
<item><title>Блінкен поговорив телефоном з Лавровим</title><link>{base}/news/1</link>
<description>Держсекретар США провів розмову з главою МЗС РФ.</description>
<pubDate>Tue, 01 Feb 2022 17:45:00 GMT</pubDate></item>
<item><title>Повний текст у стрічці</title><link>{base}/news/missing</link>
<description><![CDATA[<p>{long}</p>]]></description><pubDate>Tue, 01 Feb 2022 18:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>ZN.ua</title><id>urn:zn</id><updated>2022-01-21T20:00:00Z</updated>
<entry><title>США не обговорюватимуть із РФ принцип «відчинених дверей» НАТО – Блінкен</title>
<id>urn:zn:1</id><link href="{base}/zn/1"/><updated>2022-01-21T19:30:00Z</updated>
<content type="html">&lt;p&gt;{long}&lt;/p&gt;&lt;p&gt;Другий абзац.&lt;/p&gt;</content></entry>
</feed>"""

LONG = (
    "Держсекретар Сполучених Штатів Ентоні Блінкен після зустрічі з міністром закордонних справ РФ заявив, що США не вестимуть переговори з Росією щодо принципу відкритих дверей НАТО. "
    * 5
)


def test_rss_follows_summary_only_items(seed_unn):
    routes = {}
    with http_server(routes) as base:
        routes["/feed.xml"] = (200, "application/rss+xml", RSS.format(base=base, long=LONG).encode())
        routes["/news/1"] = (200, "text/html; charset=utf-8", seed_as_html(seed_unn).encode())
        items = list(read_inputs([f"{base}/feed.xml"]))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 2, items
    followed, full = articles
    assert followed.meta.get("followed") is True
    assert "Коли ми отримали американську реакцію" in followed.body_text
    assert followed.source_format == "rss"
    assert full.url.endswith("/news/missing") and full.body_text.startswith("Держсекретар Сполучених Штатів")
    assert full.published.value.isoformat() == "2022-02-01T18:00:00"


def test_atom_feed_with_full_content():
    routes = {}
    with http_server(routes) as base:
        routes["/atom"] = (200, "application/atom+xml", ATOM.format(base=base, long=LONG).encode())
        (a,) = list(read_inputs([f"{base}/atom"]))
    assert isinstance(a, Article), a
    assert a.source_format == "atom"
    assert a.title.startswith("США не обговорюватимуть")
    assert [p.text for p in a.body][-1] == "Другий абзац."
    assert a.published.value.isoformat() == "2022-01-21T19:30:00"


def test_url_errors_are_named(tmp_path):
    routes = {"/slow": 3.0}
    with http_server(routes) as base:
        fetcher = Fetcher(timeout=0.5, retries=1, backoff=0.01)
        items = list(read_inputs([f"{base}/nope", f"{base}/slow"], fetcher=fetcher))
        fetcher.close()
    assert [type(i) for i in items] == [FetchError, FetchError]
    assert items[0].source.endswith("/nope") and "404" in items[0].reason
    assert "timed out" in items[1].reason


def test_oversized_response_is_cut_off():
    routes = {"/big": (200, "text/html", b"<html><body>" + b"x" * 300_000 + b"</body></html>")}
    with http_server(routes) as base:
        fetcher = Fetcher(max_bytes=100_000)
        items = list(read_inputs([f"{base}/big"], fetcher=fetcher))
        fetcher.close()
    assert isinstance(items[0], TooLarge)


def test_malformed_feed(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?><rss><channel><item><title>broken', encoding="utf-8")
    errors = [i for i in read_inputs([str(bad)]) if not isinstance(i, Article)]
    assert any(e.source == str(bad) and "malformed feed" in e.reason for e in errors), errors

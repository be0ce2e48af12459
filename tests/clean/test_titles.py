"""Site names around a page <title>: cut on real BSNLP titles, headlines left whole."""

from __future__ import annotations

import json
from functools import cache

import pytest
from tests.conftest import shared_path

from storyline.clean.titles import strip_site_name


@cache
def _titles() -> dict[str, str | None]:
    path = shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    out: dict[str, str | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        title = r["title"]
        if title.isdigit():  # the page title is the text's first line after the record header
            title = r["text"].split("\n")[3]
        out[title] = r.get("url")
    return out


def _find(prefix: str) -> str:
    return next(t for t in _titles() if t.startswith(prefix))


@pytest.mark.parametrize(
    ("prefix", "headline"),
    [
        (
            "Трамп оголосив свої плани на перші 100 днів",
            "Трамп оголосив свої плани на перші 100 днів президентства",
        ),
        (
            "Дональд Трамп задумал превратить инаугурацию",
            "Дональд Трамп задумал превратить инаугурацию в шоу рекордов",
        ),
        (
            "Трамп разошелся во мнении с Мишель Обамой",
            "Трамп разошелся во мнении с Мишель Обамой о судьбе США",
        ),
        (
            "Дональд Трамп назначил владельца",
            'Дональд Трамп назначил владельца "Флориды" секретарём армии США',
        ),
        (
            "Дональд Трамп выразил соболезнования",
            "Дональд Трамп выразил соболезнования семье погибшего российского посла",
        ),
        (
            "Подробности.ua: Третий за сутки",
            "Третий за сутки: Борис Джонсон покинул пост министра иностранных дел Великобритании",
        ),
        (
            "Европейская комиссия выделит селу Хитрино",
            "Европейская комиссия выделит селу Хитрино в Болгарии 20 миллионов левов",
        ),
    ],
)
def test_site_name_is_cut(prefix: str, headline: str):
    title = _find(prefix)
    assert title != headline  # the raw title carries a site name
    assert strip_site_name(title, _titles()[title]) == headline


def test_a_name_after_a_dash_that_is_not_a_site_stays():
    # "…, - Кацер-Бучковська | Газета «День»": the site goes, the speaker of the headline stays.
    title = _find("Європейська Комісія може значно знизити транзит газу")
    assert strip_site_name(title).endswith("- Кацер-Бучковська")


def test_headlines_without_a_site_name_are_unchanged():
    marks = ("|", "•", "//", "::", " - ", " – ", " — ", ".ru", ".ua", ".net", ".com", ".Ru")
    plain = [t for t in _titles() if not any(m in t for m in marks)]
    assert len(plain) > 500
    changed = [t for t in plain if strip_site_name(t) != t]
    assert changed == []


def test_a_title_that_would_be_left_too_short_is_kept():
    assert strip_site_name("Европейская комиссия - dv.ee", "http://dv.ee/section?taxid=411") == (
        "Европейская комиссия - dv.ee"
    )

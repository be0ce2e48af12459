"""The two real seeds, cleaned: exactly what issue 3 asks, on the real files."""

from __future__ import annotations

import datetime as dt

from storyline.ingest import read_path
from storyline.model import Article


def _one(path) -> Article:
    (item,) = list(read_path(path))
    assert isinstance(item, Article), item
    return item


def test_unn_seed_metadata_and_body(seed_unn):
    a = _one(seed_unn)
    assert a.outlet == "UNN"
    assert a.title.startswith("Блінкен поговорив телефоном з Лавровим. ")
    assert a.published.value == dt.datetime(2022, 2, 1)
    assert a.published.precision == "day"
    assert a.published.source == "dateline"
    assert a.language == "uk"
    text = a.body_text
    assert "Київ • УНН" not in text
    assert "КИЇВ. 1 лютого. УНН." not in text
    assert a.body[0].text.startswith("У вівторок, 1 лютого, держсекретар США Ентоні Блінкен")
    assert a.meta["dateline"] == {"place": "КИЇВ", "agency": "УНН"}


def test_unn_seed_section_labels_are_structure_not_text(seed_unn):
    a = _one(seed_unn)
    assert all(p.text not in ("Цитата", "Деталі", "Контекст") for p in a.body)
    sections = [p.section for p in a.body]
    assert sections[1] == "Цитата" and a.body[1].text.startswith("“Держсекретар Ентоні Блінкен")
    assert "Деталі" in sections and sections[-1] == "Контекст"


def test_zn_seed_title_outlet_and_boilerplate(seed_zn):
    a = _one(seed_zn)
    assert a.title == "США не обговорюватимуть із РФ принцип «відчинених дверей» НАТО – Блінкен"
    assert a.outlet == "ZN.ua"
    text = a.body_text
    for furniture in ("UA / RU", "Підтримати ZN.ua", "Читайте також", "Докладніше", "читайте у статті"):
        assert furniture not in text
    # The seed carries no date: none is invented.
    assert a.published.value is None and a.published.precision == "unknown"


def test_zn_seed_glued_words_repaired_and_recorded(seed_zn):
    a = _one(seed_zn)
    text = a.body_text
    assert "Женеві засідання" in text and "Женевізасідання" not in text
    assert "неприйнятними Москва" in text and "неприйнятнимиМосква" not in text
    repairs = {(c.before, c.after) for c in a.changes if c.rule.startswith("repair:")}
    assert ("Женевізасідання", "Женеві засідання") in repairs
    assert ("неприйнятнимиМосква", "неприйнятними Москва") in repairs
    # Real words and names are never split.
    for word in ("обговорюватимуть", "Блінкен", "Інтерфакс-Кераїна", "Сєргєєм", "Північноатлантичного"):
        assert all(c.before != word for c in a.changes if c.rule.startswith("repair:")), word


def test_every_removed_line_is_recorded(seed_zn):
    a = _one(seed_zn)
    removed = [c.before for c in a.changes if c.rule.startswith("boilerplate:")]
    assert "UA / RU" in removed and "Підтримати ZN.ua" in removed
    assert any(r.startswith("Читайте також:") for r in removed)

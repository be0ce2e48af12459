"""Dateline, header and weekday-year inference on real dateline shapes from the shared corpora."""

from __future__ import annotations

import json

import pytest
from tests.conftest import shared_path

from storyline.clean.metadata import choose_year, parse_dateline, parse_header
from storyline.clean.repair import repair_paragraph, split_unknown


@pytest.mark.parametrize(
    ("text", "place", "day", "month", "agency"),
    [
        ("КИЇВ. 1 лютого. УНН. У вівторок", "КИЇВ", 1, 2, "УНН"),
        ("КИЕВ. 8 ноября. УНН. Из пакистанской тюрьмы", "КИЕВ", 8, 11, "УНН"),
        ("ЛОНДОН, 9 июл ПРАЙМ. Премьер-министр", "ЛОНДОН", 9, 7, "ПРАЙМ"),
        ("ТАСС, 24 ноября. Правоохранительные органы", "ТАСС", 24, 11, "ТАСС"),
        ("МОСКВА, 15 янв — РИА Новости. Госдума", "МОСКВА", 15, 1, "РИА Новости"),
    ],
)
def test_dateline_shapes(text, place, day, month, agency):
    d = parse_dateline(text)
    assert d is not None
    assert (d.place, d.day, d.month, d.agency) == (place, day, month, agency)
    assert text[d.end :].strip()[0].isupper()


def test_ordinary_sentence_is_not_a_dateline():
    assert parse_dateline("США наступного тижня можуть передати Росії перелік") is None
    assert parse_dateline("Росія вже кілька місяців активно нарощує війська") is None


def test_header_needs_a_known_outlet():
    assert parse_header("Київ • УНН").outlet == "UNN"
    assert parse_header("Новини • Спорт") is None


def test_weekday_pins_the_year():
    # 1 February was a Tuesday in 2022 (and 2011, 2005): the latest not in the future, or near the text's years.
    assert choose_year(2, 1, weekday=1, mentioned_years=[], year_range=(1990, 2026)) == (2022, "weekday")
    assert choose_year(2, 1, weekday=1, mentioned_years=[2010], year_range=(1990, 2026))[0] == 2011
    assert choose_year(2, 30, weekday=None, mentioned_years=[], year_range=(1990, 2026))[0] is None


def test_unn_datelines_in_bsnlp_are_cut_and_dated():
    """Every BSNLP article with a UNN dateline gets UNN as outlet and a day-precision date."""
    from storyline.clean import clean
    from storyline.ingest.jsonl import record_to_draft

    path = shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    unn = [r for r in rows if r["text"].startswith(("КИЇВ.", "КИЕВ.")) and "УНН" in r["text"][:40]]
    assert len(unn) >= 5
    for r in unn:
        r = {k: v for k, v in r.items() if k not in ("date", "url")}  # force inference from the text
        a = clean(record_to_draft(r, "bsnlp"))
        assert a.outlet == "UNN", r["title"]
        assert a.published.precision == "day" and a.published.source == "dateline"
        assert not a.body[0].text.startswith(("КИЇВ", "КИЕВ"))


def test_dictionary_split_never_splits_known_or_short_words():
    assert split_unknown("Женевізасідання", "uk") == ("Женеві", "засідання")
    for word in ("газопостачання", "держдепартамент", "Інтерфакс", "коронавірус", "Брексіт", "Скрипалей"):
        assert split_unknown(word, "uk") is None


def test_camel_case_names_are_kept():
    changes: list = []
    assert repair_paragraph("Сенатор МакКейн і ДніпроГЕС.", "p0", changes) == "Сенатор МакКейн і ДніпроГЕС."
    assert changes == []


def test_glued_words_in_bruk_press_are_rare_and_real():
    """On 577 real press fragments the repair fires rarely: it must not rewrite ordinary text."""
    path = shared_path("data", "news", "bruk_press.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][:200]
    total_words = 0
    repairs = []
    for r in rows:
        changes: list = []
        repair_paragraph(r["text"], "p0", changes)
        total_words += len(r["text"].split())
        repairs += [c for c in changes if c.rule == "repair:dictionary-split"]
    assert len(repairs) / total_words < 0.001, [c.before for c in repairs][:20]

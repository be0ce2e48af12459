"""Cleaning real scraped records of the BSNLP corpus: site notices as titles, rubrics, repeated
headlines, leads without a title line, and Russian words that the glued-word repair must leave whole."""

from __future__ import annotations

import json
from functools import cache

from tests.conftest import shared_path

from storyline.clean.cleaner import clean
from storyline.ingest.jsonl import record_to_draft
from storyline.model import Article


@cache
def _records() -> dict[tuple[str, str], dict]:
    path = shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out[(r["topic"], r["doc_id"])] = r
    return out


def _clean(topic: str, doc_id: str) -> Article:
    record = _records()[(topic, doc_id)]
    return clean(record_to_draft(record, f"{topic}/{doc_id}"))


def _rules(article: Article) -> list[str]:
    return [c.rule for c in article.changes]


def test_registration_notice_title_is_replaced_and_repeated_headline_dropped():
    record = _records()[("covid-19", "ru-28")]
    assert record["title"].startswith("Регистрация пройдена успешно")
    article = _clean("covid-19", "ru-28")
    assert article.title == "В Коми поступило 4,4 тысячи доз вакцины от коронавируса"
    assert not article.body[0].text.startswith("В Коми поступило 4,4 тысячи доз вакцины от коронавируса")
    assert "boilerplate:account-notice" in _rules(article) and "structure:repeat" in _rules(article)


def test_cookie_notice_title_and_rubric_line():
    record = _records()[("covid-19", "ru-31")]
    assert "Cookie" in record["title"]
    article = _clean("covid-19", "ru-31")
    assert article.title == "Вакцина от коронавируса: в Германии готовятся к первым испытаниям"
    assert "structure:rubric" in _rules(article)  # the "Германия" line above the headline


def test_lead_without_title_line_gives_its_first_sentence_after_the_dateline():
    article = _clean("covid-19", "ru-17")
    assert article.title.startswith("Массовая вакцинация россиян от коронавируса стартует 18 января")
    assert not article.title.startswith("МОСКВА")
    assert "structure:title-from-lead" in _rules(article)


def test_russian_words_are_not_split_as_glued():
    titles = [
        _clean("asia_bibi", d).title for (t, d) in _records() if t == "asia_bibi" and d.startswith("ru")
    ]
    assert any("Пакистана" in t for t in titles)
    assert not any("Паки стана" in t for t in titles)
    splits = [
        (c.before, c.after)
        for (t, d) in _records()
        if t == "brexit"
        for c in _clean(t, d).changes
        if c.rule == "repair:dictionary-split"
    ]
    assert not any(before.lower().startswith("евроскептик") for before, _ in splits)
    assert not any(before.lower().startswith("видеосообщ") for before, _ in splits)


def test_real_glued_words_are_still_split():
    article = _clean("asia_bibi", "ru-107")
    assert "выступали против" in article.text and "выступалипротив" not in article.text


def test_legal_footer_paragraph_is_boilerplate_however_long():
    record = _records()[("brexit", "ru-1119")]
    assert "Все права на материалы" in record["text"]
    article = _clean("brexit", "ru-1119")
    assert "Все права на материалы" not in article.text and "Перепечатка" not in article.text
    assert "Елизавета II" in article.text
    assert "boilerplate:copyright" in _rules(article)


def _cleaned_where_title_starts(prefix: str) -> list[Article]:
    return [_clean(t, d) for (t, d), r in _records().items() if r["title"].startswith(prefix)]


def test_consent_banner_player_chrome_and_funding_notice_are_not_titles():
    (consent,) = _cleaned_where_title_starts("Для улучшения работы сайта")
    assert consent.title.startswith("Симпсоны опять все предсказали")
    assert "Нажимая на кнопку" not in consent.text
    player = _cleaned_where_title_starts("Accessibility links")
    assert player and all(
        not a.title.startswith(("Accessibility", "News Navigation", "Media player")) for a in player
    )
    assert any(a.title.startswith("Конгресс США утвердил победу Байдена") for a in player)
    (funded,) = _cleaned_where_title_starts("Сайт функционирует при финансовой поддержке")
    assert funded.title.startswith("Кандидат на пост президента США")

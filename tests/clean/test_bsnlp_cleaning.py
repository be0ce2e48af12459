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


def _record_with_id_title(topic: str, lang: str) -> dict:
    return next(
        r for (t, _), r in _records().items() if t == topic and r["lang"] == lang and r["title"].isdigit()
    )


def test_record_id_as_title_and_record_header_lines_are_replaced_by_the_page_headline():
    # BSNLP's ec/trump records carry the file number as "title" and start the text with the
    # language code ("ru"/"ua") and the page URL, each on its own line.
    for topic, lang in (("ec", "ru"), ("trump", "uk")):
        record = _record_with_id_title(topic, lang)
        code, _, url, headline = record["text"].split("\n")[:4]
        article = clean(record_to_draft(record, f"{topic}/{record['doc_id']}"))
        assert article.title != record["title"] and not article.title.isdigit()
        assert article.title in headline  # the page headline, less any site name
        assert article.url == url and url not in article.text
        assert not article.text.startswith(code)
        rules = _rules(article)
        assert "structure:id-as-title" in rules
        assert {"boilerplate:record-language", "boilerplate:record-url"} <= set(rules)


def test_every_id_titled_record_gets_a_real_headline_and_none_is_rejected():
    records = [r for r in _records().values() if r["title"].isdigit()]
    assert len(records) > 100
    for r in records:
        article = clean(record_to_draft(r, r["doc_id"]))
        assert not article.title.isdigit() and len(article.title.split()) >= 2


def test_timestamp_and_partner_notices_are_not_headlines():
    titles = {r["title"] for r in _records().values()}
    notices = [t for t in titles if t.startswith(("время публикации:", "Цей матеріал опубліковано на"))]
    assert notices
    for (topic, doc_id), r in _records().items():
        if r["title"] in notices:
            article = _clean(topic, doc_id)
            assert article.title != r["title"]
            assert any(
                c.rule in ("boilerplate:timestamp-line", "boilerplate:partner-notice")
                for c in article.changes
            )

"""The quote rules and speaker ranker of the "fresh text" round (issue 4), each on real shared articles
outside every gold set: subjectless lead cues ("Каже, …", "Мовляв, …"), the openers "По оценке" /
"На переконання", dashes touching the attribution, conviction words as attributions, headline
quotes with a colon and headlines after header lines, a dialogue line carried into the next
paragraph, quoted infinitives a speech verb governs, clauses that are no reported speech (gerund
phrases, relative clauses), and the ranker resolving a descriptor while keeping explicit openers."""

from __future__ import annotations

import pytest
from tests.analyze.test_quotes import bruk, bsnlp, quotes_of, starting

from storyline.analyze import Analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def test_a_subjectless_lead_cue_reports_the_person_spoken_of(analyzer):
    # "Каже, що для більшості його друзів Україна стала справжнім відкриттям." after Фред Фінн
    q = starting(quotes_of(analyzer, bruk("A_zaxid.net_Znas_Vin_obrav_Ukrayinu_2014.txt")), "для більшості")
    assert (q.kind, q.cue, q.speaker_canonical) == ("indirect", "Каже", "Фред Фінн")


def test_po_otsenke_opens_reported_speech(analyzer):
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/ru/coronavirus_ru_69.txt"))
    q = starting(quotes, "в 72 регионах ситуация стабилизируется")
    assert (q.cue, q.speaker_canonical) == ("По оценке", "Роспотребнадзор")


def test_a_dash_touching_the_attribution_still_cuts_the_quote(analyzer):
    # "«В американские выборы … до 2016 года, –отметил Шаймер, – правда, тогда …»"
    quotes = quotes_of(analyzer, bsnlp("us_election_2020/raw/ru/elections_ru_54.txt"))
    first = starting(quotes, "В американские выборы советская разведка")
    second = starting(quotes, "правда, тогда не было таких технических средств")
    assert first.text.endswith("до 2016 года") and "отметил" not in second.text
    assert {first.speaker_canonical, second.speaker_canonical} == {"Шаймер"}


def test_a_conviction_word_after_a_quote_attributes_it(analyzer):
    # '"…, вакцина у нас уже була б і не одного виробника", - переконана Іванченко.'
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/uk/coronavirus_vaccine_uk.txt_file_10327.txt"))
    q = starting(quotes, "Якби Степанов справді проводив переговори")
    assert (q.kind, q.cue, q.speaker_canonical) == ("direct", "переконана", "Іванченко")


def test_a_headline_quote_before_a_colon_is_its_subjects(analyzer):
    # '"Не вынесла душа поэта": Захарова прокомментировала отставку Джонсона'
    q = starting(
        quotes_of(analyzer, bsnlp("brexit/raw/ru/brexit_ru.txt_file_1014.txt")), "Не вынесла душа поэта"
    )
    assert (q.kind, q.speaker_canonical) == ("direct", "Захарова")
    # '«Заговор молчания»: как публикации о связях Джо Байдена …' is a rubric, not a quote
    quotes = quotes_of(analyzer, bsnlp("us_election_2020/raw/ru/elections_ru_147.txt"))
    assert not [q for q in quotes if q.text.startswith("Заговор молчания")]


def test_a_headline_after_header_lines_without_its_site_name(analyzer):
    # "399" / "ua" / the URL, then "Європейська Комісія може … через Україну, - Кацер-Бучковська | Газета «День»"
    quotes = quotes_of(analyzer, bsnlp("ec/raw/uk/file_399_ua.txt"))
    q = starting(quotes, "Європейська Комісія може значно знизити транзит газу")
    assert q.speaker_canonical == "Кацер-Бучковська" and "День" not in q.text


def test_a_dialogue_line_goes_on_into_the_paragraph_with_its_attribution(analyzer):
    # "– Імунітет – це складна система захисту. … ¶ Крім того, існують системи … – каже Ткачук."
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/uk/coronavirus_vaccine_uk.txt_file_10311.txt"))
    q = starting(quotes, "Імунітет – це складна система захисту")
    assert "\n" in q.text and q.cue == "каже" and q.speaker_canonical == "Ткачук"


def test_quoted_infinitives_a_speech_verb_governs_are_its_subjects_words(analyzer):
    # "… Хадим Хусейн … обещал «парализовать страну за несколько часов»"
    quotes = quotes_of(analyzer, bsnlp("asia_bibi/raw/ru/asia_bibi_ru.txt_file_145.txt"))
    q = starting(quotes, "парализовать страну за несколько часов")
    assert (q.kind, q.cue, q.speaker_canonical) == ("direct", "обещал", "Хадим Хусейн")
    # a quoted noun is the reporter's term there: "обвинили ее в «богохульстве»" is no quote
    quotes = quotes_of(analyzer, bsnlp("asia_bibi/raw/ru/asia_bibi_ru.txt_file_127.txt"))
    assert not [q for q in quotes if q.text.startswith("богохульств")]


def test_gerund_phrases_and_relative_clauses_are_no_reported_speech(analyzer):
    # "Основываясь на промежуточных итогах …, компания Pfizer сообщила, что …"
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/ru/coronavirus_ru_44.txt"))
    assert not [q for q in quotes if q.text.startswith("Основываясь")]
    # "…, — сказала Хільда Бастіан, яка вивчає доказову медицину в Університеті Бонда …"
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/uk/coronavirus_vaccine_uk.txt_file_10319.txt"))
    assert not [q for q in quotes if q.text.startswith("яка вивчає")]


def test_the_ranker_resolves_a_descriptor_and_keeps_an_explicit_opener(analyzer):
    # "Заместитель министра … Евгений Енин рассказал … ¶ "Польская сторона …", - подчеркнул дипломат."
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/ru/coronavirus_ru_7.txt"))
    q = starting(quotes, "Польская сторона в очередной раз")
    assert q.cue == "подчеркнул" and q.speaker_canonical == "Евгений Енин"
    # "По мнению Юрия Рогулёва, раздуванием скандала …": the opener names him; Байден, quoted
    # just before, does not replace him
    quotes = quotes_of(analyzer, bsnlp("us_election_2020/raw/ru/elections_ru_147.txt"))
    q = starting(quotes, "раздуванием скандала вокруг украинского периода")
    assert q.speaker_canonical.startswith("Юрий Рогул")

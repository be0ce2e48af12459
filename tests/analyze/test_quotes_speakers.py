"""Quote rules of the speakers round (issue 4), each on real articles of ../shared that no gold set
holds: the speech-verb lexicon read from pymorphy3 lemmas and widened by the verbs that follow a
closing quote in the corpus, negated and imperative verbs, demonstratives and relative pronouns
before "що/что", outlets relaying through "Как отмечает …", unknown surnames, common-noun subjects
agreeing with the verb, impersonal forms that speak through a document, deputies' titles, the
speaker past prepositional phrases, "так и не", quoted sentences that continue a speaker, titles in
quote marks, and the dashes some outlets use.
"""

from __future__ import annotations

import pytest
from tests.analyze.test_quotes import bruk, bsnlp, quotes_of, starting

from storyline.analyze import Analyzer
from storyline.analyze.morphology import morph
from storyline.analyze.quotes import ATTRIBUTION_VERBS, SPEECH_VERBS, _lemma_may_speak


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def speakers_of(quotes, fragment: str) -> set[str | None]:
    return {q.speaker_canonical for q in quotes if fragment in q.text}


def test_speech_verbs_are_pymorphy_lemmas_and_yo_is_read_as_ye():
    # every Cyrillic entry is what the Ukrainian or the Russian dictionary gives as the verb's lemma
    # ("ё" written as "е")
    for verb in SPEECH_VERBS | ATTRIBUTION_VERBS:
        if verb.isascii():
            continue
        lemmas = {morph(verb, lang).lemma.lower().replace("ё", "е") for lang in ("uk", "ru")}
        assert verb in lemmas, (verb, lemmas)
    # "подчёркивает": the Russian dictionary's lemma has "ё", the list "е"
    assert _lemma_may_speak(morph("подчёркивает", "ru").lemma)


def test_a_speech_verb_spelt_with_yo_and_an_attribution_verb_after_a_quote(analyzer):
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/ru/coronavirus_ru_10.txt"))
    # "Министр здравоохранения подчеркивает, что прививка … делается только по добровольному …"
    q = starting(quotes, "прививка против ковида делается только по добровольному")
    assert q.cue == "подчеркивает" and q.speaker_canonical.startswith("Светлана Леонтьев")
    # '"…, пока нельзя", - заключает профессор Лядова': an attribution verb right after the quote
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/ru/coronavirus_ru_37.txt"))
    q = starting(quotes, "Таким образом, полностью исключить то")
    assert (q.kind, q.cue, q.speaker_canonical) == ("direct", "заключает", "Ирина Лядова")


def test_a_two_word_speech_verb_and_the_non_breaking_hyphen_dash(analyzer):
    # "Помощники Байдена дали понять, что предпочли бы …"
    quotes = quotes_of(analyzer, bsnlp("us_election_2020/raw/ru/elections_ru_26.txt"))
    q = starting(quotes, "предпочли бы занять в отношении Москвы позицию")
    assert (q.cue, q.speaker_canonical) == ("дали", "помощники Байдена")
    # '"Мне 73 года, ‑ рассказывает Вячеслав Черняев. ‑ Считаю, …"' with U+2011 as the dash
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/ru/coronavirus_ru_69.txt"))
    first, second = starting(quotes, "Мне 73 года"), starting(quotes, "Считаю, что еще пожить можно")
    assert first.text == "Мне 73 года"
    assert first.speaker_canonical == second.speaker_canonical == "Вячеслав Черняев"


def test_negated_and_imperative_speech_verbs_attribute_nothing(analyzer):
    # "чиновники не повідомили громадянам про радіаційну загрозу": no one said anything
    quotes = quotes_of(
        analyzer, bruk("A_golvid.com.ua_Yak_naspravdi_stalasia_katastrofa_v_Chornobyli_2019.txt")
    )
    assert not [q for q in quotes if q.cue == "повідомили"]
    # "І, одного дня, його не повідомили про тренування, тож він залишився вдома."
    quotes = quotes_of(
        analyzer, bruk("A_Trybuna_Tokar_10_stereotypiv_z_yakymy_ya_zishtovhuyusya_yak_pereselenka_2017.txt")
    )
    assert not [q for q in quotes if "тренування" in q.text or "одного дня" in q.text]
    # "Скажи мені, що ти їж, і я скажу тобі, хто ти.": a saying addressed to the reader
    quotes = quotes_of(analyzer, bruk("A_ji.lviv.ua_Prokhasko_Fenomen_halytskoyi_kukhni_2013.txt"))
    assert not [q for q in quotes if "хто ти" in q.text]


def test_demonstratives_and_relative_pronouns_before_the_reported_clause(analyzer):
    # 'Подписи на бюллетенях “даже не напоминали" те, что имелись …': "те, что" is no speech
    quotes = quotes_of(analyzer, bsnlp("us_election_2020/raw/ru/elections_ru_107.txt"))
    assert not [q for q in quotes if q.text.startswith("имелись для сравнения")]
    # "сам глава государства объясняет свои действия тем, что не хотел допустить паники"
    quotes = quotes_of(analyzer, bsnlp("us_election_2020/raw/ru/elections_ru_11.txt"))
    assert starting(quotes, "не хотел допустить паники").speaker_canonical == "Трамп"
    # "Вместо ушедшего … Бориса Джонсона, который накануне обвинил Терезу Мэй в том, что …"
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/ru/brexit_ru.txt_file_1139.txt"))
    q = starting(quotes, "она фактически ведет Великобританию к статусу колонии")
    assert q.speaker_canonical == "Борис Джонсон"
    assert not [q for q in quotes if q.text.startswith("Вместо ушедшего")]


def test_an_outlet_that_notes_relays_and_unknown_surnames_stay_names(analyzer):
    # "Как отмечает Reuters, в прошлую пятницу парламент Нидерландов …": the outlet's sourcing
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/ru/brexit_ru.txt_file_1144.txt"))
    assert not [q for q in quotes if q.speaker_canonical == "Reuters"]
    # "В пятницу британский премьер Тереза Мэй заявила, что …": "Мэй" is unknown to the dictionary
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/ru/brexit_ru.txt_file_1037.txt"))
    assert starting(quotes, "на основе коллективной договоренности").speaker_canonical == "Тереза Мэй"
    # "По его итогам Мэй объявила, что …": "По" opening the sentence is no surname
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/ru/brexit_ru.txt_file_1090.txt"))
    q = starting(quotes, "Великобритания выступает за создание зоны свободной торговли")
    assert q.speaker_canonical == "Мэй"


def test_a_common_noun_subject_agreeing_with_the_verb_is_the_speaker(analyzer):
    # "У четвер міністерство охорони здоров'я оголосило, що дозволяє робити щеплення …"
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/uk/coronavirus_vaccine_uk.txt_file_10022.txt"))
    q = starting(quotes, "дозволяє робити щеплення старшокласникам")
    assert q.speaker_canonical == "міністерство охорони здоров'я"
    # "Відділ охорони здоров'я Сумської міської ради наголошує, що …": the head, not "Сумської"
    quotes = quotes_of(
        analyzer,
        bruk("A_Sumy_Today_Protyepidemichni_zahody_pid_chas_orhanizatiyi_ta_provedennia_vyboriv_2020.txt"),
    )
    q = starting(quotes, "Кабінетом Міністрів встановлені додаткові вимоги")
    assert q.speaker_canonical == "відділ охорони здоров'я Сумської міської ради"
    # "У податковій інспекції пояснюють це … тим, що …": the institution in the nominative
    quotes = quotes_of(
        analyzer,
        bruk(
            "A_Zemlia_Berdychivska_U_sichni_berdychivski_strakhuvalnyky_splatyly_mayzhe_16_milyoniv_hryven_"
            "yedynoho_sotsvnesku_2016.txt"
        ),
    )
    assert starting(quotes, "з 1 січня 2016 року набрав чинності").speaker_canonical == "податкова інспекція"


def test_an_impersonal_form_speaks_through_its_document(analyzer):
    # 'Вакцинация не допускается «в связи с …», сказано в инструкции.'
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/ru/coronavirus_ru_29.txt"))
    q = starting(quotes, "Вакцинация не допускается")
    assert (q.kind, q.cue, q.speaker_canonical) == ("indirect", "сказано", "инструкция")
    assert starting(quotes, "в связи с отсутствием данных").speaker_canonical == "инструкция"


def test_a_deputys_title_is_the_role_of_the_person_named_before(analyzer):
    # "… заступник міського голови Світлана Горбунова-Рубан. … Віцемер повідомила, що …"
    quotes = quotes_of(analyzer, bruk("A_city.kharkov.ua_U_kharkovi_simi_pereselentsiv_otryuyut_2020.txt"))
    q = starting(quotes, "обсяг фінансування цього напрямку з міського бюджету")
    assert (q.cue, q.speaker_canonical) == ("повідомила", "Світлана Горбунова-Рубан")


def test_the_speaker_past_the_medium_and_the_interviewers_question(analyzer):
    # '"Я считаю, …", - заявил в популярной утренней телепередаче ZDF Morgenmagazin … Карл Лаутербах'
    quotes = quotes_of(analyzer, bsnlp("covid-19/raw/ru/coronavirus_ru_33.txt"))
    assert starting(quotes, "Я считаю, что бороться с пандемией").speaker_canonical == "Карл Лаутербах"
    # "- Чи обов'язково … служба в органах? - поцікавилися ми у інспектора …": the reporter asks
    quotes = quotes_of(
        analyzer, bruk("A_vhoru_Yeremenko_Rodom_z_narodu_Odyn_den_z_zhyttia_sheryfa_Vynohradovoho_2019.txt")
    )
    assert not [q for q in quotes if q.text.startswith("Чи обов'язково за плечима шерифа")]


def test_so_and_not_is_no_second_predicate_and_a_quoted_sentence_continues_its_speaker(analyzer):
    # "Трамп заверил, что передача власти состоится, но результаты выборов так и не признал."
    quotes = quotes_of(analyzer, bsnlp("us_election_2020/raw/ru/elections_ru_61.txt"))
    q = starting(quotes, "передача власти состоится")
    assert (q.text, q.speaker_canonical) == ("передача власти состоится", "Трамп")
    # "Премьер Англии Тереза Мэй сообщила, что …. «Мы опубликуем белоснежную книгу в четверг»."
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/ru/brexit_ru.txt_file_1213.txt"))
    q = starting(quotes, "Мы опубликуем белоснежную книгу в четверг")
    assert (q.kind, q.speaker_canonical) == ("direct", "Тереза Мэй")


def test_a_title_in_quote_marks_is_no_fragment_of_speech(analyzer):
    # "Азіз Абдуллаєв зазначив, що … розроблена програма «Екологічно безпечний Крим», яка …"
    quotes = quotes_of(analyzer, bruk("A_Siverschyna_Ftomova_Krym_za_krok_do_katastrofy_2011.txt"))
    assert starting(quotes, "кримським урядом розроблена програма").speaker_canonical == "Абдуллаєв"
    assert not [q for q in quotes if q.text == "Екологічно безпечний Крим"]

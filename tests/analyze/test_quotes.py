"""Quote rules on real articles from ../shared: dialogue, quotes over paragraphs, unclosed and reopened
quotes, several speakers in one sentence, relays, documents, lost quote marks, pronouns, speech gerunds,
institutions named again by a bare noun, person nouns read from the morphological tag, the fast
opener scan (which must find what the plain regex scan finds), plural verbs reporting groups, agencies
that quote (relays), the speaker's second predicate after a reported clause, and bare first names.

The seeds' quotes the issue names (Лавров, the State Department, Блінкен) are tested in
test_analyzer.py. Articles of the held-out gold sets (heldout, heldout2, heldout3) are deliberately not
used here.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from tests.conftest import shared_path

from storyline.analyze import Analyzer
from storyline.analyze.morphology import morph
from storyline.analyze.quote_spans import interruptions, lines, scan, trailing_attribution
from storyline.analyze.quotes import INDIRECT_OPENERS, gerund_verbs, opener_matches, person_noun


@cache
def _corpus(name: str) -> dict[str, dict]:
    path = shared_path("data", "news", name)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row.get("file") or row["id"]: row for row in rows}


def article(name: str, key: str) -> tuple[str, str | None, str]:
    """(text, published, language) as the gold builds it: title, then the non-empty lines as paragraphs."""
    row = _corpus(name)[key]
    paragraphs = [p.strip() for p in row["text"].split("\n") if p.strip()]
    lang = {"ua": "uk"}.get(row.get("lang", "uk"), row.get("lang", "uk"))
    return row["title"].strip() + "\n\n" + "\n\n".join(paragraphs), row.get("date"), lang


def bsnlp(file: str) -> tuple[str, str | None, str]:
    return article("bsnlp_uk_ru.jsonl", file)


def bruk(doc_id: str) -> tuple[str, str | None, str]:
    return article("bruk_press.jsonl", doc_id)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def quotes_of(analyzer: Analyzer, doc: tuple[str, str | None, str]):
    text, published, lang = doc
    return analyzer.analyze_text(text, published=published, language=lang).quotes


def starting(quotes, prefix: str):
    found = [q for q in quotes if q.text.startswith(prefix)]
    assert found, f"no quote starts with {prefix!r}: {[q.text[:40] for q in quotes]}"
    return found[0]


def test_dash_dialogue_lines_and_an_attribution_that_interrupts_one(analyzer):
    # "— Ми обліковуємо …" (no attribution: the speaker named before), then
    # "— Це результат …, — зазначає Лариса Масюк. — Але це проблема …" (two quotes around it)
    quotes = quotes_of(analyzer, bruk("A_Novakahovka.city_Serednya_zarplata_v_Novij_Kahovtsi_2019.txt"))
    line = starting(quotes, "Ми обліковуємо біля 100 великих і середніх підприємств міста")
    assert (line.kind, line.speaker_canonical) == ("direct", "Лариса Масюк")
    assert line.text.endswith("їх працівники отримують меншу платню")
    before = starting(quotes, "Це результат існування у країні «тіньової економіки»")
    after = starting(quotes, "Але це проблема всієї держави")
    assert before.text == "Це результат існування у країні «тіньової економіки»"
    assert before.speaker_canonical == after.speaker_canonical == "Лариса Масюк"
    assert after.text == "Але це проблема всієї держави, а не тільки Нової Каховки"
    # a term quoted inside someone's words is part of that quote, not a quote of its own
    assert not any(q.text == "тіньової економіки" for q in quotes)


def test_quote_over_several_paragraphs_is_cut_at_the_attribution_inside_it(analyzer):
    quotes = quotes_of(analyzer, bruk("A_ternopoliany.te.ua_Ternopilski_volontery_vlashtuvaly_2015.txt"))
    first = starting(quotes, "У п’ятницю, 22 березня, відбувся довгоочікуваний матч")
    second = starting(quotes, "А вже у неділю волонтери Логістичного центра")
    assert first.text.endswith("глядачі з трибун аплодували воїнам стоячи")
    assert "\n\n" in second.text and second.text.endswith("переповненими позитивними емоціями")
    assert first.cue == second.cue == "розповідають"
    # the attribution between the two pieces is no one's quote
    assert not any("розповідають волонтери" in q.text for q in quotes)


def test_unclosed_quote_ends_at_its_attribution_and_pronoun_skips_genitive_names(analyzer):
    quotes = quotes_of(analyzer, bsnlp("asia_bibi/raw/uk/asia_bibi_uk.txt_file_2.txt"))
    # '"Нинішня ситуація …, - сказав Масіх.': the closing mark was lost
    q = starting(quotes, "Нинішня ситуація для нас дуже небезпечна")
    assert q.kind == "direct"
    assert q.text.endswith("часто змінюючи місце")
    assert q.speaker_canonical == "Масіх"
    # "Ашіг Масіх звернувся до … Дональда Трампа та прем'єра Канади Джастіна Трюдо … «…», - сказав він":
    # "він" is the last man named in the nominative, not a genitive object
    plea = starting(quotes, "Будь ласка, допоможіть нам")
    assert plea.speaker_canonical == "Ашіг Масіх"


def test_each_reported_clause_of_a_sentence_gets_its_own_speaker(analyzer):
    # "Так, Даша казала, що …; Іван запевняв, що …; Артем розповідав про те, що …, а Діана говорила, що …"
    quotes = quotes_of(
        analyzer, bruk("A_Visti_Prydniprovia_Rusanova_Pershi_kroky_shkilnoho_zhyttia_2017.txt")
    )
    said = {q.speaker_canonical: q.text for q in quotes if q.kind == "indirect"}
    assert said["Даша"] == "вони вивчали англійську"
    assert said["Іван"] == "англійської не було"
    assert said["Артем"] == "вчитель читала казку"
    assert said["Діана"] == "вони взагалі нічого не робили, а лише гуляли"


def test_relay_after_a_reported_clause_is_not_part_of_it(analyzer):
    # "… Тереза Май заявила, що наступні сім днів … майбутнього країни, передає УНН з посиланням на DW."
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/uk/brexit_ua.txt_file_1021.txt"))
    q = starting(quotes, "наступні сім днів у процесі Brexit")
    assert q.kind == "indirect"
    assert q.text.endswith("для майбутнього країни")


def test_document_cited_mid_sentence_speaks_for_its_source_on_both_sides(analyzer):
    # "В комментарии Би-би-си отмечается, что …". Next: "Джонсон олицетворял …, говорится в публикации,
    # его уход может послужить …": the publication is the BBC's, and both clauses are reported
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/ru/brexit_ru.txt_file_1078.txt"))
    before = starting(quotes, "Джонсон олицетворял собой кампанию")
    after = starting(quotes, "его уход может послужить")
    assert before.text.endswith("перед референдумом 2016 года")
    assert before.speaker_canonical == after.speaker_canonical
    assert before.speaker_canonical.lower().startswith("би-би-си")
    # "Дэвис написал, что "…" делает "…" выход …": a clause that only starts with a quote is reported
    davis = starting(quotes, '"нынешняя тенденция в политике и тактике" делает')
    assert davis.kind == "indirect"
    assert starting(quotes, "все менее и менее вероятным").kind == "direct"


def test_first_person_speech_without_marks_is_direct_and_relays_are_not_quotes(analyzer):
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/ru/brexit_ru.txt_file_1133.txt"))
    lost = starting(quotes, "Мы ожидаем, скажем так, политического просветления")
    assert (lost.kind, lost.speaker_canonical) == ("direct", "Песков")
    first = starting(quotes, "Министров иностранных дел других стран")
    assert first.speaker_canonical == "Дмитрий Песков"  # past the relay ", передает корреспондент РБК"
    assert not any("передает корреспондент" in q.text for q in quotes)
    # "… добавил также, что …": an adverb between verb and "что" names no one
    also = starting(quotes, "в Кремле ждут от Лондона и вразумительных разъяснений")
    assert also.speaker_canonical == "Песков"


def test_pronoun_after_transliterated_first_name(analyzer):
    # "… Мішель Барньє повідомив, що … «Міністри … згодні …», - сказав він.": the dictionary calls
    # "Мішель" feminine; the masculine surname decides, so "він" is Barnier, not Blümel before him
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/uk/brexit_ua.txt_file_1036.txt"))
    q = starting(quotes, "Міністри (члени Ради ЄС - ІФ) згодні з пакетом")
    assert q.speaker_canonical == "Мішель Барньє"


def test_opener_right_before_a_quote_beats_an_earlier_verb(analyzer):
    # "… передає видання Іспанія вимагає … угоди, яка, за словами міністра закордонних справ,
    # "з'явилася в один момент" і "викликає сумніви"."
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/uk/brexit_ua.txt_file_1055.txt"))
    for fragment in ("з'явилася в один момент", "викликає сумніви"):
        q = starting(quotes, fragment)
        assert q.kind == "direct"
        assert q.speaker_canonical == "Хосеп Борель"


def test_quote_spans_on_real_text():
    """The text-level scanner: a quote over paragraphs, an attribution inside it, a dialogue line."""
    text, _, _ = bruk("A_ternopoliany.te.ua_Ternopilski_volontery_vlashtuvaly_2015.txt")
    marks = scan(text, lines(text, 0, len(text)))
    long = max(marks.spans, key=lambda s: s[1] - s[0])
    inner = text[long[0] + 1 : long[1]]
    assert inner.startswith("У п’ятницю, 22 березня") and inner.endswith("позитивними емоціями")
    assert inner.count("\n\n") >= 2  # it runs over paragraphs
    cut = interruptions(text, long[0] + 1, long[1])
    assert [m.group("attr") for m in cut] == ["розповідають волонтери"]

    text, _, _ = bruk("A_Novakahovka.city_Serednya_zarplata_v_Novij_Kahovtsi_2019.txt")
    last = lines(text, 0, len(text))[-1]
    tail = trailing_attribution(text, *last)
    assert tail is None  # "… — зазначає Лариса Масюк. — Але це …": the attribution is inside the line
    (inside,) = interruptions(text, *last)
    assert inside.group("attr") == "зазначає Лариса Масюк"


def test_speech_gerund_reports_for_the_main_verbs_speaker(analyzer):
    # "…", - сказав він після засідання Ради ЄС, додавши, що проект щодо Brexit є "справедливим …":
    # the gerund's subject is the one of "сказав він" (Barnier), not the nearest name ("Ради ЄС")
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/uk/brexit_ua.txt_file_1030.txt"))
    q = starting(quotes, "проект щодо Brexit є")
    assert (q.kind, q.speaker_canonical, q.cue) == ("indirect", "Мішель Барньє", "додавши")
    # "Ембер Радд … закликала законодавців підтримати угоду Brexit, зазначивши, що парламент …"
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/uk/brexit_ua.txt_file_1052.txt"))
    q = starting(quotes, "парламент не затвердить варіант виходу з ЄС без угоди")
    assert q.speaker_canonical == "Ембер Радд"
    assert q.text == "парламент не затвердить варіант виходу з ЄС без угоди"


def test_a_bare_institution_noun_refers_back_to_the_named_institution(analyzer):
    # "… Харківського театру ляльок …" then "… , - кажуть у театрі": the theatre named before
    quotes = quotes_of(analyzer, bruk("A_city.kharkov.ua_Kharkivskiy_teatr_lyalok_zakrivae_sezon_2018.txt"))
    q = starting(quotes, "Наш «Майстер і Маргарита» - це наше прочитання")
    assert q.speaker_canonical == "Харківський театр ляльок"
    # "Господарський суд Одеської області …" then "Як зазначив суд, …": the adjective in the nominative
    # agreeing with its noun, the complement as written
    quotes = quotes_of(analyzer, bruk("A_nashigroshi_Cherez_neroztoropnist_chynovnykiv_2014.txt"))
    q = starting(quotes, "відповідно до Податкового кодексу, плата за землю")
    assert q.speaker_canonical == "Господарський суд Одеської області"


def test_opener_matches_equal_the_regex_scan_on_real_sentences(analyzer):
    """The fast opener scan tries only where the pattern's anchor and look-behind allow a match:
    it must find exactly what ``finditer`` finds, sentence by sentence."""
    seen = 0
    for doc in (
        bsnlp("brexit/raw/uk/brexit_ua.txt_file_1055.txt"),
        bsnlp("brexit/raw/uk/brexit_ua.txt_file_1030.txt"),
        bruk("A_Slobidskyi_krai_Unikalnyi_robot_2012.txt"),
    ):
        text, published, lang = doc
        for s in analyzer.analyze_text(text, published=published, language=lang).sentences:
            sentence = text[s.start : s.end]
            fast = [(m.span(), m.group()) for m in opener_matches(sentence)]
            slow = [(m.span(), m.group()) for m in INDIRECT_OPENERS.finditer(sentence)]
            assert fast == slow, sentence
            seen += len(slow)
    assert seen >= 3  # ("За словами", "Як повідомив", …: the articles do have openers)


def test_person_nouns_are_read_from_the_tag_and_gerunds_map_to_their_verb():
    # singular animate common nouns name a person; plurals, names and things do not
    for word in ("співак", "чиновника", "заступник", "дівчина"):
        assert person_noun(morph(word, "uk").tag), word
    assert person_noun(morph("сенатор", "ru").tag)
    for word in ("волонтери", "театр", "джерело", "Тереза"):
        assert not person_noun(morph(word, "uk").tag), word
    assert "наголосити" in gerund_verbs("наголосивши")
    assert "говорити" in gerund_verbs("говорячи")
    assert "додати" in gerund_verbs("додавши")


def test_a_plural_verb_reports_a_group_not_the_person_named_last(analyzer):
    # "Личное признание в богохульстве Биби сделала перед толпой, угрожающей ее убить, отметили судьи."
    judges = starting(
        quotes_of(analyzer, bsnlp("asia_bibi/raw/ru/asia_bibi_ru.txt_file_113.txt")),
        "Личное признание в богохульстве Биби сделала",
    )
    assert judges.speaker_canonical == "судьи"
    # "Судьи заявили, что …", then "Обвинение строилось на шатких свидетельствах, сказали они, …"
    quotes = quotes_of(analyzer, bsnlp("asia_bibi/raw/ru/asia_bibi_ru.txt_file_89.txt"))
    assert starting(quotes, "сторона обвинения потерпела полный крах").speaker_canonical == "судьи"
    assert starting(quotes, "Обвинение строилось на шатких свидетельствах").speaker_canonical == "они"
    # "…врачи … вынуждены были пожаловаться премьер-министру. Они писали, что …": the doctors, not Hunt
    doctors = starting(
        quotes_of(analyzer, bsnlp("brexit/raw/ru/brexit_ru.txt_file_1139.txt")),
        "пациенты часами ждут помощи",
    )
    assert doctors.speaker_canonical == "они"


def test_an_agency_that_quotes_is_a_relay_not_the_speaker(analyzer):
    # "…, додавши, що проект щодо Brexit є "справедливим та збалансованим", цитує агенція Reuters."
    quotes = quotes_of(analyzer, bsnlp("brexit/raw/uk/brexit_ua.txt_file_1030.txt"))
    fair = next(q for q in quotes if q.kind == "direct" and q.text == "справедливим та збалансованим")
    assert fair.speaker_canonical == "Мішель Барньє"
    assert not any("Reuters" in (q.speaker_canonical or "") for q in quotes)


def test_the_speakers_second_predicate_ends_the_reported_clause(analyzer):
    # "Ашик Масих признался, что опасается за безопасность своей супруги и попросил для семьи убежища …"
    fear = starting(
        quotes_of(analyzer, bsnlp("asia_bibi/raw/ru/asia_bibi_ru.txt_file_180.txt")),
        "опасается за безопасность своей супруги",
    )
    assert fear.text == "опасается за безопасность своей супруги"
    # "Він наголосив, що «…» суттєво допомагає … партнерами і закликав усіх охочих приєднуватися."
    help_ = starting(
        quotes_of(analyzer, bruk("A_Dilove_slovo_Spivpratsia_z_Nimechynoyu_lehko_2017.txt")),
        "«Fit for Partnership with Germany» суттєво допомагає",
    )
    assert help_.text.endswith("з потенційними партнерами")


def test_a_bare_first_name_speaks_as_the_full_name_given_before(analyzer):
    # "29-річна Надія Соклакова … розповіла …", later "…, – розповідає Надія."
    quotes = quotes_of(analyzer, bruk("A_Slobidskyi_krai_Kharkivianka_rozpovila_2016.txt"))
    bare = [q.speaker_canonical for q in quotes if q.speaker == "Надія"]
    assert len(bare) >= 2 and set(bare) == {"Надія Соклакова"}


def test_a_speech_gerund_after_another_verb_reports_for_that_verbs_subject(analyzer):
    # "…некоторые мусульманки стали протестовать, утверждая, что от прикосновения христианки …"
    claim = starting(
        quotes_of(analyzer, bsnlp("asia_bibi/raw/ru/asia_bibi_ru.txt_file_180.txt")),
        "от прикосновения христианки к кувшину вода может стать нечистой",
    )
    assert claim.speaker_canonical == "мусульманки"

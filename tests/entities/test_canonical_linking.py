"""Canonical forms, language-neutral keys and the gazetteer, on names from the seeds and SlavicNER."""

from __future__ import annotations

import pytest

from storyline.entities.canonical import canonical
from storyline.entities.iob import spans
from storyline.entities.linking import entity_id, gazetteer_lookup, name_key


@pytest.mark.parametrize(
    ("surface", "kind", "lang", "expected"),
    [
        ("Сергієм Лавровим", "PER", "uk", "Сергій Лавров"),
        ("Держдепартаменті США", "ORG", "uk", "Держдепартамент США"),
        ("Північноатлантичного альянсу", "ORG", "uk", "Північноатлантичний альянс"),
        ("Терезою Мей", "PER", "uk", "Тереза Мей"),
        ("Юлії Тимошенко", "PER", "uk", "Юлія Тимошенко"),
        ("Зеленським", "PER", "uk", "Зеленський"),
        ("Верховної Ради", "ORG", "uk", "Верховна Рада"),
        ("Білого дому", "ORG", "uk", "Білий дім"),
        ("Сполучених Штатах Америки", "LOC", "uk", "Сполучені Штати Америки"),
        ("Інтерфакс-Україну", "ORG", "uk", "Інтерфакс-Україна"),
        ("«Економічну правду»", "ORG", "uk", "«Економічна правда»"),
        ("Відні", "LOC", "uk", "Відень"),
        ("Києві", "LOC", "uk", "Київ"),
        ("Сергеем Лавровым", "PER", "ru", "Сергей Лавров"),
        ("Госдепартаменте США", "ORG", "ru", "Госдепартамент США"),
        ("Соединенных Штатов", "LOC", "ru", "Соединенные Штаты"),
        ("Boris Johnson's", "PER", "en", "Boris Johnson"),
    ],
)
def test_canonical_form_is_the_nominative_of_the_whole_name(
    surface: str, kind: str, lang: str, expected: str
) -> None:
    assert canonical(surface, kind, lang) == expected


@pytest.mark.parametrize(
    ("surface", "kind", "expected"),
    [
        ("Майка Пенса", "PER", "Майк Пенс"),  # "Майка" is also a T-shirt; the pair reads as a genitive
        ("Нэнси Пелоси", "PER", "Нэнси Пелоси"),  # indeclinable: a nominative stays as written
        ("Камалу Харрис", "PER", "Камала Харрис"),  # a woman's surname in a consonant does not decline
        ("Доминика Рааба", "PER", "Доминик Рааб"),  # unknown surname declined by the name paradigm
        ("Имран Хан", "PER", "Имран Хан"),
        ("Виктория Журавлева", "PER", "Виктория Журавлева"),
        ("Джорджа Буша-младшего", "PER", "Джордж Буш-младший"),
        ("Андреем Ромашковым", "PER", "Андрей Ромашков"),  # not the adjective "ромашковый"
        ("Хантера Байдена", "PER", "Хантер Байден"),
        ("Асии Биби", "PER", "Асия Биби"),  # pymorphy knows only a man's name Асий; natasha lists Асия
        ("Терезой Мэй", "PER", "Тереза Мэй"),
        ("МИДа", "ORG", "МИД"),  # abbreviation with a case ending
        ("британского МИД", "ORG", "британский МИД"),  # adjective agreeing with an abbreviation
        ("Демократической", "ORG", "Демократическая"),  # adjective whose noun is left out
        ("МОСКВА", "LOC", "Москва"),  # a dateline's capitals
        ("американских", "LOC", "американский"),  # a lower-case adjective: its dictionary form
        ("Невады", "LOC", "Невада"),  # unknown place, one paradigm fits
        ("Кентукки", "LOC", "Кентукки"),  # indeclinable
        ("Россотрудничеством", "ORG", "Россотрудничество"),
    ],
)
def test_russian_canonical_forms(surface: str, kind: str, expected: str) -> None:
    assert canonical(surface, kind, "ru") == expected


def test_guessed_place_names_are_left_as_written() -> None:
    # pymorphy guesses "Невада" is a form of "невад"; a canonical form must never invent a name.
    assert canonical("Невада", "LOC", "ru") == "Невада"


@pytest.mark.parametrize(
    "names",
    [
        ("Блінкен", "Блинкен", "Blinken"),
        ("Сергій Лавров", "Сергей Лавров", "Sergey Lavrov", "Сєргєй Лавров"),
        ("Борис Джонсон", "Boris Johnson"),
        ("Харків", "Харьков", "Kharkiv"),
        ("Чернігів", "Chernihiv"),
        ("Зеленський", "Зеленский", "Zelensky"),
    ],
)
def test_name_key_is_the_same_in_uk_ru_en(names: tuple[str, ...]) -> None:
    assert len({name_key(n) for n in names}) == 1


def test_entity_ids_are_stable_and_typed() -> None:
    assert entity_id("PER", "Ентоні Блінкен") == entity_id("PER", "Энтони Блинкен") == "PER:entn-blnkn"
    assert entity_id("LOC", "Женева") != entity_id("PER", "Женева")


@pytest.mark.parametrize(
    ("kind", "name", "key"),
    [("LOC", "РФ", "russia"), ("LOC", "Російська Федерація", "russia"), ("LOC", "Сполучені Штати", "usa"),
     ("ORG", "Євросоюз", "eu"), ("ORG", "ЄС", "eu"), ("PER", "Лавров", "lavrov"), ("LOC", "Великобритания", "uk")],
)  # fmt: skip
def test_gazetteer_links_abbreviations_and_translations(kind: str, name: str, key: str) -> None:
    entry = gazetteer_lookup(kind, name)
    assert entry is not None and entry.key == key


def test_bio_spans() -> None:
    assert spans(["B-PER", "I-PER", "O", "B-LOC", "I-ORG", "O"]) == {
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
    }

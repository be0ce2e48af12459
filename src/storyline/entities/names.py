"""Nominative of a person's name as a whole: one case and one gender for all its words.

Why not word by word: the words of a name agree, and each word alone is often ambiguous. "Майка" is
the genitive of the name Майк or the nominative of "майка" (a T-shirt), "Пенса" a genitive of an
unknown surname or the nominative of a feminine one; together, "Майка Пенса" can only be Майк Пенс.
"Нэнси Пелоси" stays as written: Нэнси is an indeclinable feminine name, so the mention reads as a
nominative and nothing needs changing.

How: every word yields *readings* ``(case, gender, nominative, strength)`` from three sources —
the dictionary's name parses (Name/Surn/Patr, strongest), adjective-like surnames ("Навального"),
and the declension paradigms of Russian/Ukrainian names applied to the word's ending (what lets an
unknown foreign surname decline: "Рааба" -> "Рааб", "Хантера" -> "Хантер"); indeclinable words
(foreign vowel endings, feminine names ending in a consonant) read as themselves in any case. Each
(case, gender) hypothesis is scored by the best reading of every word; the nominative gets a small
bonus, so a mention that can be read as written is left as written. pymorphy's own guesses for unknown
words are not used: they often decline a foreign surname as a common noun of the wrong gender.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pymorphy3.analyzer import Parse

from storyline.entities.lexicon import first_names
from storyline.entities.morphology import parses

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = ("masc", "femn")
#: pymorphy's second genitive/accusative/locative count as the main ones.
_CASE_ALIAS = {"gen2": "gent", "acc2": "accs", "loc2": "loct", "gen1": "gent", "loc1": "loct"}
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})

#: Strength of a reading by its source (a hypothesis sums its words' strongest readings).
DICT_NAME = 4.0  # the dictionary knows the word as a name in this case and gender (+ pymorphy's score)
ADJ_SURNAME = 2.5  # declines like an adjective ("Навального", "Зеленским")
PARADIGM = 2.0  # the ending fits a name paradigm ("Рааба" = gent of "Рааб")
MASC_A = 1.0  # a masculine name of the -а declension ("Раджа", "Никита"): rarer than a genitive
INDECLINABLE = 2.0  # foreign vowel ending ("Пелоси", "Бібі"): the same in every case
COMMON = 1.0  # the dictionary knows the word, but not as a name ("майка")
AS_WRITTEN = 0.5  # nothing better: the word as written, in any case
#: A dictionary first name missing from natasha's list of first names is a rare reading: pymorphy
#: knows "Асий", whose genitive "Асия" is far more often the woman's name Асия.
UNLISTED_NAME = 1.5
#: ... and a paradigm's nominative that natasha lists as a first name is as good as a dictionary one.
LISTED_NAME = 2.0
NOMINATIVE_BONUS = 0.5  # read as written when that is as good as any declension
#: Men are named more often than women in news; with nothing else to go on, a name is masculine
#: ("Байдена" is Байден's genitive rather than a woman called Байдена).
MASC_PRIOR = 0.6


@dataclass(frozen=True, slots=True)
class Reading:
    case: str
    gender: str  # "masc", "femn" or "" (either: "Раджа", "Нікіта" decline alike for both)
    nominative: str
    strength: float


# Paradigm rows: (surface ending, case, gender, nominative ending, stem must end in). An empty
# ``stem`` condition means "a consonant". Endings are tried longest first.
_CONS = "бвгґджзйклмнпрстфхцчшщ"
_VELAR_SIBILANT = "гкхжшчщ"
_RU_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    # -ов/-ев/-ин surnames: masculine like nouns but ablt -ым; feminine like short adjectives
    ("ова", "gent", "masc", "ов", "*"), ("ова", "accs", "masc", "ов", "*"), ("ову", "datv", "masc", "ов", "*"),
    ("овым", "ablt", "masc", "ов", "*"), ("ове", "loct", "masc", "ов", "*"),
    ("ева", "gent", "masc", "ев", "*"), ("ева", "accs", "masc", "ев", "*"), ("еву", "datv", "masc", "ев", "*"),
    ("евым", "ablt", "masc", "ев", "*"), ("еве", "loct", "masc", "ев", "*"),
    ("ина", "gent", "masc", "ин", "*"), ("ина", "accs", "masc", "ин", "*"), ("ину", "datv", "masc", "ин", "*"),
    ("иным", "ablt", "masc", "ин", "*"), ("ине", "loct", "masc", "ин", "*"),
    ("ова", "nomn", "femn", "ова", "*"), ("овой", "gent", "femn", "ова", "*"), ("овой", "datv", "femn", "ова", "*"),
    ("ову", "accs", "femn", "ова", "*"), ("овой", "ablt", "femn", "ова", "*"), ("овой", "loct", "femn", "ова", "*"),
    ("ева", "nomn", "femn", "ева", "*"), ("евой", "gent", "femn", "ева", "*"), ("евой", "datv", "femn", "ева", "*"),
    ("еву", "accs", "femn", "ева", "*"), ("евой", "ablt", "femn", "ева", "*"), ("евой", "loct", "femn", "ева", "*"),
    ("ина", "nomn", "femn", "ина", "*"), ("иной", "gent", "femn", "ина", "*"), ("иной", "datv", "femn", "ина", "*"),
    ("ину", "accs", "femn", "ина", "*"), ("иной", "ablt", "femn", "ина", "*"), ("иной", "loct", "femn", "ина", "*"),
    # masculine, hard consonant stem: Пенс, Рааб, Хантер
    ("", "nomn", "masc", "", ""), ("а", "gent", "masc", "", ""), ("а", "accs", "masc", "", ""),
    ("у", "datv", "masc", "", ""), ("ом", "ablt", "masc", "", ""), ("ем", "ablt", "masc", "", "жшчщц"),
    ("е", "loct", "masc", "", ""),
    # masculine, soft stem: Скрипаль, Андрей, Дмитрий
    ("ь", "nomn", "masc", "ь", ""), ("я", "gent", "masc", "ь", ""), ("я", "accs", "masc", "ь", ""),
    ("ю", "datv", "masc", "ь", ""), ("ем", "ablt", "masc", "ь", ""), ("е", "loct", "masc", "ь", ""),
    # (not after о/ы: "-ой", "-ый" are a feminine instrumental or an adjective's ending)
    ("й", "nomn", "masc", "й", "аеуэюя"), ("я", "gent", "masc", "й", "аеуэюя"),
    ("я", "accs", "masc", "й", "аеуэюя"), ("ю", "datv", "masc", "й", "аеуэюя"),
    ("ем", "ablt", "masc", "й", "аеуэюя"), ("е", "loct", "masc", "й", "аеуэюя"),
    ("ия", "gent", "masc", "ий", "*"), ("ия", "accs", "masc", "ий", "*"), ("ию", "datv", "masc", "ий", "*"),
    ("ием", "ablt", "masc", "ий", "*"), ("ии", "loct", "masc", "ий", "*"), ("ий", "nomn", "masc", "ий", "*"),
    # neuter (bodies and places only: no person hypothesis is neuter): Россотрудничество
    ("о", "nomn", "neut", "о", ""), ("а", "gent", "neut", "о", ""), ("у", "datv", "neut", "о", ""),
    ("ом", "ablt", "neut", "о", ""), ("е", "loct", "neut", "о", ""),
    # -а declension (feminine names, and masculine ones such as Раджа, Никита)
    ("а", "nomn", "", "а", ""), ("ы", "gent", "", "а", ""), ("и", "gent", "", "а", _VELAR_SIBILANT),
    ("е", "datv", "", "а", ""), ("у", "accs", "", "а", ""), ("ой", "ablt", "", "а", ""),
    ("ей", "ablt", "", "а", "жшчщц"), ("е", "loct", "", "а", ""),
    # -я after a vowel or ь: Асия, Наталья, Мария
    ("ия", "nomn", "", "ия", "*"), ("ии", "gent", "", "ия", "*"), ("ии", "datv", "", "ия", "*"),
    ("ию", "accs", "", "ия", "*"), ("ией", "ablt", "", "ия", "*"), ("ии", "loct", "", "ия", "*"),
    ("ья", "nomn", "", "ья", "*"), ("ьи", "gent", "", "ья", "*"), ("ье", "datv", "", "ья", "*"),
    ("ью", "accs", "", "ья", "*"), ("ьей", "ablt", "", "ья", "*"), ("ье", "loct", "", "ья", "*"),
)  # fmt: skip
_UK_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    # -ов/-ев/-ін/-ин surnames
    ("ова", "gent", "masc", "ов", "*"), ("ова", "accs", "masc", "ов", "*"), ("ову", "datv", "masc", "ов", "*"),
    ("овим", "ablt", "masc", "ов", "*"), ("ові", "loct", "masc", "ов", "*"),
    ("ева", "gent", "masc", "ев", "*"), ("ева", "accs", "masc", "ев", "*"), ("еву", "datv", "masc", "ев", "*"),
    ("евим", "ablt", "masc", "ев", "*"),
    ("іна", "gent", "masc", "ін", "*"), ("іна", "accs", "masc", "ін", "*"), ("іну", "datv", "masc", "ін", "*"),
    ("іним", "ablt", "masc", "ін", "*"), ("іні", "loct", "masc", "ін", "*"),
    ("ова", "nomn", "femn", "ова", "*"), ("ової", "gent", "femn", "ова", "*"), ("овій", "datv", "femn", "ова", "*"),
    ("ову", "accs", "femn", "ова", "*"), ("овою", "ablt", "femn", "ова", "*"), ("овій", "loct", "femn", "ова", "*"),
    ("іна", "nomn", "femn", "іна", "*"), ("іної", "gent", "femn", "іна", "*"), ("іній", "datv", "femn", "іна", "*"),
    ("іну", "accs", "femn", "іна", "*"), ("іною", "ablt", "femn", "іна", "*"), ("іній", "loct", "femn", "іна", "*"),
    # masculine, hard consonant stem: Пенс, Рааб
    ("", "nomn", "masc", "", ""), ("а", "gent", "masc", "", ""), ("а", "accs", "masc", "", ""),
    ("у", "datv", "masc", "", ""), ("ові", "datv", "masc", "", ""), ("ом", "ablt", "masc", "", ""),
    ("ем", "ablt", "masc", "", "жшчщц"), ("і", "loct", "masc", "", ""), ("ові", "loct", "masc", "", ""),
    # masculine, soft stem: Скрипаль, Андрій
    ("ь", "nomn", "masc", "ь", ""), ("я", "gent", "masc", "ь", ""), ("я", "accs", "masc", "ь", ""),
    ("ю", "datv", "masc", "ь", ""), ("еві", "datv", "masc", "ь", ""), ("ем", "ablt", "masc", "ь", ""),
    ("і", "loct", "masc", "ь", ""), ("еві", "loct", "masc", "ь", ""),
    ("й", "nomn", "masc", "й", "аеоуіяєї"), ("я", "gent", "masc", "й", "аеоуіяєї"),
    ("я", "accs", "masc", "й", "аеоуіяєї"), ("ю", "datv", "masc", "й", "аеоуіяєї"),
    ("єві", "datv", "masc", "й", "аеоуіяєї"), ("єм", "ablt", "masc", "й", "аеоуіяєї"),
    ("ї", "loct", "masc", "й", "аеоуіяєї"), ("єві", "loct", "masc", "й", "аеоуіяєї"),
    # neuter (bodies and places only)
    ("о", "nomn", "neut", "о", ""), ("а", "gent", "neut", "о", ""), ("у", "datv", "neut", "о", ""),
    ("ом", "ablt", "neut", "о", ""), ("і", "loct", "neut", "о", ""),
    # -а declension
    ("а", "nomn", "", "а", ""), ("и", "gent", "", "а", ""), ("і", "gent", "", "а", "жшчщ"),
    ("і", "datv", "", "а", ""), ("у", "accs", "", "а", ""), ("ою", "ablt", "", "а", ""),
    ("ею", "ablt", "", "а", "жшчщ"), ("і", "loct", "", "а", ""),
    # -я after a vowel or the apostrophe: Азія, Марія
    ("ія", "nomn", "", "ія", "*"), ("ії", "gent", "", "ія", "*"), ("ії", "datv", "", "ія", "*"),
    ("ію", "accs", "", "ія", "*"), ("ією", "ablt", "", "ія", "*"), ("ії", "loct", "", "ія", "*"),
)  # fmt: skip
_ROWS = {"ru": _RU_ROWS, "uk": _UK_ROWS}
#: Foreign names ending in these vowels do not decline ("Пелоси", "Ромни", "Эндрю", "Бібі").
_INDECLINABLE_ENDINGS = {"ru": ("и", "о", "у", "ю", "е", "э"), "uk": ("і", "о", "у", "ю", "е", "и")}
_CASE_VOWELS = {"ru": ("у", "ю", "е", "ого", "его"), "uk": ("у", "ю", "ого", "ього")}
_INSTRUMENTAL = {"ru": ("ом", "ем", "ём", "ым", "им", "ой"), "uk": ("ом", "ем", "єм", "им", "ою")}
#: Guessed adjective lemmas that look like surnames; other guesses ("Байденом" as an adjective's
#: locative) are noise.
_SURNAME_ADJ = ("ский", "цкий", "ской", "цкой", "ський", "цький")
_POSSESSIVE = re.compile(r"(?:ов|ев|ёв|єв|ин|ін|їн|ын)(?:ый|ий)$")
_ADJ_ENDINGS = (
    *("ого", "его", "ому", "ему", "им", "ым", "ім", "ой", "ей", "ій", "ий", "ый", "ая", "яя", "ую", "юю"),
    *("ою", "ьою", "ої", "ьої", "а", "я", "у", "ом", "ем", "ім"),
)


def person_nominative(words: list[str], lang: str) -> list[str]:
    """The nominative of each word of a person mention (punctuation and initials as written)."""
    return list(_person(tuple(words), lang))


@functools.lru_cache(maxsize=50_000)
def _person(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    slots = [i for i, w in enumerate(words) if _declinable(w)]
    if not slots:
        return words
    readings = {i: _readings(words[i], lang) for i in slots}
    best, best_score = None, float("-inf")
    for case in CASES:
        for gender in GENDERS:
            score = (NOMINATIVE_BONUS if case == "nomn" else 0.0) + (MASC_PRIOR if gender == "masc" else 0.0)
            chosen = []
            for i in slots:
                r = _best(readings[i], case, gender)  # never None: every word reads as written
                score += r.strength if r else 0.0
                chosen.append(r.nominative if r else words[i])
            if score > best_score:
                best, best_score = chosen, score
    out = list(words)
    for i, nom in zip(slots, best or [], strict=False):
        out[i] = nom
    return tuple(out)


def place_nominative(word: str, lang: str, guess: str = "") -> str | None:
    """The nominative of an unknown place or body name, from the name paradigms: the one their
    endings allow ("Невады" -> "Невада"), or among several the one pymorphy guessed ("Лахоре" ->
    Лахор, not Лахора). None where the word can already be a nominative ("Делавэра"), may be an
    indeclinable foreign name ("Кентукки"), or nothing fits."""
    if lang not in _ROWS or not word[:1].isupper():
        return None
    head, sep, last = word.rpartition("-")
    low = last.lower()
    if (
        low.endswith(_INDECLINABLE_ENDINGS[lang])
        and not low.endswith(_CASE_VOWELS[lang])
        and low[-2:-1] in _CONS
    ):
        return None
    readings = _paradigm(last, lang)
    if not readings or any(r.case == "nomn" for r in readings):
        return None
    candidates = {r.nominative for r in readings}
    if len(candidates) > 1:
        wanted = guess.rpartition("-")[2].lower()
        candidates = {c for c in candidates if c.lower() == wanted}
    if len(candidates) != 1:
        return None
    return head + sep + candidates.pop()


def _unlisted_first_name(lemma: str, lang: str) -> bool:
    names = first_names(lang)
    return bool(names) and lemma.replace("ё", "е") not in names


def _declinable(word: str) -> bool:
    """Name words that can inflect: letters, not an acronym or an initial ("США", "А.", "Дж")."""
    return word[:1].isalpha() and not (word.isupper() and len(word) > 1) and len(word) > 1


def _best(readings: tuple[Reading, ...], case: str, gender: str) -> Reading | None:
    fit = [r for r in readings if r.case == case and r.gender in ("", gender)]
    return max(fit, key=lambda r: r.strength) if fit else None


@functools.lru_cache(maxsize=100_000)
def _readings(word: str, lang: str) -> tuple[Reading, ...]:
    """Every (case, gender, nominative, strength) a name word can have; hyphenated words by parts."""
    if "-" in word:
        return _hyphenated(word, lang)
    out: list[Reading] = []
    cands = parses(word, lang)
    for p in cands:
        if _guessed(p):
            continue
        case = _CASE_ALIAS.get(str(p.tag.case), str(p.tag.case))
        if case not in CASES:
            continue
        if p.tag.number == "plur":  # "Демократы", "Скрипали": a group, its nominative plural
            nom = p.inflect({"nomn", "plur"}) if p.tag.POS == "NOUN" else None
            if nom and keeps_stem(word, nom.word):
                out.append(Reading(case, "", _cased(word, nom.word), COMMON))
            continue
        named = bool(p.tag.grammemes & _NAME_TAGS)
        strength = DICT_NAME + p.score / 2 if named else COMMON
        if named and "Name" in p.tag.grammemes and _unlisted_first_name(p.normal_form, lang):
            strength -= UNLISTED_NAME  # "Асий" (Асия's genitive?) is no first name natasha lists
        genders = _genders(p)
        if "Fixd" in p.tag.grammemes:
            out += [Reading(c, g, word, strength) for c in CASES for g in genders]
            continue
        if p.tag.POS != "NOUN":
            continue
        nom = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
        if nom is None or not keeps_stem(word, nom.word):
            continue
        out += [Reading(case, g, _cased(word, nom.word), strength) for g in genders]
    out += _adjectival(word, cands)
    out += _paradigm(word, lang)
    low = word.lower()
    # A foreign vowel ending (not one that is also a case ending: -у, -ю, -е, adjectival -ого).
    if (
        low.endswith(_INDECLINABLE_ENDINGS[lang])
        and not low.endswith(_CASE_VOWELS[lang])
        and not _is_known_common(cands)
    ):
        out += [Reading(c, "", word, INDECLINABLE) for c in CASES]
    if low[-1:] in _CONS and not low.endswith(_INSTRUMENTAL[lang]):
        out += [Reading(c, "femn", word, INDECLINABLE) for c in CASES]  # a woman's "Харрис", "Мей"
    out += [Reading(c, "", word, AS_WRITTEN) for c in CASES]
    return tuple(out)


def _hyphenated(word: str, lang: str) -> tuple[Reading, ...]:
    """ "Жан-Клодом": only the last part declines; "Буша-младшего": every part does, in one case."""
    head, _, last = word.rpartition("-")
    out = [Reading(r.case, r.gender, f"{head}-{r.nominative}", r.strength) for r in _readings(last, lang)]
    first = _readings(head, lang)
    for r in _readings(last, lang):
        for f in first:
            if f.case == r.case and f.gender in ("", r.gender) and f.strength > AS_WRITTEN:
                strength = max(f.strength, r.strength) + 0.1  # both parts agree: better than one
                out.append(Reading(r.case, r.gender, f"{f.nominative}-{r.nominative}", strength))
    return tuple(out)


def _adjectival(word: str, cands: tuple[Parse, ...]) -> list[Reading]:
    """Surnames declined as adjectives ("Навального", "Зеленского"), dictionary or guessed; not the
    possessive -ов/-ин adjectives ("ромашковый"), whose surname the paradigms rebuild ("Ромашков")."""
    if not word.lower().endswith(_ADJ_ENDINGS):
        return []
    out = []
    for p in cands:
        if p.tag.POS != "ADJF" or p.tag.number == "plur" or _POSSESSIVE.search(p.normal_form):
            continue
        if _guessed(p) and not p.normal_form.endswith(_SURNAME_ADJ):
            continue
        case = _CASE_ALIAS.get(str(p.tag.case), str(p.tag.case))
        for g in _genders(p):
            nom = p.inflect({"nomn", "sing", g})
            if nom and keeps_stem(word, nom.word):
                out.append(Reading(case, g, _cased(word, nom.word), ADJ_SURNAME))
    return out


def _paradigm(word: str, lang: str) -> list[Reading]:
    low = word.lower()
    out = []
    for ending, case, gender, nom_ending, stem_cond in _ROWS[lang]:
        if not low.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)] if ending else word
        if len(stem) < 2 or not stem[-1:].isalpha():
            continue
        last = stem[-1].lower()
        if stem_cond == "*":
            pass
        elif stem_cond == "":
            if last not in _CONS or (nom_ending == "" and last == "й"):
                continue
        elif last not in stem_cond:
            continue
        nominative = stem + nom_ending
        if nom_ending == "" and ending == "" and low[-1:] not in _CONS:
            continue  # the bare-stem nominative needs a consonant at the end
        if ending == "" and low.endswith(_INSTRUMENTAL[lang]):
            continue  # "Байденом" is an instrumental, not a name ending in -ом
        bonus = LISTED_NAME if nominative.lower().replace("ё", "е") in first_names(lang) else 0.0
        if gender == "":  # the -а/-я declension: mostly women, some men
            out += [
                Reading(case, "femn", nominative, PARADIGM + bonus),
                Reading(case, "masc", nominative, MASC_A + bonus),
            ]
        else:
            out.append(Reading(case, gender, nominative, PARADIGM + bonus))
    return out


def _genders(p: Parse) -> tuple[str, ...]:
    g = str(p.tag.gender)
    if g in GENDERS:
        return (g,)
    return GENDERS  # ms-f, or none given


def _guessed(p: Parse) -> bool:
    first = type(p.methods_stack[0][0]).__name__
    return first != "DictionaryAnalyzer" or len(p.methods_stack) > 1


def _is_known_common(cands: list[Parse] | tuple[Parse, ...]) -> bool:
    """The dictionary knows the form, and not as a name (then a vowel ending is a case ending)."""
    known = [p for p in cands if not _guessed(p)]
    return bool(known) and not any(p.tag.grammemes & _NAME_TAGS for p in known)


#: A lemma may differ from the surface only in its last this-many letters (beyond the shorter length):
#: Ukrainian/Russian inflection changes endings and alternates a stem vowel ("Відні" -> "Відень").
STEM_SLACK = 3


def keeps_stem(word: str, lemma: str, slack: int = STEM_SLACK) -> bool:
    """The lemma keeps the word's stem: they share all but the last ``slack`` letters."""
    a, b = word.lower().replace("ё", "е"), lemma.lower().replace("ё", "е")
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= min(len(a), len(b)) - slack


def _cased(surface: str, new: str) -> str:
    """``new`` with the surface's capitalisation per hyphen part; ё only where the surface has it."""
    if "ё" not in surface.lower():
        new = new.replace("ё", "е").replace("Ё", "Е")
    s_parts, n_parts = surface.split("-"), new.split("-")
    if len(s_parts) != len(n_parts):
        return new[:1].upper() + new[1:] if surface[:1].isupper() else new
    return "-".join(
        (n[:1].upper() + n[1:].lower()) if s[:1].isupper() else n.lower()
        for s, n in zip(s_parts, n_parts, strict=True)
    )

"""Lemmas, parts of speech and full morphological tags per word, proper-name aware and cached.

Why a module of its own: the analyzer, the quote attribution and the entities stage (CRF features,
canonical names) all ask the same question of the same words, and pymorphy3 is the slowest thing in the
analysis when asked cold. Every answer is cached per (language, word form, position), so after a few
hundred articles a lookup is a dict hit.

Proper names are the hard part. pymorphy3's Ukrainian dictionary has no ``Geox`` tags and knows many
surnames only as adjectives ("Лавровим" parses as "лавровий"), and lower-case words have surname parses
("вона" → "Вон"). So, for a capitalised word we prefer parses tagged as names (surname, place,
organisation, abbreviation), then longer lemmas ("Києві" → "Київ", not the name "Кий"), then first
names; for a lower-case word we push those parses last. A capitalised word in the middle of a sentence
that only parses as an adjective with a surname suffix ("-ов", "-ін" …) is taken as a surname:
"Лавровим" → "Лавров". Lemmas of proper nouns keep their capital ("Женеві" → "Женева"); abbreviations
keep their case ("США").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

#: Languages with a pymorphy3 dictionary; others get simplemma (English) or the word itself.
PYMORPHY_LANGUAGES = ("uk", "ru")

#: pymorphy grammemes that mark a name. Name (first names) is ranked after the others: the Ukrainian
#: dictionary has first names that shadow places ("Кий" for "Києві").
STRONG_NAME_TAGS = frozenset({"Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"})
NAME_TAGS = STRONG_NAME_TAGS | {"Name"}
#: Closed-class parts of speech: a capitalised word at the start of a sentence with such a reading is
#: that function word ("Про", "Він", "Як"), not a noun.
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "NUMR", "PRED", "INTJ"})
CLOSED_CLASS_FIRST = frozenset({"PREP", "CONJ"})
#: Up to this length an adverb reading yields to a preposition ("за"); longer words keep it
#: ("раніше", "напередодні" are adverbs before a name far more often than prepositions).
SHORT_FUNCTION_WORD = 3
ABBREVIATION_TAGS = frozenset({"Abbr", "Fixd"})
PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})

#: Capitalised adjective forms that are really surnames: stem of ≥ 3 letters, a possessive surname
#: suffix, a noun-like case ending ("Лавр-ов-им", "Пут-ін-а"). Adjectival endings ("-ого", "-ої") are
#: left out: "Податкового кодексу" is an adjective, and -ов surnames do not take them in the masculine.
SURNAME_FROM_ADJ = re.compile(r"^(\w{3,}(?:ов|ев|єв|ів|ін|їн|ин))(?:им|ові|у|а|і|е|ым)$", re.IGNORECASE)

#: pymorphy (OpenCorpora) POS → universal dependencies POS.
UD_POS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "COMP": "ADJ",
    "VERB": "VERB",
    "INFN": "VERB",
    "PRTF": "VERB",
    "PRTS": "VERB",
    "GRND": "VERB",
    "NUMR": "NUM",
    "NUMB": "NUM",
    "ADVB": "ADV",
    "PRED": "ADV",
    "NPRO": "PRON",
    "PREP": "ADP",
    "CONJ": "CCONJ",
    "PRCL": "PART",
    "INTJ": "INTJ",
}

_TAG = attrgetter("tag")
_NOMINATIVE = attrgetter("nominative")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})
_APOSTROPHE_RE = re.compile("[’ʼ`‘]")


def _plain_apostrophes(word: str) -> str:
    """``word`` with its apostrophes as "'" (pymorphy3's dictionaries spell them so). ``translate`` is
    asked only of a word that has one: it looks each character up in a dict, microseconds per word."""
    return word.translate(_APOSTROPHES) if _APOSTROPHE_RE.search(word) else word


class WordMorph(NamedTuple):
    """What the rest of storyline needs to know about one word form.

    ``tag`` is pymorphy's full tag of the chosen parse ("NOUN,Surn,masc,anim ablt"), empty where there
    is no pymorphy dictionary. ``nominative`` and ``person`` look at *all* parses: "Блінкен" can be a
    nominative person even where another reading came first. ``gender`` is "masc"/"femn"/"neut"/None.

    A named tuple, not a frozen dataclass: a cold lookup builds one per word form, and a frozen
    dataclass sets each field through ``object.__setattr__`` (several times the cost of the tuple).
    """

    lemma: str
    pos: str
    tag: str
    proper: bool = False
    person: bool = False
    nominative: bool = False
    gender: str | None = None


@cache
def _pymorphy(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@cache
def _simplemma() -> Any:
    import simplemma

    return simplemma


class _TagInfo(NamedTuple):
    """What the ranking asks of one pymorphy3 tag, as plain values.

    pymorphy3 computes each of these per access (``grammemes`` is a property, ``POS`` a set
    intersection, then a str subclass whose ``==`` is Python code): ranking a word's parses asked a
    dozen such questions, half the cost of a cold lookup besides pymorphy3's own parsing. The tag
    objects are few and shared by all words, so each is asked once.
    """

    text: str  # the tag as a string ("NOUN,Surn,masc,anim ablt"), one shared object per tag
    pos: str | None  # pymorphy's POS ("NOUN", "ADJF", …), None for LATN, PNCT, …
    gender: str | None
    number: str | None
    name: bool  # a name grammeme (NAME_TAGS)
    strong_name: bool  # a name grammeme other than a first name (STRONG_NAME_TAGS)
    abbreviation: bool  # Abbr or Fixd (ABBREVIATION_TAGS)
    abbr: bool
    fixd: bool
    person: bool  # Name, Surn or Patr (PERSON_TAGS)
    nominative: bool


#: id(tag) → (tag, its info). Keyed by identity (a pymorphy3 tag hashes and compares in Python code);
#: the tag is kept beside its info, so an id cannot be reused for another tag while it is cached.
_TAG_INFO: dict[int, tuple[Any, _TagInfo]] = {}


def _info(tag: Any) -> _TagInfo:
    entry = _TAG_INFO.get(id(tag))
    if entry is not None and entry[0] is tag:
        return entry[1]
    return _new_info(tag)


def _new_info(tag: Any) -> _TagInfo:
    grammemes = tag.grammemes
    pos, gender, number = tag.POS, tag.gender, tag.number
    info = _TagInfo(
        _shared(str(tag)),
        None if pos is None else str(pos),
        None if gender is None else str(gender),
        None if number is None else str(number),
        bool(grammemes & NAME_TAGS),
        bool(grammemes & STRONG_NAME_TAGS),
        bool(grammemes & ABBREVIATION_TAGS),
        "Abbr" in grammemes,
        "Fixd" in grammemes,
        bool(grammemes & PERSON_TAGS),
        "nomn" in grammemes,
    )
    _TAG_INFO[id(tag)] = (tag, info)
    return info


#: One string object per distinct lemma and tag: the forms of a word share their lemma, thousands of
#: words share a tag. Fewer, shared objects keep the hot part of the analysis in the CPU caches, and
#: the dict lookups keyed by lemma (keywords, quotes) then find the very same object.
_SHARED: dict[str, str] = {}


def _shared(value: str) -> str:
    return _SHARED.setdefault(value, value)


def _fields(tag: Any) -> tuple[str | None, str | None, str | None]:
    """(POS, gender, number) of a tag as plain strings or None."""
    info = _info(tag)
    return info.pos, info.gender, info.number


def _pos(tag: Any) -> str | None:
    """``tag.POS`` as a plain string (None for tags without a part of speech: LATN, PNCT, …)."""
    return _info(tag).pos


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_all_caps(word: str) -> bool:
    if not word.isupper():  # fast exit for almost every word: a lower-case letter, or no cased one
        return False
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _rank_capitalised(infos: list[_TagInfo], normal_length: Callable[[int], int]) -> int:
    """Index of the best reading of a capitalised word (``normal_length(k)``: the length of reading
    ``k``'s normal form): a noun with a name tag, then the longer lemma, then order. A first-name
    reading loses to a plain noun with a longer lemma: "Києві" is "Київ", not "Кий"."""
    nouns = [k for k, info in enumerate(infos) if info.pos == "NOUN"] or list(range(len(infos)))
    best = nouns[0]
    best_key = (infos[best].name, normal_length(best))
    for k in nouns[1:]:  # the first of the best wins
        key = (infos[k].name, normal_length(k))
        if key > best_key:
            best, best_key = k, key
    if not infos[best].strong_name:
        length = best_key[1]
        for k in nouns:
            if not infos[k].name and normal_length(k) > length:
                return k
    return best


def _rank_lower(infos: list[_TagInfo], first_word: str) -> int:
    """Index of the best reading of a lower-case word (``first_word``: the dictionary form its first
    reading was found as): dictionary order, but no name or abbreviation reading first.

    The Ukrainian dictionary lists "про" as an indeclinable noun before the preposition and "вона" as
    a surname; a lower-case word is neither unless nothing else fits.
    """
    # "до", "під", "серед" are prepositions and "як", "тому" conjunctions before they are nouns; short
    # words ("за") before they are adverbs
    first = infos[0].pos
    if first == "NOUN" or (first == "ADVB" and len(first_word) <= SHORT_FUNCTION_WORD):
        for k, info in enumerate(infos):
            if info.pos in CLOSED_CLASS_FIRST:
                return k
    function_reading: bool | None = None  # whether any parse is a function word (asked when needed)
    for k, info in enumerate(infos):
        if info.name:
            continue
        if info.pos == "NOUN" and info.fixd and len(infos) > 1:
            if function_reading is None:
                function_reading = any(other.pos in FUNCTION_POS for other in infos)
            if function_reading:
                continue
        return k
    return 0


def _restore_case(word: str, lemma: str, *, abbreviation: bool) -> str:
    if abbreviation and _is_all_caps(word):
        return lemma.upper()
    return "-".join(part[:1].upper() + part[1:] for part in lemma.split("-"))


#: (the ids of a dictionary word's reading tags, whether its first form is short) → what a lower-case
#: word with those readings gets: (the chosen reading, POS, tag, person, nominative, gender). All but
#: the lemma of a lower-case word follows from its readings' tags, and thousands of words share theirs.
_LOWER_CHOICES: dict[tuple[int | bool, ...], tuple[int, str, str, bool, bool, str | None]] = {}


def _pymorphy_morph(word: str, lang: str, sentence_start: bool) -> WordMorph:
    readings = _readings(_plain_apostrophes(word), lang)
    tags = readings.tags
    if not tags:
        return WordMorph(word.lower(), "X", "")
    if readings.permanent and not word[:1].isupper() and not _is_all_caps(word):
        key = (*map(id, tags), len(readings.words[0]) <= SHORT_FUNCTION_WORD)
        choice = _LOWER_CHOICES.get(key)
        if choice is None:
            choice = _LOWER_CHOICES[key] = _lower_choice(list(map(_info, tags)), readings.words[0])
        k, pos, text, person, nominative, gender = choice
        return WordMorph(_shared(readings.normal_form(k)), pos, text, False, person, nominative, gender)
    infos = list(map(_info, tags))
    order = range(len(infos))  # the readings ranked (all, or those left after dropping some)
    capitalised = _is_capitalised(word)
    all_caps = _is_all_caps(word)
    # "НАТО" is the alliance, not the vocative of the name "Ната"
    k = next((k for k, info in enumerate(infos) if info.abbreviation), None) if all_caps else None
    if k is not None:
        pass
    elif not capitalised:
        k = _rank_lower(infos, readings.words[0])
    else:
        keep = [k for k, info in enumerate(infos) if not info.abbr]  # "Про" is not "ПРО"
        if keep and len(keep) < len(infos):
            order, infos = keep, [infos[k] for k in keep]
        k = _rank_capitalised(infos, lambda j: len(readings.normal_form(order[j])))
        if sentence_start and not infos[k].strong_name:
            lower = _rank_lower(infos, readings.words[order[0]])
            if infos[lower].pos in FUNCTION_POS:  # "Про це повідомили", "Він також"
                k = lower
    info = infos[k]
    k = order[k]
    normal_form = readings.normal_form(k)
    lemma = normal_form
    best_pos = info.pos
    pos = UD_POS.get(best_pos, "ADV" if best_pos is None else "X")  # type: ignore[arg-type]
    proper = info.name
    if capitalised and not proper and not sentence_start and pos == "ADJ":
        match = SURNAME_FROM_ADJ.match(word)
        if match:
            lemma, pos, proper = match.group(1).lower(), "PROPN", True
    if capitalised and not proper and not sentence_start and pos == "ADJ" and best_pos == "ADJF":
        # An adjective inside a name keeps its gender: "Великої Британії" → "Велика",
        # "Одеської області" → "Одеська" (the nominative the name is cited in), not "великий".
        inflected = readings.parse(k).inflect({"nomn"})
        if inflected is not None:
            lemma = _restore_case(word, inflected.word, abbreviation=False)
    if capitalised and (proper or (pos == "NOUN" and (not sentence_start or all_caps))):
        lemma = _restore_case(word, lemma, abbreviation=info.abbr or info.fixd)
        pos = "PROPN"
    person = info.person or (
        pos == "PROPN" and lemma != normal_form.title() and bool(SURNAME_FROM_ADJ.match(word))
    )
    return WordMorph(
        _shared(lemma),
        pos,
        info.text,
        proper=pos == "PROPN",
        person=person,
        nominative=any(map(_NOMINATIVE, infos)),  # = tag.case == "nomn" of any reading
        gender=info.gender or None,
    )


def _lower_choice(infos: list[_TagInfo], first_word: str) -> tuple[int, str, str, bool, bool, str | None]:
    """What :func:`_pymorphy_morph` makes of a lower-case word with readings ``infos``, but its lemma:
    (the reading chosen, POS, tag, person, nominative, gender)."""
    k = _rank_lower(infos, first_word)
    info = infos[k]
    pos = UD_POS.get(info.pos, "ADV" if info.pos is None else "X")  # type: ignore[arg-type]
    nominative = any(map(_NOMINATIVE, infos))
    return k, pos, info.text, info.person, nominative, info.gender or None


class _Readings:
    """pymorphy3's readings of one word: the forms found, their tags, normal forms and Parse objects
    on demand. Either wraps ``MorphAnalyzer.parse``'s list, or (:func:`_dictionary_readings`) is built
    straight from the dictionary, asking for a normal form or a Parse only where the ranking needs it.
    """

    __slots__ = ("_normal", "_parse", "permanent", "tags", "words")

    def __init__(
        self,
        words: list[str],
        tags: list[Any],
        normal_form: Callable[[int], str],
        parse: Callable[[int], Any],
        permanent: bool = False,
    ) -> None:
        self.words, self.tags, self._normal, self._parse = words, tags, normal_form, parse
        #: the tags are the dictionary's own (live as long as it does, so their ids name them)
        self.permanent = permanent

    def normal_form(self, k: int) -> str:
        return self._normal(k)

    def parse(self, k: int) -> Any:
        """Reading ``k`` as the ``pymorphy3.Parse`` that ``MorphAnalyzer.parse`` gives (for ``inflect``)."""
        return self._parse(k)


def _readings(word: str, lang: str) -> _Readings:
    """pymorphy3's readings of ``word``, in ``MorphAnalyzer.parse``'s order."""
    found = _dictionary_readings(word, lang)
    if found is not None:
        return found
    parses = _pymorphy(lang).parse(word)
    return _Readings(
        [p.word for p in parses], list(map(_TAG, parses)), lambda k: parses[k].normal_form, parses.__getitem__
    )


#: A letter of the Cyrillic block (U+0400–U+0481, U+048A–U+04FF: every letter there and nothing else).
_CYRILLIC_LETTER = re.compile("[\u0400-\u0481\u048a-\u04ff]")


def _dictionary_readings(word: str, lang: str) -> _Readings | None:
    """The readings ``MorphAnalyzer.parse`` gives a Cyrillic dictionary word, without its overhead;
    None where this shortcut does not apply (pymorphy3's own parse is then asked).

    Why: a cold lookup is mostly ``MorphAnalyzer.parse``, and most of that is not the dictionary
    search but the machinery around it — a Parse tuple and a normal form built for every reading,
    initials, Roman-number and Latin analyzers asked of every word. For a word of two or more
    characters with a Cyrillic letter those analyzers cannot fire (an initial is one letter, a Roman
    number or a Latin word has no Cyrillic letter), so when the dictionary knows the word its readings
    are the dictionary's, re-ordered by the probability estimator as pymorphy3 does; the normal forms
    and Parse objects are built the same way, when asked for.
    """
    setup = _dictionary_setup(lang)
    if setup is None or len(word) < 2 or not _CYRILLIC_LETTER.search(word):
        return None
    dictionary, substitutes, estimator, unit, result_type = setup
    word_lower = word.lower()
    found = dictionary.words.similar_items(word_lower, substitutes)
    if not found:
        return None
    rows = [(fixed, para_id, idx) for fixed, pairs in found for para_id, idx in pairs]
    # Dictionary.build_tag_info, inlined: a paradigm's second third holds its forms' tag ids
    paradigms, gramtab = dictionary.paradigms, dictionary.gramtab
    tags = [gramtab[paradigms[para_id][len(paradigms[para_id]) // 3 + idx]] for _, para_id, idx in rows]
    if estimator is None:
        scores = [1.0] * len(rows)
    else:  # ProbabilityEstimator.apply_to_parses, with ConditionalProbDistDAWG.prob inlined
        table = estimator.p_t_given_w
        get, multiplier = table.get, table.MULTIPLIER
        probs = [get(f"{word_lower}:{tag}", 0) / multiplier for tag in tags]
        if sum(probs) == 0:
            scores = [1.0 * (1.0 / len(rows))] * len(rows)
        else:
            ranked = sorted(range(len(rows)), key=probs.__getitem__, reverse=True)  # stable, as pymorphy3's
            rows, tags, scores = (
                [rows[i] for i in ranked],
                [tags[i] for i in ranked],
                [probs[i] for i in ranked],
            )

    def normal_form(k: int) -> str:
        fixed, para_id, idx = rows[k]
        return dictionary.build_normal_form(para_id, idx, fixed)

    def parse(k: int) -> Any:
        fixed, para_id, idx = rows[k]
        return result_type(fixed, tags[k], normal_form(k), scores[k], ((unit, fixed, para_id, idx),))

    return _Readings([fixed for fixed, _, _ in rows], tags, normal_form, parse, permanent=True)


#: pymorphy3's analyzer units, by class name, that come before the dictionary's group ends: the
#: shortcut of :func:`_dictionary_readings` holds only for this layout (pymorphy3 2.0's uk and ru).
_FIRST_GROUPS = (
    ("DictionaryAnalyzer", "AbbreviatedFirstNameAnalyzer", "AbbreviatedPatronymicAnalyzer"),
    (
        "DictionaryAnalyzer",
        "AbbreviatedFirstNameAnalyzer",
        "AbbreviatedPatronymicAnalyzer",
        "RomanNumberAnalyzer",
        "LatinAnalyzer",
    ),
)


@cache
def _dictionary_setup(lang: str) -> tuple[Any, Any, Any, Any, Any] | None:
    """(dictionary, character substitutes, probability estimator, dictionary unit, Parse class) of a
    language's analyzer, or None when its first group of units is not one :data:`_FIRST_GROUPS` knows."""
    analyzer = _pymorphy(lang)
    units = getattr(analyzer, "_units", None)
    if not units:
        return None
    terminal = next((i for i, unit in enumerate(units) if unit.is_terminal), None)
    if terminal is None:
        return None
    names = tuple(type(unit.analyzer).__name__ for unit in units[: terminal + 1])
    if names not in _FIRST_GROUPS or analyzer._result_type is None:
        return None
    return (
        analyzer.dictionary,
        analyzer.char_substitutes,
        analyzer.prob_estimator,
        units[0].analyzer,
        analyzer._result_type,
    )


def _fallback_morph(word: str, lang: str, sentence_start: bool) -> WordMorph:
    if word[:1].isdigit():
        return WordMorph(word, "NUM", "")
    lemma = _simplemma().lemmatize(word, lang="en") if lang == "en" else word
    if _is_capitalised(word) and not sentence_start:
        return WordMorph(
            word if _is_all_caps(word) else lemma[:1].upper() + lemma[1:], "PROPN", "", proper=True
        )
    return WordMorph(lemma.lower(), "X", "")


@lru_cache(maxsize=500_000)
def morph(word: str, lang: str = "uk", sentence_start: bool = False) -> WordMorph:
    """The proper-name-aware analysis of one word form (cached per language, form and position).

    ``sentence_start`` matters only for capitalised words: a capital at the start of a sentence is no
    evidence of a proper name, so there only dictionary name tags make a word a name.
    """
    if not word.isalpha() and not any(c.isalpha() for c in word):  # (isalpha: no loop for most words)
        return WordMorph(word, "NUM" if word[:1].isdigit() else "PUNCT", "")
    if lang in PYMORPHY_LANGUAGES:
        return _pymorphy_morph(word, lang, sentence_start)
    return _fallback_morph(word, lang, sentence_start)


#: Per (language, sentence start) tables of :func:`morph` results for hot loops, which look words up
#: with a bound ``dict.get`` (a third of the cost of a call through ``lru_cache``) and call
#: :func:`cached_morph` only on a miss. Each table is emptied when it reaches :data:`TABLE_LIMIT`
#: words, so a long run's memory stays bounded.
_TABLES: dict[tuple[str, bool], dict[str, WordMorph]] = {}
TABLE_LIMIT = 300_000


def clear_word_caches() -> None:
    """Forget every cached word analysis (the dictionaries stay loaded): a cold start, for benchmarks."""
    morph.cache_clear()
    agreeing_adjective.cache_clear()
    _TABLES.clear()
    _TAG_INFO.clear()
    _LOWER_CHOICES.clear()
    _SHARED.clear()


def morph_table(lang: str, sentence_start: bool) -> dict[str, WordMorph]:
    """The word → :class:`WordMorph` table of one language and position (read-only for callers)."""
    table = _TABLES.get((lang, sentence_start))
    if table is None:
        table = _TABLES[(lang, sentence_start)] = {}
    return table


def cached_morph(word: str, lang: str, sentence_start: bool = False) -> WordMorph:
    """:func:`morph`, remembered in :func:`morph_table` for the next lookup of the same word."""
    table = morph_table(lang, sentence_start)
    if len(table) >= TABLE_LIMIT:
        table.clear()
    # the position only matters for a capitalised word: a lower-case one shares the mid-sentence entry
    result = table[word] = morph(word, lang, sentence_start and word[:1].isupper())
    return result


@lru_cache(maxsize=50_000)
def agreeing_adjective(word: str, lang: str, gender: str | None, plural: bool) -> str | None:
    """The nominative of a capitalised adjective in the gender and number of its noun.

    "Сполученого Королівства" → "Сполучене", "Европейским союзом" → "Европейский": the form alone is
    ambiguous (masc/neut, singular/plural), the noun after it decides. None when no parse fits.
    """
    if lang not in PYMORPHY_LANGUAGES:
        return None
    for p in _pymorphy(lang).parse(_plain_apostrophes(word)):
        p_pos, p_gender, p_number = _fields(p.tag)
        if p_pos != "ADJF":
            continue
        if plural != (p_number == "plur"):
            continue
        if not plural and gender and p_gender != gender:
            continue
        inflected = p.inflect({"nomn"})
        if inflected is not None:
            return _restore_case(word, inflected.word, abbreviation=False)
    return None


def lemma_pos_tag(word: str, lang: str = "uk", sentence_start: bool = False) -> tuple[str, str, str]:
    """(lemma, UD part of speech, full pymorphy tag) of one word: what the NER features need."""
    m = morph(word, lang, sentence_start)
    return m.lemma, m.pos, m.tag


def lemma(word: str, lang: str = "uk", sentence_start: bool = False) -> str:
    return morph(word, lang, sentence_start).lemma


def lemmatize_phrase(words: list[str], lang: str = "uk") -> str:
    """A nominative-ish form of a name phrase: each word lemmatised as a name, words in order.

    Used for speaker names ("Сергієм Лавровим" → "Сергій Лавров"; "Держдепартаменті США" →
    "Держдепартамент США"). Only the head-like words change; lower-case words after the first
    capitalised word (genitive modifiers such as "закордонних справ") are kept as written.
    """
    out = []
    seen_head = False
    for w in words:
        if _is_capitalised(w) or not seen_head:
            out.append(morph(w, lang, False).lemma)
            seen_head = seen_head or not _is_capitalised(w)
        else:
            out.append(w)
    return " ".join(out)

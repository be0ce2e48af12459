"""Canonical form of a mention: the nominative of the whole name, keeping its multiword structure.

"Сергієм Лавровим" -> "Сергій Лавров", "Держдепартаменті США" -> "Держдепартамент США",
"Північноатлантичного альянсу" -> "Північноатлантичний альянс", "Терезою Мей" -> "Тереза Мей".

Rules, by type:
- PER: :mod:`names` chooses one case and gender for the whole name from dictionary name parses and
  the name declension paradigms, never the adjective or common noun a name resembles ("Лавровим" is
  also the adjective "лавровий"; "Майка Пенса" -> "Майк Пенс"; "Нэнси Пелоси" stays as written).
- ORG/LOC/other: a noun phrase. Leading adjectives and the head noun agree in case and are put into the
  nominative (adjectives in the head's gender and number); whatever follows the head (genitive
  modifiers "США", "міністрів", quoted names) stays as written.
- A lone lower-case word tagged as a name: a noun keeps its number ("демократов" -> "демократы"),
  an adjective takes its dictionary form ("американских" -> "американский").
- Abbreviations, indeclinable and unknown foreign words stay as written ("МИДа" -> "МИД"; unknown
  place names decline only where the name paradigms allow one nominative: "Невады" -> "Невада");
  letter case follows the surface ("альянсу" stays lower-case, "США" upper) except a dateline's
  capitals ("МОСКВА" -> "Москва").

A lemma is accepted only if it keeps the word's stem (:data:`STEM_SLACK`): pymorphy's guesses for
unknown words sometimes jump to an unrelated lexeme, and a canonical form must never be a different name.
"""

from __future__ import annotations

import functools
import re

from pymorphy3.analyzer import Parse

from storyline.entities.morphology import morph_lang, parses
from storyline.entities.names import keeps_stem, person_nominative, place_nominative

_WORD = re.compile(r"\w+(?:[-'’ʼ]\w+)*|\S", re.UNICODE)
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


def canonical(text: str, kind: str, lang: str | None = "uk") -> str:
    """The nominative canonical form of a mention's text (cached per distinct text)."""
    return _canonical(text, kind, morph_lang(lang) if lang in ("uk", "ru") else "")


@functools.lru_cache(maxsize=100_000)
def _canonical(text: str, kind: str, lang: str) -> str:
    text = " ".join(text.split())
    if not lang:  # English and others: names do not inflect; drop a possessive
        return re.sub(r"['’]s$", "", text)
    pieces = [(_uncapitalised(m.group(), kind, lang), m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [p[0] for p in pieces]
    if len(words) == 1 and words[0].islower():
        # A common word tagged as a name ("демократів", "американських"): its nominative, same number.
        return _common_nominative(words[0], lang)
    new = _person(words, lang) if kind == "PER" else _noun_phrase(words, lang)
    out = []
    last = 0
    new = [n if n else w for n, w in zip(new, words, strict=True)]
    for (word, start, end), repl in zip(pieces, new, strict=True):
        out.append(text[last:start])
        out.append(repl if repl else word)
        last = end
    out.append(text[last:])
    return "".join(out)


_ABBR_ENDING = re.compile(r"^([A-ZА-ЯЁІЇЄҐ]{2,})[а-яёіїєґ]{1,3}$")


def _uncapitalised(word: str, kind: str, lang: str) -> str:
    """Undo capitals that are layout, not spelling: a dateline's "МОСКВА"/"КИЇВ" is the place name
    "Москва"/"Київ" (a dictionary noun that is no abbreviation; for persons, a known name), and an
    abbreviation with a case ending ("МИДа", "ГУМе", "ЮКОСа") is the abbreviation ("МИД")."""
    m = _ABBR_ENDING.match(word)
    if m:
        return m.group(1)
    if kind == "ORG" or not (word.isupper() and len(word) > 3 and word.isalpha()):
        return word
    known = [p for p in parses(word, lang) if not _guessed(p)]
    if not known or any("Abbr" in p.tag.grammemes for p in known):
        return word
    wanted = _NAME_TAGS if kind == "PER" else {"NOUN"}
    if known[0].tag.POS == "NOUN" and (known[0].tag.grammemes & wanted or "NOUN" in wanted):
        return word[:1] + word[1:].lower()
    return word


def _guessed(p: Parse) -> bool:
    """A parse from pymorphy's predictors (prefix/suffix guesses), not from the dictionary; hyphenated
    words count as known ("Інтерфакс-Україну": both halves analysed)."""
    first = type(p.methods_stack[0][0]).__name__
    if first == "HyphenatedWordsAnalyzer":
        return False
    return first != "DictionaryAnalyzer" or len(p.methods_stack) > 1


def _common_nominative(word: str, lang: str) -> str:
    """A common word tagged as a name: a noun keeps its number ("демократів" -> "демократи"); an
    adjective ("американських", "российской") takes its dictionary form, masculine singular, as
    SlavicNER's lemmas do for adjectives derived from names."""
    p = parses(word, lang)[0]
    if p.tag.POS == "ADJF" and not _guessed(p) and keeps_stem(word, p.normal_form):
        return p.normal_form
    if not p.tag.case or p.tag.case == "nomn":
        return word
    nom = p.inflect({"nomn", p.tag.number}) if p.tag.number else p.inflect({"nomn"})
    return nom.word if nom is not None and keeps_stem(word, nom.word) else word


def _is_word(w: str) -> bool:
    return w[:1].isalpha()


def match_case(surface: str, new: str) -> str:
    """Give ``new`` the letter case of ``surface`` ("США", "Інтерфакс-Україна", "альянсу"); ё only if
    the surface writes it (Russian news mostly writes е)."""
    if "ё" not in surface.lower():
        new = new.replace("ё", "е").replace("Ё", "Е")
    if surface.isupper() and len(surface) > 1:
        return new.upper()
    s_parts, n_parts = re.split(r"([-'’ʼ])", surface), re.split(r"([-'’ʼ])", new)
    if len(s_parts) != len(n_parts):
        return new[:1].upper() + new[1:] if surface[:1].isupper() else new
    return "".join(
        (n[:1].upper() + n[1:].lower()) if s[:1].isupper() else n.lower()
        for s, n in zip(s_parts, n_parts, strict=True)
    )


# ------------------------------------------------------------------------------------------------ persons
def _person(words: list[str], lang: str) -> list[str]:
    """One case and gender for the whole name (see :mod:`names`)."""
    return person_nominative(words, lang)


# ------------------------------------------------------------------------------------------- noun phrases
def _noun_phrase(words: list[str], lang: str) -> list[str]:
    """Nominative of leading adjectives + head noun; everything after the head unchanged."""
    out = list(words)
    adjectives: list[tuple[int, list[Parse]]] = []
    for i, w in enumerate(words):
        if not _is_word(w):
            if adjectives or w not in "«»\"“”„'":
                break
            continue  # an opening quote before the name: «Економічну правду»
        if (w.isupper() and len(w) > 1) or w[:1].isdigit():
            if adjectives and w.isupper():  # "британского МИД": adjectives before an abbreviation
                _abbreviation_head(out, words, adjectives, parses(w, lang))
            break  # an abbreviation heads the phrase: keep it and what follows
        cands = parses(w, lang)
        adj = [p for p in cands if p.tag.POS in ("ADJF", "PRTF") and p.tag.case]
        noun = [p for p in cands if p.tag.POS == "NOUN" and p.tag.case]
        if adj and i + 1 < len(words) and _is_word(words[i + 1]) and _modifies(adj, words[i + 1], lang):
            adjectives.append((i, adj))  # "Білого дому": an adjective before its noun, not the noun "біле"
            continue
        agree = _agreeing(adjectives, noun)
        if agree is not None:
            head = agree
            out[i] = _nominative_noun(w, head, lang)
            number = head.tag.number or "sing"
            gender = head.tag.gender
            for j, parses_j in adjectives:
                out[j] = _nominative_adj(words[j], parses_j, head.tag.case, gender, number)
            return out
        if adj:
            adjectives.append((i, adj))
            continue
        break
    else:
        if adjectives and len(adjectives) == sum(map(_is_word, words)):
            _adjectives_only(out, words, adjectives)
    return out


def _abbreviation_head(out: list[str], words: list[str], adjectives: list, abbr: tuple[Parse, ...]) -> None:
    """Adjectives agree with an indeclinable abbreviation in its gender ("британского МИД" ->
    "британский МИД"); their case is whatever case they share in that gender."""
    nouns = [p for p in abbr if p.tag.POS == "NOUN" and not _guessed(p)]
    gender = str(nouns[0].tag.gender) if nouns and nouns[0].tag.gender in ("masc", "femn", "neut") else "masc"
    number = str(nouns[0].tag.number) if nouns and nouns[0].tag.number else "sing"
    for case in ("nomn", "gent", "datv", "accs", "ablt", "loct"):
        if all(any(_fits(a, case, gender, number) for a in ps) for _, ps in adjectives):
            for j, ps in adjectives:
                out[j] = _nominative_adj(words[j], ps, case, gender, number)
            return


def _fits(adj: Parse, case: str, gender: str, number: str) -> bool:
    if adj.tag.case != case:
        return False
    if number == "plur" or adj.tag.number == "plur":
        return adj.tag.number == number
    return adj.tag.gender in (None, gender)


def _adjectives_only(out: list[str], words: list[str], adjectives: list) -> None:
    """A name that is only adjectives, its noun left out ("Демократической" [партии]): each in the
    nominative of its own gender and number, capitalised as written."""
    first = adjectives[0][1][0]
    gender, number = str(first.tag.gender or "masc"), str(first.tag.number or "sing")
    for j, ps in adjectives:
        out[j] = _nominative_adj(words[j], ps, first.tag.case, gender, number)


def _modifies(adjs: list[Parse], next_word: str, lang: str) -> bool:
    """Whether one of the adjective parses agrees with a noun parse of the next word."""
    nouns = [p for p in parses(next_word, lang) if p.tag.POS == "NOUN" and p.tag.case]
    return any(_agree(a, n) for a in adjs for n in nouns)


def _agreeing(adjectives: list[tuple[int, list[Parse]]], nouns: list[Parse]) -> Parse | None:
    """The noun parse that the adjectives so far agree with (case, and gender/number), best first."""
    if not nouns:
        return None
    # Names of places and bodies: inanimate, and singular unless the adjectives say otherwise ("Ради"
    # is "Рада" in the genitive before it is the plural of "рад").
    ranked = sorted(
        nouns,
        key=lambda p: (
            bool(p.tag.grammemes & {"Name", "Surn", "Patr", "anim"}),
            p.tag.number == "plur",
            p.tag.case != "nomn",  # a form that can be nominative is left as it is
            -p.score,
        ),
    )
    for p in ranked:
        if all(any(_agree(a, p) for a in ps) for _, ps in adjectives):
            return p
    return None if adjectives else ranked[0]


def _agree(adj: Parse, noun: Parse) -> bool:
    if adj.tag.case != noun.tag.case:
        return False
    if noun.tag.number == "plur" or adj.tag.number == "plur":
        return adj.tag.number == noun.tag.number or (adj.tag.gender is None and noun.tag.number == "plur")
    return adj.tag.gender in (None, noun.tag.gender)


def _nominative_noun(word: str, p: Parse, lang: str = "uk") -> str:
    if _guessed(p) and word[:1].isupper():
        # pymorphy's guess for an unknown name is unreliable ("Невада" as a form of "невад"); the name
        # paradigms decide where the ending leaves one choice ("Невады" -> "Невада"), else as written.
        return place_nominative(word, lang, p.normal_form) or word
    if p.tag.case == "nomn" or "Fixd" in p.tag.grammemes:
        return word
    nom = p.inflect({"nomn", p.tag.number}) if p.tag.number else p.inflect({"nomn"})
    if nom is None or not keeps_stem(word, nom.word):
        return word
    return match_case(word, nom.word)


def _nominative_adj(word: str, cands: list[Parse], case: str | None, gender: str | None, number: str) -> str:
    for p in cands:
        if p.tag.case != case:
            continue
        want = {"nomn", "plur"} if number == "plur" else {"nomn", gender or "masc"}
        nom = p.inflect(want)
        if nom and keeps_stem(word, nom.word):
            return match_case(word, nom.word)
    return word

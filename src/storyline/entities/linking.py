"""Language-neutral keys and ids for names: uk "Блінкен" = ru "Блинкен" = en "Blinken".

The key of a name is a *consonant skeleton* of its Latin transliteration: Cyrillic goes to Latin with one
table for uk and ru (г and h -> g, х -> kh …), English spellings are folded to the same sounds ("w" ->
v, "j" -> dzh, "c" -> k), then vowels, soft/hard signs and й are dropped and doubled letters merged.
Vowels go because they are what uk, ru and en disagree on (Львів/Львов, Сергій/Сергей/Sergey,
Олександр/Александр); consonants carry the name. An initial vowel is kept as a class (a/o merged) so
that short names ("Оман", "Умань") do not collide.

Ids are ``TYPE:key`` — stable across runs, and the same in every language. Seed-gazetteer entities use
their curated key instead ("LOC:usa"), so abbreviations and translated names share one id.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from storyline.entities.gazetteer import GazetteerEntry, entries

_CYR = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "e",
    "ё": "e",
    "э": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "i",
    "й": "",
    "ы": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ь": "",
    "ъ": "",
    "ю": "u",
    "я": "a",
}
# English spellings folded toward the sounds the Cyrillic table produces, digraphs protected first.
_LATIN_PROTECT = [
    ("sch", "\x01"),
    ("tch", "\x02"),
    ("sh", "\x01"),
    ("ch", "\x02"),
    ("zh", "\x03"),
    ("kh", "\x04"),
    ("th", "t"),
    ("ph", "f"),
]
_LATIN_FOLDS = [
    (r"(?<=[aeiouy])h(?![aeiouy])", ""),  # "Johnson": a silent h
    (r"h", "g"),  # "Chernihiv", "Luhansk": the official transliteration of г
    (r"ck", "k"),
    (r"qu", "kv"),
    (r"x", "ks"),
    (r"w", "v"),
    (r"j", "dzh"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"q", "k"),
]
_LATIN_RESTORE = [("\x01", "sh"), ("\x02", "ch"), ("\x03", "zh"), ("\x04", "kh")]
_DIGRAPHS = [("shch", "S"), ("kh", "X"), ("zh", "Z"), ("ts", "C"), ("ch", "C"), ("sh", "S"), ("dz", "D")]
_VOWELS = re.compile(r"[aeiouy]")
_INITIAL_VOWEL = {"a": "a", "o": "a", "e": "e", "i": "i", "y": "i", "u": "u"}
_APOSTROPHES = re.compile(r"[’ʼ`´'\"«»“”„]")


def norm_alias(name: str) -> str:
    """Lower case, ё -> е, no quotes/apostrophes, single spaces: how aliases are compared and stored."""
    s = unicodedata.normalize("NFC", name).lower().replace("ё", "е")
    s = _APOSTROPHES.sub("", s)
    return " ".join(s.replace("-", " - ").split()).replace(" - ", "-")


def _latin(word: str) -> str:
    if any("\u0400" <= c <= "\u04ff" for c in word):
        return "".join(_CYR.get(c, c) for c in word)
    s = unicodedata.normalize("NFKD", word)
    s = "".join(c for c in s if not unicodedata.combining(c))
    for a, b in _LATIN_PROTECT:
        s = s.replace(a, b)
    for pattern, repl in _LATIN_FOLDS:
        s = re.sub(pattern, repl, s)
    for a, b in _LATIN_RESTORE:
        s = s.replace(a, b)
    return s


@functools.lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """Consonant skeleton of one word: "Блінкен"/"Блинкен"/"Blinken" -> "blnkn"."""
    s = _latin(norm_alias(word))
    s = re.sub(r"[^a-z]", "", s)
    if not s:
        return ""
    for dg, sym in _DIGRAPHS:
        s = s.replace(dg, sym)
    s = s.replace("g", "g").replace("z", "s")
    head = _INITIAL_VOWEL.get(s[0], "")
    body = _VOWELS.sub("", s)
    body = re.sub(r"(.)\1+", r"\1", body)
    return head + body


@functools.lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """Key of a multiword name: word keys joined by "-" (hyphens and spaces alike)."""
    words = re.split(r"[\s\-]+", norm_alias(name))
    return "-".join(k for k in (word_key(w) for w in words) if k)


def entity_id(kind: str, canonical: str) -> str:
    """The stable id of an entity not in the gazetteer."""
    key = name_key(canonical)
    return f"{kind}:{key}" if key else f"{kind}:{norm_alias(canonical)}"


@functools.cache
def gazetteer_index() -> dict[str, GazetteerEntry]:
    """Normalised name/alias (and, for persons, name key) -> gazetteer entry."""
    index: dict[str, GazetteerEntry] = {}
    for e in entries():
        for name in e.all_names:
            index.setdefault(norm_alias(name), e)
            index.setdefault(f"{e.type}#{name_key(name)}", e)
    return index


@functools.cache
def surname_index() -> dict[str, GazetteerEntry]:
    """Surname key -> the gazetteer person, for surnames that name exactly one listed person."""
    seen: dict[str, list[GazetteerEntry]] = {}
    for e in entries():
        if e.type != "PER":
            continue
        keys = {word_key(n.split()[-1]) for n in e.all_names if n.split()}
        for k in keys:
            seen.setdefault(k, []).append(e)
    return {k: v[0] for k, v in seen.items() if len(v) == 1 and k}


@functools.lru_cache(maxsize=100_000)
def gazetteer_lookup(kind: str, canonical: str, surface: str | None = None) -> GazetteerEntry | None:
    """The gazetteer entry a mention names, by alias, by name key, or (persons) by surname alone
    (cached: news names the same few thousand entities again and again)."""
    index = gazetteer_index()
    for candidate in (canonical, surface):
        if not candidate:
            continue
        e = index.get(norm_alias(candidate))
        if e is not None and _compatible(kind, e.type):
            return e
    e = index.get(f"{kind}#{name_key(canonical)}")
    if e is not None:
        return e
    if kind == "PER" and len(canonical.split()) == 1:
        return surname_index().get(word_key(canonical))
    return None


def _compatible(kind: str, entry_type: str) -> bool:
    """NER confuses LOC and ORG for countries acting as actors ("Росія заявила"): allow either."""
    return kind == entry_type or {kind, entry_type} <= {"LOC", "ORG"}

"""Date and time expressions with their spans, resolved against the article's publication date.

Why rules and not dateparser: dateparser's ``search_dates`` takes tens of milliseconds per article and
invents dates from ordinary words and numbers ("3 з 10" becomes a date). News dates come in a handful of
shapes — "1 лютого", "У вівторок, 1 лютого", "10-13 січня", "у січні", "21 січня 2022 року", "вчора",
"наступного тижня", "минулого місяця" and their Russian and English equivalents — and each shape below
is one regular expression with one resolver.

Resolution: a day and month without a year take the year that puts the date nearest the publication
date, with a past bias (news reports what happened far more than what will), see
:data:`FUTURE_PENALTY`. A weekday alone is the latest such day on or before publication unless
"наступного"/"next" says otherwise. Without a publication date, relative expressions keep their span but
resolve to ``None``: a guess never hides as a fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import filterfalse

from storyline import calendar
from storyline.model import DateMention, DatePrecision, Span

#: Days in the future count this many times over when choosing the year of "10 грудня": a December
#: article's "15 січня" is next January, a January article's "10 грудня" last December.
FUTURE_PENALTY = 3
MIN_YEAR, MAX_YEAR = 1900, 2100

#: Month forms the patterns know: names, genitives ("1 лютого"), locatives ("у січні"), and the English
#: abbreviations ("Jan. 5"); Ukrainian and Russian abbreviations ("9 июл") are left to datelines.
MONTHS: dict[str, int] = {
    **calendar.select(calendar.MONTH_WORDS, ("nominative", "genitive", "locative")),
    **calendar.select(calendar.MONTH_WORDS, ("abbreviation",), ("en",)),
}
#: Month forms that may stand alone after "у"/"в"/"in" ("у січні", "в январе", "in January").
MONTH_LOCATIVE = {f for f in MONTHS if f.endswith(("ні", "ці", "ті", "е")) or (f.isascii() and len(f) > 3)}
#: Weekday forms in every case; "пʼятницю" (with U+02BC) is one the patterns never had.
WEEKDAYS: dict[str, int] = calendar.select(calendar.WEEKDAY_WORDS, exclude=("пʼятницю",))

RELATIVE_DAYS: dict[str, int] = {
    "сьогодні": 0,
    "сьогодня": 0,
    "вчора": -1,
    "учора": -1,
    "позавчора": -2,
    "завтра": 1,
    "післязавтра": 2,
    "сегодня": 0,
    "вчера": -1,
    "позавчера": -2,
    "послезавтра": 2,
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
}
#: "минулого"/"прошлой"/"last" → -1, "цього"/"этой"/"this" → 0, "наступного"/"следующей"/"next" → +1.
#: Days counted from the date the text last mentioned, not from publication: "13 листопада … Наступного
#: дня …" is 14 November whenever the article appeared. Without an earlier date, publication anchors.
ANAPHORIC_DAYS: dict[str, int] = {
    "напередодні": -1,
    "накануне": -1,
    "наступного дня": 1,
    "наступний день": 1,
    "на наступний день": 1,
    "того ж дня": 0,
    "того самого дня": 0,
    "на следующий день": 1,
    "следующий день": 1,
    "в тот же день": 0,
    "the day before": -1,
    "the next day": 1,
    "the following day": 1,
    "the same day": 0,
}
SHIFT_WORDS: dict[str, int] = {
    **dict.fromkeys(
        str.split(
            "минулого минулої минулому минулій попереднього попередньої прошлого прошлой прошлом "
            "прошлую прошлый last past"
        ),
        -1,
    ),
    **dict.fromkeys(
        str.split(
            "цього цієї цьому цій поточного поточному этого этой этом эту этот текущего текущем this current"
        ),
        0,
    ),
    **dict.fromkeys(
        str.split(
            "наступного наступної наступному наступній следующего следующей следующем следующую "
            "следующий next coming"
        ),
        1,
    ),
}
UNITS: dict[str, str] = {
    **dict.fromkeys(
        str.split("тиждень тижня тижні тижнів тижнях неделя недели неделе неделю недель week weeks"), "week"
    ),
    **dict.fromkeys(
        str.split("місяць місяця місяці місяців месяц месяца месяце месяцев month months"), "month"
    ),
    **dict.fromkeys(str.split("рік року році років роки лет год года году year years"), "year"),
    **dict.fromkeys(str.split("день дня дні днів днями дней days day"), "day"),
}
YEAR_WORDS = r"(?:року|році|рік|роки|роках|р\.|рр\.|году|годах|года|год|г\.|гг\.)"
ONE_WORD_YEARS: dict[str, int] = {
    "торік": -1,
    "минулоріч": -1,
    "цьогоріч": 0,
    "цьогорік": 0,
    "наступнорік": 1,
}


_cased = calendar.cased
_variants = calendar.cased_variants


def _guarded(items: list[str], firsts: object) -> str:
    """``(?:a|b|…)`` behind a look-ahead for the characters the items start with.

    Why: Python's engine tries an alternation's items one by one at every position; the one-class
    look-ahead turns most positions away at once. It matches exactly what the bare alternation matches.
    """
    return _guard("(?:" + "|".join(items) + ")", firsts)


def _guard(regex: str, firsts: object) -> str:
    """``regex`` behind a look-ahead for ``firsts``, the characters it can start with."""
    chars = "".join(sorted(set(firsts)))  # type: ignore[call-overload]
    assert chars.isalnum(), chars  # letters only: nothing to escape in the class
    return f"(?=[{chars}]){regex}"


def _alt(words: object) -> str:
    """The words as written, Capitalised and UPPER, as a guarded trie (:func:`calendar.alternation`).

    The patterns are compiled case-sensitively with these variants spelled out: IGNORECASE makes
    Python's engine try every alternative at every position and costs three times as much.
    """
    variants = _variants(words)  # type: ignore[arg-type]
    return _guard(calendar.alternation(variants), (w[0] for w in variants))


def _ci(alternation: str) -> str:
    """A hand-written alternation of regex items ("на\\s+початку|з") with Capitalised variants (guarded)."""
    items = alternation.split("|")
    cased = list(dict.fromkeys([*items, *(i[:1].upper() + i[1:] for i in items)]))
    return _guarded(cased, (i[0] for i in cased))


_LONG_MONTHS = _variants(m for m in MONTHS if len(m) > 4 or not m.isascii())
_SHORT_MONTHS = _variants(m for m in MONTHS if len(m) <= 4 and m.isascii())
_M = _guard(
    f"(?:{calendar.alternation(_LONG_MONTHS)}|{calendar.alternation(_SHORT_MONTHS)}\\.?)",
    (m[0] for m in (*_LONG_MONTHS, *_SHORT_MONTHS)),
)
_W = f"(?:{_alt(WEEKDAYS)})"
_B, _E = r"(?<![\w-])", r"(?![\w])"
#: A digit that starts a word, as ``{_B}\d`` but with the digit first: a pattern that begins with a
#: character class lets the regex engine skip ahead to candidate characters instead of trying every
#: position (the look-behind checks the digit and the character before it).
_B_DIGIT = r"\d(?<![\w-]\d)"
_VAGUE_COUNTS = _ci(r"кілька|декілька|несколько|a\s+few|an?")
MONTH_PREPOSITIONS = (
    r"у|в|во|in|на\s+початку|на\s+кінці|наприкінці|до\s+кінця|в\s+середині|у\s+середині|протягом|впродовж|"
    r"з|із|від|до|після|в\s+начале|в\s+конце|после|с|early|late|since|until|by"
)
_DASH = r"\s*[-–—]\s*"
_YEAR = rf"(?:,?\s+(?P<year>\d{{4}})(?:\s*{YEAR_WORDS}|(?!\d)))?"


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    begin: dt.date | None
    finish: dt.date | None
    precision: DatePrecision
    relative: bool
    shift: int | None = None  # anaphoric ("напередодні"): days from the last date mentioned


Resolver = Callable[
    [re.Match[str], dt.date | None], tuple[dt.date | None, dt.date | None, DatePrecision, bool] | None
]
_PATTERNS: list[tuple[re.Pattern[str], Resolver]] = []


def _pattern(regex: str) -> Callable[[Resolver], Resolver]:
    def register(fn: Resolver) -> Resolver:
        _PATTERNS.append((re.compile(regex), fn))
        return fn

    return register


def _month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The year for a day-month that puts it nearest ``ref``, days ahead weighing :data:`FUTURE_PENALTY`."""
    best: tuple[int, dt.date] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = _safe_date(y, month, day)
        if d is None:
            continue
        delta = (d - ref).days
        cost = delta * FUTURE_PENALTY if delta > 0 else -delta
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


def _day_month(day: int, month: int, year: str | None, ref: dt.date | None) -> tuple[dt.date | None, bool]:
    if year:
        y = int(year)
        return (_safe_date(y, month, day) if MIN_YEAR <= y <= MAX_YEAR else None), False
    return (_nearest_year(month, day, ref) if ref else None), True


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)


def _shift_months(y: int, m: int, n: int) -> tuple[int, int]:
    index = y * 12 + (m - 1) + n
    return index // 12, index % 12 + 1


# ------------------------------------------------------------------------------------------------ patterns
@_pattern(rf"(?P<d>{_B_DIGIT}\d?)\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}){_E}")
def _numeric(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (d, d, "day", False) if d and MIN_YEAR <= d.year <= MAX_YEAR else None


@_pattern(rf"(?P<y>{_B_DIGIT}\d{{3}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_E}")
def _iso(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (d, d, "day", False) if d else None


@_pattern(
    rf"{_B}(?:(?:{_ci('з|із|зі|с|от|від|from')})\s+)?(?P<d1>\d{{1,2}})\s+(?P<m1>{_M})(?:{_DASH}|\s+(?:по|до|to)\s+)"
    rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{_M}){_YEAR}{_E}"
)
def _cross_month_range(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    end, relative = _day_month(int(m["d2"]), _month_of(m["m2"]), m["year"], ref)
    if end is None:
        return None, None, "day", relative
    m1 = _month_of(m["m1"])
    start = _safe_date(end.year - (m1 > end.month), m1, int(m["d1"]))
    return start, end, "day", relative


@_pattern(
    rf"{_B}(?:(?:{_ci('з|із|зі|с|от|від|from')})\s+)?(?P<d1>\d{{1,2}})(?:{_DASH}|\s+(?:по|до|to)\s+)(?P<d2>\d{{1,2}})\s+"
    rf"(?P<m>{_M}){_YEAR}{_E}"
)
def _day_range(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    month = _month_of(m["m"])
    start, relative = _day_month(int(m["d1"]), month, m["year"], ref)
    end = _safe_date(start.year, month, int(m["d2"])) if start else None
    if start and (end is None or end < start):
        return None
    return start, end, "day", relative


@_pattern(
    rf"{_B}(?:(?P<wd>{_W}),?\s+)?(?P<d>\d{{1,2}})(?:-?(?:го|е|ого|th|st|nd|rd))?\s+(?P<m>{_M}){_YEAR}{_E}"
)
def _day_month_year(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    d, relative = _day_month(int(m["d"]), _month_of(m["m"]), m["year"], ref)
    if d is None and not relative:
        return None
    return d, d, "day", relative


@_pattern(
    rf"{_B}(?:(?P<wd>{_W}),?\s+)?(?P<m>{_M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?{_E}"
)
def _english_month_day(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    if not m["m"][0].isupper() or not m["m"].isascii():
        return None  # "May 5" yes; Cyrillic "травня 5" is not a date shape
    d, relative = _day_month(int(m["d"]), _month_of(m["m"]), m["year"], ref)
    if d is None and not relative:
        return None
    return d, d, "day", relative


@_pattern(rf"{_B}(?P<m>{_M})\s+(?:of\s+)?(?P<year>\d{{4}})(?:\s*{YEAR_WORDS})?{_E}")
def _month_year(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    y, month = int(m["year"]), _month_of(m["m"])
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    return dt.date(y, month, 1), _month_end(y, month), "month", False


@_pattern(
    rf"{_B}(?:(?:{_ci(MONTH_PREPOSITIONS)})\s+)"
    rf"(?P<m>{_M}){_E}"
)
def _month_alone(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    word = m["m"].lower().rstrip(".")
    if word == "may" and not m["m"][0].isupper():
        return None  # the English modal verb
    if m["m"].isascii() and not m["m"][0].isupper():
        return None
    if ref is None:
        return None, None, "month", True
    month = _month_of(word)
    anchor = _nearest_year(month, 1, ref.replace(day=1))
    if anchor is None:
        return None
    return anchor, _month_end(anchor.year, month), "month", True


@_pattern(rf"(?P<y1>{_B_DIGIT}\d{{3}}){_DASH}(?P<y2>\d{{4}})\s*{YEAR_WORDS}")
def _year_range(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not (MIN_YEAR <= y1 < y2 <= MAX_YEAR):
        return None
    return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year", False


@_pattern(
    rf"{_B}(?:(?:{_ci('in|since|of|by')})\s+)?(?P<y>\d{{4}})(?:\s*{YEAR_WORDS}|(?<=\d{{4}})(?=\s*(?:year)))"
)
def _year(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    y = int(m["y"])
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", False


@_pattern(rf"{_B}(?:{_ci('in|since|by|until')})\s+(?P<y>(?:19|20)\d{{2}}){_E}")
def _english_year(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    y = int(m["y"])
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", False


@_pattern(rf"{_B}(?P<w>{_alt(RELATIVE_DAYS)}){_E}")
def _relative_day(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    if ref is None:
        return None, None, "day", True
    d = ref + dt.timedelta(days=RELATIVE_DAYS[m["w"].lower()])
    return d, d, "day", True


@_pattern(rf"{_B}(?P<w>{_alt(ANAPHORIC_DAYS)}){_E}")
def _anaphoric_day(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    return ref, ref, "day", True  # re-resolved in find_dates against the last date mentioned


@_pattern(rf"{_B}(?P<w>{_alt(ONE_WORD_YEARS)}){_E}")
def _one_word_year(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    if ref is None:
        return None, None, "year", True
    y = ref.year + ONE_WORD_YEARS[m["w"].lower()]
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", True


@_pattern(rf"{_B}(?:(?:{_ci('на|в|у|во')})\s+)?(?P<s>{_alt(SHIFT_WORDS)})\s+(?P<u>{_alt(UNITS)}){_E}")
def _shifted_period(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    unit = UNITS[m["u"].lower()]
    if unit == "day":
        return None
    if ref is None:
        return None, None, unit, True  # type: ignore[return-value]
    return (*_period(unit, SHIFT_WORDS[m["s"].lower()], ref), unit, True)


@_pattern(rf"{_B}(?:(?:{_ci('у|в|во|on')})\s+)?(?:(?P<s>{_alt(SHIFT_WORDS)})\s+)?(?P<wd>{_W}){_E}")
def _weekday(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    if m["wd"].isascii() and not m["wd"][0].isupper():
        return None
    if ref is None:
        return None, None, "day", True
    target = WEEKDAYS[m["wd"].lower()]
    shift = SHIFT_WORDS.get((m["s"] or "").lower(), 0)
    back = (ref.weekday() - target) % 7
    if shift > 0:
        d = ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)
    elif shift < 0:
        d = ref - dt.timedelta(days=back or 7)
    else:
        d = ref - dt.timedelta(days=back)
    return d, d, "day", True


@_pattern(rf"{_B}(?:(?P<n>\d{{1,3}}|{_VAGUE_COUNTS})\s+)?(?P<u>{_alt(UNITS)})\s+(?:тому|назад|ago){_E}")
def _ago(m: re.Match[str], ref: dt.date | None):  # type: ignore[no-untyped-def]
    unit = UNITS[m["u"].lower()]
    if m["n"] and not m["n"].isdigit() and m["n"].lower() not in ("a", "an"):
        return None  # "кілька днів тому": too vague to resolve
    n = int(m["n"]) if m["n"] and m["n"].isdigit() else 1  # "тиждень тому", "a week ago"
    if ref is None:
        return None, None, unit, True  # type: ignore[return-value]
    if unit == "day":
        d = ref - dt.timedelta(days=n)
        return d, d, "day", True
    return (*_period(unit, -n, ref), unit, True)


def _period(unit: str, shift: int, ref: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar week / month / year ``shift`` units from the one containing ``ref``."""
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        y, m = _shift_months(ref.year, ref.month, shift)
        return dt.date(y, m, 1), _month_end(y, m)
    y = ref.year + shift
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


# ------------------------------------------------------------------------------------------------ API
#: The words (or digit shapes) each pattern cannot match without: a pattern whose triggers are not all
#: in a paragraph is not run. This is what keeps seventeen regular expressions cheap on ordinary
#: paragraphs: most have digits, few have a month, fewer a four-digit year next to "року"/"year".
_NEEDS: dict[str, tuple[str, ...]] = {
    "_numeric": ("year4",),
    "_iso": ("year4",),
    "_cross_month_range": ("digit", "month"),
    "_day_range": ("digit", "month"),
    "_day_month_year": ("digit", "month"),
    "_english_month_day": ("digit", "month_en"),
    "_month_year": ("year4", "month"),
    "_month_alone": ("month",),
    "_year_range": ("year4", "yearword"),
    "_year": ("year4", "yearword"),
    "_english_year": ("year4", "en_year_prep"),
    "_relative_day": ("relative",),
    "_one_word_year": ("oneyear",),
    "_shifted_period": ("shift", "unit"),
    "_weekday": ("weekday",),
    "_ago": ("unit", "ago"),
    "_anaphoric_day": ("anaphoric",),
}
_VOCABULARY: dict[str, frozenset[str]] = {
    "month": frozenset(MONTHS),
    "month_en": frozenset(m for m in MONTHS if m.isascii()),
    "weekday": frozenset({*WEEKDAYS, *(w.replace("’", "'") for w in WEEKDAYS)}),
    "relative": frozenset(RELATIVE_DAYS),
    "oneyear": frozenset(ONE_WORD_YEARS),
    "shift": frozenset(SHIFT_WORDS),
    "unit": frozenset(UNITS),
    "anaphoric": frozenset(w.split()[-1] for w in ANAPHORIC_DAYS),
    "en_year_prep": frozenset({"in", "since", "by", "until"}),
    "ago": frozenset({"тому", "назад", "ago"}),
}
TRIGGER_WORDS = frozenset().union(*_VOCABULARY.values())
#: word → the kinds it triggers
_KINDS: dict[str, frozenset[str]] = {
    w: frozenset(kind for kind, vocab in _VOCABULARY.items() if w in vocab) for w in TRIGGER_WORDS
}
_WORD_RE = re.compile(r"\w+(?:['’]\w+)?")
_DIGIT_RE = re.compile(r"\d")
_YEAR4_RE = re.compile(r"\d{4}")
#: The tail that "2014 року", "2014р.", "2014-2015 рр.", "2014 year" share: what _year and _year_range need.
_YEAR_WORD_RE = re.compile(rf"\d{{4}}\s*(?:{YEAR_WORDS}|year)")


#: Trigger words as the patterns can meet them (as written, Capitalised, UPPER: the patterns spell out
#: no other case) → kinds, for looking up a paragraph's tokens as they are.
_CASED_KINDS: dict[str, frozenset[str]] = {}
for _word, _kinds in _KINDS.items():
    for _variant in _cased(_word):
        _CASED_KINDS[_variant] = _CASED_KINDS.get(_variant, frozenset()) | _kinds


def trigger_words(text: str) -> frozenset[str]:
    """The date words (month names, "вчора", "тижня", …) that occur in ``text``, lower-case."""
    return TRIGGER_WORDS.intersection(_WORD_RE.findall(text.lower()))


def _word_kinds(text: str, words: Sequence[str] | None) -> tuple[set[str], str]:
    """The kinds of date words in ``text``, from its tokens ``words`` when the caller has them; and the
    text where digits can be: ``text`` itself, or its tokens that are not all letters (joined by spaces).

    A plain-letter token is looked up as it is; the others (hyphenated, with apostrophes, numbers,
    URLs) are split as a scan of the text would split them. Either way nothing a pattern could match
    is missed. Every digit of ``text`` is in such a token, and a run of digits never spans two tokens,
    so the short joined string answers "any digit?" and "four digits in a row?" as the text would.
    """
    found: set[str] = set()
    if words is None:
        for w in trigger_words(text):
            found |= _KINDS[w]
        return found, text
    for w in _CASED_KINDS.keys() & words:  # (probes the dict per word: no set of the words built)
        found |= _CASED_KINDS[w]
    rest = " ".join(filterfalse(str.isalpha, words))
    if rest:
        for w in TRIGGER_WORDS.intersection(_WORD_RE.findall(rest.lower())):
            found |= _KINDS[w]
    return found, rest


def _triggers(text: str, words: Sequence[str] | None = None) -> frozenset[str]:
    """Which kinds of date words (and digits, four-digit years, years with a year word) are in ``text``.

    Each kind is a superset of what its patterns need: a pattern is skipped only where it cannot match.
    """
    found, digits_in = _word_kinds(text, words)
    if _DIGIT_RE.search(digits_in):
        found.add("digit")
        if _YEAR4_RE.search(digits_in):
            found.add("year4")
            if _YEAR_WORD_RE.search(text):
                found.add("yearword")
    return frozenset(found)


def _candidates(text: str, ref: dt.date | None, present: frozenset[str]) -> Iterator[_Found]:
    for regex, resolve, needs in _COMPILED:
        if not needs <= present:
            continue
        for m in regex.finditer(text):
            result = resolve(m, ref)
            if result is None:
                continue
            begin, finish, precision, relative = result
            shift = ANAPHORIC_DAYS[" ".join(m["w"].lower().split())] if resolve is _anaphoric_day else None
            yield _Found(m.start(), m.end(), begin, finish, precision, relative, shift)


_COMPILED = [(regex, resolve, frozenset(_NEEDS[resolve.__name__])) for regex, resolve in _PATTERNS]

_LEADING_PREPOSITION = re.compile(
    r"^(?:у|в|во|on|in|на|з|із|зі|с|от|від|from|since|of|by|until)\s+", re.IGNORECASE
)


def is_anchor(
    begin: dt.date | None, finish: dt.date | None, precision: str, published: dt.date | None
) -> bool:
    """Can "наступного дня" count from this date? A past (or undated-article) single day can; a
    deadline ahead ("до 29 березня 2019 року") is not where a narrative stands."""
    if precision != "day" or begin is None or begin != finish:
        return False
    return published is None or begin <= published


def find_dates(
    text: str, published: dt.date | None = None, offset: int = 0, anchor: dt.date | None = None
) -> list[DateMention]:
    """Every date expression in ``text``, longest first where they overlap, in text order.

    ``anchor`` is the last day the text mentioned before ``text`` (for "наступного дня"); the
    publication date stands in when there is none.
    """
    return _find(text, published, offset, anchor, _triggers(text))


def find_article_dates(
    text: str,
    segments: Sequence[tuple[int, int]],
    published: dt.date | None = None,
    words: Sequence[Sequence[str]] | None = None,
) -> list[DateMention]:
    """The date expressions of an article's title and paragraphs (``segments`` of ``text``), in order.

    No expression spans two paragraphs. "Наступного дня" counts from the last past day mentioned
    before it, in its own paragraph or an earlier one. ``words``, the tokens of each segment if the
    caller has them, spare a second scan of the text for the words that select the patterns to run.
    """
    mentions: list[DateMention] = []
    anchor: dt.date | None = None
    for n, (s, e) in enumerate(segments):
        segment = text[s:e]
        present = _triggers(segment, words[n] if words is not None else None)
        if not present:
            continue
        found = _find(segment, published, s, anchor, present)
        for d in reversed(found):
            if is_anchor(d.start, d.end, d.precision, published):
                anchor = d.start
                break
        mentions.extend(found)
    return mentions


def _find(
    text: str, published: dt.date | None, offset: int, anchor: dt.date | None, present: frozenset[str]
) -> list[DateMention]:
    if not present:
        return []
    anchor = anchor or published
    chosen: list[_Found] = []
    for f in sorted(_candidates(text, published, present), key=lambda f: (f.start - f.end, f.start)):
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    mentions = []
    for f in sorted(chosen, key=lambda f: f.start):
        begin, finish = f.begin, f.finish
        if f.shift is not None:
            begin = finish = anchor + dt.timedelta(days=f.shift) if anchor else None
        if is_anchor(begin, finish, f.precision, published):
            anchor = begin
        start = f.start
        lead = _LEADING_PREPOSITION.match(text[f.start : f.end])
        if lead and f.precision != "month":  # "у січні" keeps its preposition: it is what makes it a date
            start += lead.end()
        surface = text[start : f.end].rstrip(",")
        mentions.append(
            DateMention(
                surface,
                Span(offset + start, offset + start + len(surface)),
                begin,
                finish,
                f.precision,
                f.relative,
            )
        )
    return mentions

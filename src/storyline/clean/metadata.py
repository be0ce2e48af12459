"""Metadata the text itself carries when the source gives none: outlet header, dateline, lead dates.

- Header lines: "Київ • УНН" (place • outlet) above the text.
- Datelines: "КИЇВ. 1 лютого. УНН.", "МОСКВА, 8 ноября — РИА Новости.", "ЛОНДОН, 9 июл ПРАЙМ.",
  "KYIV, Feb 1 (Reuters) -". They give place, day and month, the agency, rarely the year; they are cut
  from the body text (and recorded as a Change).
- Lead dates: "У вівторок, 1 лютого" — a weekday with a date pins the year: 1 February was a Tuesday in
  2022 (and 2011, 2005 …), so the year is the candidate closest to the years the text mentions, else the
  latest that is not in the future. The precision says "day"; the source says how we know.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyline import calendar
from storyline.clean.outlets import outlet_by_alias

#: Month forms of datelines and lead dates: names, genitives ("1 лютого") and abbreviations ("9 июл").
MONTHS: dict[str, int] = calendar.select(calendar.MONTH_WORDS, ("nominative", "genitive", "abbreviation"))
#: Weekday forms of lead dates ("У вівторок, 1 лютого"): names and accusatives, and the genitive of
#: the masculine days ("понеділка"), as this rule has always had them.
WEEKDAYS: dict[str, int] = {
    **calendar.select(calendar.WEEKDAY_WORDS, ("nominative", "accusative"), exclude=("п’ятниця",)),
    **{
        form: day
        for form, day in calendar.select(calendar.WEEKDAY_WORDS, ("genitive",), ("uk",)).items()
        if day in (0, 1, 3)
    },
}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))
_UPPER = "A-ZА-ЯІЇЄҐЁ"

# Place in capitals, then day and month, optional year, then optional agency token(s) in capitals.
DATELINE = re.compile(
    rf"^(?P<place>[{_UPPER}][{_UPPER}'’\- ]{{1,40}}?)[.,]\s+(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_RE})\.?"
    rf"(?:\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:р\.|року|г\.|года))?)?"
    rf"(?:\s*[.,]|\s+[–—-])?\s*"
    rf"(?:(?P<agency>(?:[{_UPPER}][{_UPPER}\w.\-]*?)(?:[ -][{_UPPER}][\w\-]*)?)\s?[.,]?\s+(?=[{_UPPER}«\"“0-9]))?",
    re.IGNORECASE,
)
EN_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,40}),\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})"
    r"(?:,\s+(?P<year>(?:19|20)\d\d))?\s*\((?P<agency>[A-Za-z .-]+)\)\s*[-–—]\s*"
)
HEADER = re.compile(r"^(?P<place>[^\W\d][\w'’\- ]{1,40}?)\s*[•·|]\s*(?P<outlet>[\w.\- ]{2,40})$")
LEAD_WEEKDAY_DATE = re.compile(
    rf"\b(?P<weekday>{_WEEKDAY_RE}),?\s+(?P<day>\d{{1,2}})(?:-го)?\s+(?P<month>{_MONTH_RE})\b"
    rf"(?:\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
YEAR_MENTION = re.compile(r"\b((?:19|20)\d\d)\b")


@dataclass(slots=True)
class Dateline:
    place: str
    day: int
    month: int
    year: int | None
    agency: str | None
    end: int  # where the dateline ends in the paragraph


@dataclass(slots=True)
class Header:
    place: str
    outlet: str


def parse_header(line: str) -> Header | None:
    """ "Київ • УНН" → place Київ, outlet UNN — only when the right side is a known outlet."""
    m = HEADER.match(line.strip())
    if not m:
        return None
    outlet = outlet_by_alias(m["outlet"])
    if outlet is None:
        return None
    return Header(m["place"].strip(), outlet.name)


def _is_agency(token: str) -> bool:
    t = token.strip(" .,")
    return bool(t) and (outlet_by_alias(t) is not None or (t.isupper() and 2 <= len(t) <= 12))


def parse_dateline(paragraph: str) -> Dateline | None:
    m = DATELINE.match(paragraph)
    if m and m["place"].strip().isupper() and MONTHS.get(m["month"].lower()):
        agency = m["agency"]
        end = m.end()
        if agency and not _is_agency(agency):
            # "ТАСС, 24 ноября. Правоохранительные …": the capitalised word begins the sentence.
            end = m.start("agency")
            agency = None
        place = m["place"].strip()
        if agency is None and outlet_by_alias(place) is not None:
            agency = place  # the agency stands in the place slot: "ТАСС, 24 ноября."
        return Dateline(
            place,
            int(m["day"]),
            MONTHS[m["month"].lower()],
            int(m["year"]) if m["year"] else None,
            agency.strip(" .,") if agency else None,
            end,
        )
    m = EN_DATELINE.match(paragraph)
    if m and MONTHS.get(m["month"].lower()):
        return Dateline(
            m["place"].strip(),
            int(m["day"]),
            MONTHS[m["month"].lower()],
            int(m["year"]) if m["year"] else None,
            m["agency"].strip(),
            m.end(),
        )
    return None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def choose_year(
    month: int,
    day: int,
    *,
    weekday: int | None,
    mentioned_years: list[int],
    year_range: tuple[int, int],
) -> tuple[int | None, str]:
    """The year for a day-month, and how it was chosen ("weekday", "weekday+text", "text", "assumed")."""
    low, high = year_range
    candidates = [y for y in range(low, high + 1) if _valid(y, month, day)]
    if weekday is not None:
        candidates = [y for y in candidates if dt.date(y, month, day).weekday() == weekday]
        if not candidates:
            return None, "none"
        if mentioned_years:
            anchor = max(y for y in mentioned_years)
            return min(candidates, key=lambda y: (abs(y - anchor), -y)), "weekday+text"
        return max(candidates), "weekday"
    plausible = [y for y in mentioned_years if low <= y <= high and _valid(y, month, day)]
    if plausible:
        return max(plausible), "text"
    return (high if _valid(high, month, day) else None), "assumed"


def mentioned_years(texts: list[str], year_range: tuple[int, int]) -> list[int]:
    low, high = year_range
    return [int(y) for t in texts for y in YEAR_MENTION.findall(t) if low <= int(y) <= high]


def lead_weekday_date(text: str) -> tuple[int, int, int, int | None] | None:
    """(weekday, day, month, year or None) from "У вівторок, 1 лютого" in the lead."""
    m = LEAD_WEEKDAY_DATE.search(text)
    if not m:
        return None
    return (
        WEEKDAYS[m["weekday"].lower()],
        int(m["day"]),
        MONTHS[m["month"].lower()],
        int(m["year"]) if m["year"] else None,
    )


_UK_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RU_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[а-яА-Я]")
_LATIN = re.compile(r"[a-zA-Z]")
LANGUAGE_SAMPLE_CHARS = 4000  # the script of a news article is settled by its first few paragraphs


def guess_language(text: str) -> str | None:
    """A cheap script-based guess used at ingest; the analyze stage decides with lingua.

    Ukrainian-only letters (і ї є ґ) versus Russian-only ones (ы э ъ ё) separate the two in almost all
    news text; Latin-only text is taken as English. Ambiguous text stays None.
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    uk = len(_UK_LETTERS.findall(sample))
    ru = len(_RU_LETTERS.findall(sample))
    cyr = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if cyr < 20 and latin > 50:
        return "en"
    if uk > 3 * max(ru, 1) and uk >= 3:
        return "uk"
    if ru > 3 * max(uk, 1) and ru >= 3:
        return "ru"
    return None

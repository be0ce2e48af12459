"""English mentions: capitalised word runs, typed by the gazetteer and a few cue words.

English is the third language of the corpus and a small share of it, so this stays modest (README says
so): a run of capitalised words that does not start a sentence (or is a known name when it does) is a
mention; its type comes from the gazetteer, else from cue words ("Ministry" -> ORG, "in"/"from" before
it -> LOC), else PER for two- or three-word runs.
"""

from __future__ import annotations

from storyline.entities.linking import gazetteer_lookup
from storyline.model import Token

_ORG_CUES = frozenset(
    [
        "party",
        "ministry",
        "council",
        "union",
        "organization",
        "organisation",
        "commission",
        "parliament",
        "court",
        "university",
        "bank",
        "agency",
        "department",
        "committee",
        "congress",
        "senate",
        "office",
        "company",
        "inc",
        "corp",
        "ltd",
        "group",
        "news",
        "times",
        "post",
        "institute",
        "foundation",
        "association",
        "federation",
        "army",
        "police",
    ]
)
_LOC_CUES = frozenset({"in", "from", "to", "at", "near", "across"})
_CONNECTORS = frozenset({"of", "de", "van", "von", "al", "bin"})
_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "I",
        "We",
        "You",
        "He",
        "She",
        "It",
        "They",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "In",
        "On",
        "At",
        "For",
        "From",
        "To",
        "By",
        "With",
        "As",
        "After",
        "Before",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)


def english_spans(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """``(first token, last token + 1, type)`` of each mention in one sentence's tokens."""
    out = []
    i, n = 0, len(tokens)
    while i < n:
        if not _cap(tokens[i].text) or tokens[i].text in _STOP:
            i += 1
            continue
        j = i + 1
        while j < n and (
            _cap(tokens[j].text) or (tokens[j].text in _CONNECTORS and j + 1 < n and _cap(tokens[j + 1].text))
        ):
            j += 1
        text = " ".join(t.text for t in tokens[i:j])
        kind = _type(text, tokens[i - 1].text.lower() if i else "", j - i)
        if kind and (i > 0 or kind != "PER" or j - i > 1):
            out.append((i, j, kind))
        i = j
    return out


def _cap(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _type(text: str, before: str, length: int) -> str | None:
    for kind in ("LOC", "ORG", "PER"):
        if gazetteer_lookup(kind, text):
            return gazetteer_lookup(kind, text).type  # type: ignore[union-attr]
    if any(w.lower() in _ORG_CUES for w in text.split()) or (text.isupper() and len(text) > 1):
        return "ORG"
    if before in _LOC_CUES and length <= 2:
        return "LOC"
    if 2 <= length <= 3:
        return "PER"
    return None

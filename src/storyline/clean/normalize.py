"""Unicode normalisation that later stages can rely on, each change recorded.

What changes: mojibake (ftfy, e.g. UTF-8 read as cp1251 "Ð¡Ð¨Ð" → "США"), NBSP and other odd spaces →
space, soft hyphens and zero-width characters removed, exotic hyphens/dashes folded (U+2010/2011 → "-",
U+2012 → "–", U+2015 → "—"), runs of spaces collapsed, NFC. What does not change: the typographic
quotes («», “”, „“) and en/em dashes, because quote and speaker extraction read them.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
import ftfy.badness

from storyline.model import Change

# Cheap gate before ftfy's own (slower) badness check: UTF-8 read as Latin-1 leaves "Ã"/"Ð" + a
# Latin-1 symbol; UTF-8 read as cp1251 leaves "Р"/"С" + a rare cp1251 symbol ("РЎРЁРђ" for "США").
_MOJIBAKE_HINT = re.compile(r"[ÃÂÐÑ][\x80-\xbf]|[РС][ЂЃѓЉЊЌЋЏђљњќћџЎўЈҐЁЄЇІ€‚„…†‡‰‹›™№]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_DASH_MAP = {"\u2010": "-", "\u2011": "-", "\u2012": "–", "\u2015": "—", "\u2212": "-"}
_DASHES = re.compile("[" + "".join(_DASH_MAP) + "]")
_MULTISPACE = re.compile(r" {2,}")
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=True,
    fix_character_width=True,
    normalization="NFC",
    explain=False,
)


def normalize_text(text: str, where: str, changes: list[Change]) -> str:
    """Normalise one line of text, appending a Change for each kind of edit made."""
    original = text
    suspicious = _MOJIBAKE_HINT.search(text) is not None and ftfy.badness.is_bad(text)
    fixed = ftfy.fix_text(text, config=_FTFY_CONFIG) if suspicious else text
    if fixed != text:
        changes.append(Change("normalize:mojibake", where, text[:80], fixed[:80]))
        text = fixed
    for pattern, replacement, rule in (
        (_INVISIBLE, "", "normalize:invisible"),
        (_SPACES, " ", "normalize:spaces"),
    ):
        new = pattern.sub(replacement, text)
        if new != text:
            changes.append(Change(rule, where, _first_diff(text, new), "", _diff_offset(text, new)))
            text = new
    new = _DASHES.sub(lambda m: _DASH_MAP[m.group()], text)
    if new != text:
        changes.append(Change("normalize:dashes", where, _first_diff(text, new), "", _diff_offset(text, new)))
        text = new
    new = _MULTISPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if new != text and new != text.strip():
        changes.append(Change("normalize:whitespace", where, "", "", 0))
    text = new
    return text if text != original else original


def _diff_offset(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def _first_diff(a: str, b: str) -> str:
    i = _diff_offset(a, b)
    return a[max(0, i - 10) : i + 10]

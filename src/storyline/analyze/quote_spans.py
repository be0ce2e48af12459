"""Where quoted speech sits in an article, before anyone asks who said it.

Text-level only (no tokens, no morphology): quote marks paired into spans, including the shapes real
news and its scrapes produce that a per-paragraph pairing misses:

- a quote that runs over several paragraphs and closes in a later one («… ¶ … ¶ …», - розповідають);
- a quote reopened without being closed ("… thing. “The opponent … Riccini. “Our coaches …”");
- a quote opened and never closed before its attribution ("Нинішня ситуація …, - сказав Масіх.");
- dash dialogue: a line that opens with a dash ("— Ми обліковуємо …") and the attribution that
  interrupts a quote ("«Генічани вже полюбили Алею казок, — говорить Олександр Тулупов. — А якщо …»").

Spans are ``(open, close)`` with the inner text ``text[open + 1 : close]``: ``open`` is the opening
mark (or the character before a dialogue line's first word), ``close`` the closing mark or, for a
quote cut short, the position where its inner text ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Lines: paragraphs, and the carriage-return breaks that some scrapes use inside one.
LINE_RE = re.compile(r"[^\r\n]+")
MARK_RE = re.compile('[«»„“”"]')
#: How many lines further a quote left open may close ("«…¶…¶…»").
MAX_QUOTE_LINES = 4
#: The dashes news sets before an attribution or a dialogue line: em and en dash, hyphen, and the
#: non-breaking hyphen and figure dash some outlets' editors put there ("‑ рассказывает Черняев. ‑").
DASHES = "—–‑‒-"
_DASH = f"[{DASHES}]"
#: A dialogue line: a dash, then the words ("— Ми обліковуємо", "- А вже у неділю").
DASH_LINE_RE = re.compile(rf"{_DASH}[\s\xa0]+(?=\w)")
_SPACE = r"[\s\xa0]*"
_ATTRIBUTION = r"(?P<attr>[^—–‑‒«»“”„\"\r\n]{3,120}?)"
#: An attribution inside a quote, between two dashes: "…, — говорить Олександр Тулупов. — …".
#: (an em or en dash may touch the next word: "…, –сказала она. –Вы понимаете?", "–отметил Шаймер")
_AFTER_DASH = r"(?:(?<=[—–])(?=[^\W\d_])|[\s\xa0]+)"
INTERRUPT_RE = re.compile(
    rf"(?<=[,!?…]){_SPACE}{_DASH}{_AFTER_DASH}{_ATTRIBUTION}[.,:]{_SPACE}{_DASH}{_AFTER_DASH}(?=\S)"
)
#: An attribution closing a dialogue line: "…, — зазначає Лариса Масюк."
TRAILING_RE = re.compile(rf"(?<=[,!?…]){_SPACE}{_DASH}{_AFTER_DASH}{_ATTRIBUTION}[.!]?{_SPACE}$")
#: Where a quote left open is followed by its attribution in the same line: "…місце, - сказав".
OPEN_CUE_RE = re.compile(rf",{_SPACE}{_DASH}[\s\xa0]+(?=\w)")


@dataclass(slots=True)
class QuoteMarks:
    """Quote spans of an article and the quotes left open at a line end that no closer matched."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    open_ends: list[tuple[int, int]] = field(default_factory=list)  # (opening mark, its line's end)


def lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` of each line of ``text[start:end]``, outer whitespace stripped."""
    if text.find("\n", start, end) < 0 and text.find("\r", start, end) < 0:
        piece = text[start:end]  # (one line, as paragraphs mostly are)
        stripped = piece.strip()
        if not stripped:
            return []
        a = start + len(piece) - len(piece.lstrip())
        return [(a, a + len(stripped))]
    out = []
    for m in LINE_RE.finditer(text, start, end):
        piece = m.group()
        stripped = piece.strip()  # (at C speed, by the same str.isspace test)
        if stripped:
            a = m.start() + len(piece) - len(piece.lstrip())
            out.append((a, a + len(stripped)))
    return out


def _opening(text: str, i: int, start: int, end: int) -> bool:
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    return (prev.isspace() or prev in "([:«" or prev in DASHES) and not nxt.isspace()


def _reopens(text: str, i: int, start: int, opened: int) -> bool:
    """A “ after “…. with no closer: the writer reopened the quote for a new paragraph-like run."""
    before = text[opened + 1 : i].rstrip()
    return i > start and text[i - 1].isspace() and before[-1:] in (".", "!", "?", "…")


def scan(text: str, line_spans: list[tuple[int, int]]) -> QuoteMarks:
    """Pair the quote marks of the article's lines into outermost spans.

    Within a line the rules are those of the usual pairing: «/„ open, » closes «, “ closes „ or an
    open “ when glued to a word, ” closes “/„, a straight " opens after a space or bracket and closes
    elsewhere; nested quotes belong to the outer one. Across lines, an outer quote left open waits for
    a closer in the next few lines, unless the next line opens a quote of its own.
    """
    out = QuoteMarks()
    stack: list[tuple[str, int]] = []
    carried_from = -1  # index of the line where the quote now carried over was opened
    for n, (start, end) in enumerate(line_spans):
        if stack:
            first = text[start] if start < end else ""
            if n - carried_from > MAX_QUOTE_LINES or first in '«„“"':
                out.open_ends.append((stack[0][1], line_spans[n - 1][1]))
                stack = []
        for m in MARK_RE.finditer(text, start, end):
            i = m.start()
            ch = text[i]
            top = stack[-1][0] if stack else None
            if ch in "«„":
                stack.append((ch, i))
            elif ch == "»":
                if top == "«":
                    _close(stack, out.spans, i)
            elif ch == "“":
                prev = text[i - 1] if i > start else " "
                if top == "„" or (top == "“" and not (prev.isspace() or prev in "([")):
                    _close(stack, out.spans, i)
                elif top == "“" and len(stack) == 1 and _reopens(text, i, start, stack[0][1]):
                    _close(stack, out.spans, i - 1)  # inner text ends before the space
                    stack.append((ch, i))
                else:
                    stack.append((ch, i))
            elif ch == "”":
                if top in ("“", "„"):
                    _close(stack, out.spans, i)
            elif ch == '"':
                opening = _opening(text, i, start, end)
                if top == '"' and not opening:
                    _close(stack, out.spans, i)
                elif opening:
                    stack.append((ch, i))
        if stack and stack[0][1] >= start:
            carried_from = n  # opened in this line: may close in a later one
    if stack:
        out.open_ends.append((stack[0][1], line_spans[-1][1]))
    return out


def _close(stack: list[tuple[str, int]], spans: list[tuple[int, int]], i: int) -> None:
    _, opened = stack.pop()
    if not stack:
        spans.append((opened, i))


def interruptions(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Attributions between two dashes inside ``text[start:end]`` ("…, — каже X. — …")."""
    return list(INTERRUPT_RE.finditer(text, start, end))


def trailing_attribution(text: str, start: int, end: int) -> re.Match[str] | None:
    """The attribution that ends a dialogue line ("…, — зазначає Лариса Масюк.")."""
    return TRAILING_RE.search(text, start, end)


def piece_end(text: str, cut: int) -> int:
    """Where a quoted piece ends before an attribution: before the comma, after a ! or ?."""
    return cut - 1 if text[cut - 1] == "," else cut


def dash_line(text: str, start: int, end: int) -> int | None:
    """The start of a dialogue line's words, or None when the line does not open with a dash."""
    m = DASH_LINE_RE.match(text, start, end)
    return m.end() if m else None

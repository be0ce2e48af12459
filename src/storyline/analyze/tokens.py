"""A fast rule-based tokenizer and sentence splitter for news text in Ukrainian, Russian and English.

Why not tokenize-uk/razdel in the hot path: they are correct but slow (tokenize-uk ≈ 130 articles/s
here, the whole analysis must run at ≥ 300/s), they normalise characters so their tokens lose offsets,
and they split what news needs kept together: tokenize-uk cuts the dateline "КИЇВ. 1 лютого. УНН." into
three sentences. The rules below handle what real news breaks on — datelines, initials ("В. Зеленський",
"Дж. Байден"), abbreviations that never end a sentence ("ст.", "т. зв.", "вул."), quotes closed after a
full stop and followed by the attribution ("…НАТО», — заявив Блінкен") — and tests compare them with
tokenize-uk on real articles.

Every token and sentence is a ``[start, end)`` span into the text it was given, so callers can add the
paragraph's offset in :attr:`Article.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Tokens other than URLs and e-mail addresses: numbers, words, punctuation.
_PLAIN_TOKEN = r"""
    \d+(?:[.,:]\d+)*(?![\w'’ʼ])            # number: 10, 1,5, 01.02.2022, 10:30
    | \w+(?:['’ʼ`‐-]\w+)*                   # word, with inner hyphens and apostrophes
    | \.\.\.|[!?]+|\S                       # punctuation
"""
TOKEN_RE = re.compile(
    rf"""
    (?:https?://|www\.)[^\s«»"“”]+[\w/]     # URL
    | [\w.+-]+@\w+(?:\.\w+)+                # e-mail
    | {_PLAIN_TOKEN}
    """,
    re.VERBOSE,
)

#: :data:`TOKEN_RE` as one capturing group, for ``split``: the parts alternate between the text between
#: tokens and the tokens, so every offset follows from the parts' lengths at C speed (the analyzer's
#: hot loop uses it instead of a match object per token).
TOKEN_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})", re.VERBOSE)
#: The same without the URL and e-mail alternatives, for text with no "@", "://" or "www." (where
#: those cannot match): a quarter faster, as the e-mail one otherwise scans every word before failing.
#: Written to match exactly what :data:`_PLAIN_TOKEN` matches, but starting with the one character
#: every token starts with (``\S``), the rest of each alternative chosen by a look-behind at it: a
#: pattern that starts with a character class lets the regex engine skip the spaces between tokens
#: in C instead of trying five alternatives at each (a tenth faster).
_PLAIN_SPLIT_RE = re.compile(
    r"""(\S(?:
          (?<=\d)\d*(?:[.,:]\d+)*(?![\w'’ʼ])    # number (its first digit read)
        | (?<=\w)\w*(?:['’ʼ`‐-]\w+)*           # word
        | (?<=\.)\.\.                          # "..."
        | (?<=[!?])[!?]*                       # "?!"
        |                                      # any other character alone
    ))""",
    re.VERBOSE,
)


def split_tokens(text: str) -> list[str]:
    """``[gap, token, gap, token, …, gap]``: the tokens of :data:`TOKEN_RE` and the text between them."""
    if "@" in text or "://" in text or "www." in text:
        return TOKEN_SPLIT_RE.split(text)
    return _PLAIN_SPLIT_RE.split(text)


#: Terminal punctuation, then closing quotes or brackets, then the space before the next sentence.
BOUNDARY_RE = re.compile(r"[.!?…]+[\"»”“'’)\]]*(?=\s)")
OPENING = "«„“\"'(["
DASHES = "—–-"

#: Words that a full stop never ends a sentence after (lower-case, without the dot): abbreviations that
#: precede a number or a name ("ст. 15", "вул. Хрещатик", "проф. Іваненко", "т. зв.").
NO_SPLIT_ABBREVIATIONS = frozenset(
    str.split("""
    ст вул просп пл бульв пров обл р-н р-ну смт ім проф акад доц д-р канд див напр гр ген св зв
    англ нім рос укр лат фр заст тел пн пд сх зх арт мкр ул им см тов г-н г-жа пер
    mr mrs ms dr st jr sr vs prof gen sen rep gov lt col sgt capt no fig approx
    """)
)
#: Two-letter initials of transliterated first names: "Дж. Байден", "Ch. Michel".
INITIAL_DIGRAPHS = frozenset({"Дж", "Ж", "Ст", "Вл", "Ал", "Ch", "Th", "Ph", "Sh", "Ya", "Yu"})
#: "т. д.", "т. п." close enumerations and do end sentences, unlike other one-letter abbreviations.
ENUMERATION_END_RE = re.compile(r"(?:^|\s)т\.\s?[дп]\.$|(?:^|\s)и\s?т\.\s?[дп]\.$|\betc\.$")

#: A news agency dateline at the start of a paragraph: "КИЇВ. 1 лютого. УНН.", "Київ, 1 лютого.
#: Укрінформ.", "МОСКВА, 1 февраля — РИА Новости." It is no sentence at all: it opens the first one.
DATELINE_RE = re.compile(
    r"""^(?P<city>[A-ZА-ЯІЇЄҐЁ][\w'’ -]{1,30}?)[.,]\s+
        \d{1,2}\s+[^\W\d]{3,12}\.?\s*(?:[.,—–-]\s*)?
        (?P<agency>[A-ZА-ЯІЇЄҐЁ][\w'’ -]{1,25}?)\.(?=\s|$)""",
    re.VERBOSE,
)


def tokenize(text: str, offset: int = 0) -> Iterator[tuple[str, int, int]]:
    """(token, start, end) for every word, number and punctuation mark in ``text``."""
    for m in TOKEN_RE.finditer(text):
        yield m.group(), m.start() + offset, m.end() + offset


def _word_before(text: str, pos: int) -> str:
    """The word that ends right before ``pos`` (the full stop): letters, digits and inner hyphens."""
    start = pos
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        start -= 1
    return text[start:pos]


def _dateline_end(text: str) -> int:
    m = DATELINE_RE.match(text)
    if not m:
        return 0
    city, agency = m.group("city"), m.group("agency")
    # Either the city or the agency is written in capitals ("КИЇВ", "УНН"): that is what tells a
    # dateline from an ordinary short sentence starting with a place name.
    if city.upper() == city or agency.upper() == agency:
        return m.end()
    return 0


_NON_SPACE_RE = re.compile(r"\S")


def _is_boundary(text: str, match: re.Match[str], sentence_start: int) -> bool:
    # the next non-space character, found without copying the rest of the paragraph
    found = _NON_SPACE_RE.search(text, match.end())
    if found is None:
        return True
    after_next = found.end()
    nxt = text[after_next - 1]
    punct = match.group()
    closed_quote = punct[-1] not in ".!?…"
    if nxt.islower() or nxt in ",;:)":
        return False
    if nxt in DASHES:
        # "…НАТО», — заявив Блінкен": the attribution belongs to the quoted sentence.
        after = _NON_SPACE_RE.search(text, after_next)
        return not (closed_quote or after is None or text[after.start()].islower())
    if not (nxt.isupper() or nxt.isdigit() or nxt in OPENING):
        return False
    if punct[0] != "." or punct.startswith(".."):
        return True
    word = _word_before(text, match.start())
    if not word:
        return True
    if word.isdigit() and not text[sentence_start : match.start() - len(word)].strip():
        return False  # a list marker "1. …"
    if (len(word) == 1 and word.isupper()) or word in INITIAL_DIGRAPHS:
        return not nxt.isupper()  # "В. Зеленський", "Дж. Байден", "U.S. President"
    lower = word.lower()
    if len(word) == 1 and word.islower():
        return bool(ENUMERATION_END_RE.search(text[sentence_start : match.start() + 1]))
    return lower not in NO_SPLIT_ABBREVIATIONS


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of one paragraph (never across paragraphs)."""
    spans: list[tuple[int, int]] = []
    start = 0
    dateline = _dateline_end(text)
    quotes: list[tuple[int, int]] | None = None  # paired when a paragraph has a boundary to check
    for m in BOUNDARY_RE.finditer(text, dateline):
        if quotes is None:
            quotes = _quoted_spans(text, 0, len(text))
        if quotes and any(o < m.start() and m.end() <= c for o, c in quotes):
            continue  # «Він - моя скеля. Дуже важливо…» is one quotation: one sentence with its attribution
        if _is_boundary(text, m, start):
            _append(spans, text, start, m.end(), offset)
            start = m.end()
    _append(spans, text, start, len(text), offset)
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int, offset: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((offset + start, offset + end))


_QUOTE_MARK_RE = re.compile('[«»„“”"]')


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Outermost ``(open, close)`` positions of quote marks in ``text[start:end]`` (one paragraph).

    Nested quotes («…«відкритих дверей» НАТО») belong to the outer one. A straight " opens after a
    space or bracket and closes elsewhere. Unclosed quotes are dropped.
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_MARK_RE.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        top = stack[-1][0] if stack else None
        if ch == "«" or ch == "„":
            stack.append((ch, i))
        elif ch == "»":
            if top == "«":
                _close(stack, spans, i)
        elif ch == "“":
            if top == "„" or (top == "“" and not (prev.isspace() or prev in "([")):
                _close(stack, spans, i)
            else:
                stack.append((ch, i))
        elif ch == "”":
            if top in ("“", "„"):
                _close(stack, spans, i)
        elif ch == '"':
            opening = (prev.isspace() or prev in "([—–-:«") and not nxt.isspace()
            if top == '"' and not opening:
                _close(stack, spans, i)
            elif opening:
                stack.append((ch, i))
    return spans


def _close(stack: list[tuple[str, int]], spans: list[tuple[int, int]], i: int) -> None:
    _, opened = stack.pop()
    if not stack:
        spans.append((opened, i))

"""Headline from a page title: drop the site's name that a page's <title> carries around the headline.

Scrapers often store the HTML <title>, not the headline: "Трамп оголосив свої плани … | Європейська
правда", "… - Novinite.ru", "… // НТВ.Ru", "Урядовий портал :: Європейська Комісія підтримує …",
"Трамп разошелся во мнении …: Политика: Мир: Lenta.ru". The site name would count as a headline word
for every article of that site (clustering weighs headline words three times) and is noise in search
and in event titles, so it is cut and the cut is recorded as a Change.

A segment is cut only when it is set off by a separator and looks like a site: it holds a domain
("Gazeta.ua", "НТВ.Ru"), a known outlet's alias, or the article URL's host label; or it stands after
a pipe-like separator ("|", "//", "•", "::"), which headlines themselves do not use, and the headline
left is long. Dashes are common inside headlines ("Поведінка прихильників недопустима – Трамп"), so
after a dash only a domain, alias or host label is cut.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from storyline.clean.outlets import outlet_by_alias

#: Separators that put a site name beside a headline; headlines do not use the pipe-like ones.
_PIPE_SEPARATOR = re.compile(r"\s+(?:\||//|•|::)\s+")
_DASH_SEPARATOR = re.compile(r"\s+[-–—]\s+")
#: A domain name, Latin or Cyrillic ("Gazeta.ua", "Корреспондент.net", "НТВ.Ru").
_DOMAIN = re.compile(
    r"(?<![\w.])[\w-]+(?:\.[\w-]+)*\.(?:ua|ru|com|net|org|info|by|eu|ee|kz|uk|de|рф|укр)\b", re.I
)
#: A headline left after a cut must keep this many words: a short title is more likely the name.
MIN_HEADLINE_WORDS = 4
#: A site segment beyond a pipe-like separator is short: "Новини | Українське радіо".
MAX_SITE_WORDS = 8
#: Rubric crumbs between a headline and a colon-joined site name ("Политика: Мир: Lenta.ru").
MAX_RUBRIC_WORDS = 2


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def strip_site_name(title: str, url: str | None = None) -> str:
    """The headline without the site name(s) around it; the title unchanged when none is found."""
    host_label = _host_label(url)
    headline = _strip_colon_chain(title, host_label)
    headline = _strip_segments(headline, host_label)
    if headline == title.strip() or _words(headline) < MIN_HEADLINE_WORDS:
        return title
    return headline


def _host_label(url: str | None) -> str | None:
    """ "https://www.lenta.ru/news/…" → "lenta": the name a site puts in its own titles."""
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower().removeprefix("www.")
    parts = [p for p in host.split(".") if p]
    if len(parts) < 2:
        return None
    label = parts[-3] if len(parts) > 2 and len(parts[-2]) <= 3 else parts[-2]
    return label if len(label) >= 3 else None


def _is_site(segment: str, host_label: str | None, *, alias: bool = True) -> bool:
    """Whether a title segment names a site: a domain, the URL's host label, or (``alias``) an outlet."""
    s = segment.strip(" .,:;-–—|\"'«»")
    if not s:
        return True
    if _DOMAIN.search(s) or (alias and outlet_by_alias(s) is not None):
        return True
    return bool(host_label) and host_label in re.sub(r"[^\w]", "", s.casefold())


def _strip_segments(title: str, host_label: str | None) -> str:
    """Cut site segments at either end of the title, at pipe-like separators or at dashes."""
    pieces = _split_keep(title)
    cut_at: str | None = None  # the separator of the last cut
    while len(pieces) >= 3:
        sep, last = pieces[-2], pieces[-1]
        pipe = bool(_PIPE_SEPARATOR.fullmatch(sep))
        if _words("".join(pieces[:-2])) < MIN_HEADLINE_WORDS:
            break
        site = _is_site(last, host_label, alias=pipe) or (pipe and _words(last) <= MAX_SITE_WORDS)
        # A rubric crumb set off like the site name ("… - Новости - Allhockey.ru"); a name after another
        # separator is the headline's own ("…, - Кацер-Бучковська | Газета «День»").
        rubric = sep == cut_at and _words(last) <= MAX_RUBRIC_WORDS
        if not (site or rubric):
            break
        pieces, cut_at = pieces[:-2], sep
    while len(pieces) >= 3:
        first, sep = pieces[0], pieces[1]
        if _words("".join(pieces[2:])) < MIN_HEADLINE_WORDS:
            break
        if not (_is_site(first, host_label) or sep.strip() == "::"):
            break
        pieces = pieces[2:]
    return "".join(pieces).strip()


def _split_keep(title: str) -> list[str]:
    """Title cut at separators, separators kept as their own items: [seg, sep, seg, sep, seg]."""
    pieces: list[str] = []
    pos = 0
    for m in re.finditer(rf"{_PIPE_SEPARATOR.pattern}|{_DASH_SEPARATOR.pattern}", title):
        pieces += [title[pos : m.start()], m.group()]
        pos = m.end()
    pieces.append(title[pos:])
    return pieces


def _strip_colon_chain(title: str, host_label: str | None) -> str:
    """ "Headline: Политика: Мир: Lenta.ru" → "Headline"; "Подробности.ua: Headline" → "Headline"."""
    parts = title.split(": ")
    if len(parts) < 2:
        return title
    if _is_site(parts[-1], host_label, alias=False) and _words(parts[-1]) <= 3:
        parts.pop()
        while len(parts) > 1 and _words(parts[-1]) <= MAX_RUBRIC_WORDS:
            parts.pop()
    if len(parts) > 1 and _DOMAIN.fullmatch(parts[0].strip()):
        parts.pop(0)
    return ": ".join(parts)

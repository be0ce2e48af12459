"""CRF features of a sentence: per-word features cached, neighbours by prefixing cached lists.

Per word form (cached, computed once per process): the lower-cased form, lemma, 2–4 letter suffixes and
a prefix, a compressed word shape, capitalisation/digit/hyphen flags, pymorphy POS and case, and the
proper-name grammemes of any parse (Name, Surn, Patr, Geox, Orgn, Abbr …), and in the "clus" sets the
word's distributional clusters (:mod:`clusters`). A window of ±2 words adds a
smaller set of each neighbour's features under a position prefix. Because a sentence's features are
only concatenations of cached lists, feature extraction costs a few microseconds per token.

The same function serves training (words from IOB files) and tagging (words from article tokens), so
the features cannot drift apart. ``FEATURE_SETS`` names the ablations reported in the README.
"""

from __future__ import annotations

import functools
import re

from storyline.entities.clusters import cluster_ids
from storyline.entities.gazetteer import gazetteer_types
from storyline.entities.lexicon import first_names, last_names
from storyline.entities.morphology import word_info

#: Feature groups: Ukrainian ships "rich", Russian "full" (``ner.FEATURE_SET``, ``ner.RU_PARAMS``); the
#: others exist to measure what each group buys.
#: "rich2" adds longer prefixes, the last letter and the neighbours' grammatical case; "lex" is "full"
#: plus natasha's first-name/surname lists (Russian only: :mod:`lexicon`).
FEATURE_SETS = (
    "rich", "rich2", "clus", "clus2", "lex", "full", "base", "no-morph", "no-gazetteer", "window1"
)  # fmt: skip
#: Sets that include the "rich" context features (next word, quotes).
RICH = frozenset({"rich", "rich2", "clus", "clus2"})
#: Sets that add the distributional word clusters of :mod:`clusters` (Ukrainian).
CLUSTERED = frozenset({"clus", "clus2"})
#: Sets that add longer prefixes, the last letter and the neighbours' case.
RICH2 = frozenset({"rich2", "clus2"})

_SHAPE_SUBS = [
    (re.compile(r"[A-ZА-ЯІЇЄҐЁ]"), "X"),
    (re.compile(r"[a-zа-яіїєґёʼ'’]"), "x"),
    (re.compile(r"\d"), "d"),
]
_REPEATS = re.compile(r"(.)\1+")


def shape(word: str) -> str:
    """ "Блінкен" -> "Xx", "США" -> "X", "Інтерфакс-Україна" -> "Xx-Xx", "2022" -> "d"."""
    s = word
    for pattern, repl in _SHAPE_SUBS:
        s = pattern.sub(repl, s)
    return _REPEATS.sub(r"\1", s)


@functools.lru_cache(maxsize=200_000)
def _own(word: str, lang: str, feature_set: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """(features of the word itself, {offset: features it lends to a neighbour at that offset})."""
    low = word.lower()
    sh = shape(word)
    feats = [
        "b",
        "w=" + low,
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "p3=" + low[:3],
        "sh=" + sh,
    ]
    if word[:1].isupper():
        feats.append("title")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if any(c.isdigit() for c in word):
        feats.append("digit")
    if "-" in word:
        feats.append("hyph")
    if len(word) == 1 and not word.isalnum():
        feats.append("punct=" + word)
    near = ["w=" + low, "sh=" + sh]
    if feature_set != "no-morph" and word[:1].isalpha():
        info = word_info(word, lang)
        feats += ["lem=" + info.lemma, "pos=" + info.pos, "case=" + info.case]
        feats += ["g=" + g for g in sorted(info.grammemes)]
        if feature_set != "base":
            feats += ["t=" + g for g in sorted(info.tags)]
        if not info.known:
            feats.append("unknown")
        near += ["lem=" + info.lemma, "pos=" + info.pos, *("g=" + g for g in sorted(info.grammemes))]
        if feature_set in RICH2:  # agreement inside multiword names: the neighbours' case
            near.append("case=" + info.case)
    if feature_set in RICH2:
        feats += ["p4=" + low[:4], "s1=" + low[-1:]]
    if feature_set in CLUSTERED and lang == "uk":
        # the table is keyed by lemmas: a form that is a lemma itself is found as is, others by lemma
        ids = cluster_ids(low) or (cluster_ids(word_info(word, lang).lemma) if word[:1].isalpha() else ())
        feats += [f"c{k}={c}" for k, c in enumerate(ids)]
        near += [f"c{k}={c}" for k, c in enumerate(ids[:2])]
    if feature_set == "lex" and word[:1].isalpha():
        lex = _lexicon(low, word_info(word, lang).lemma, lang)
        feats += lex
        near += lex
    if feature_set != "no-gazetteer":
        types = gazetteer_types(low)
        if feature_set != "no-morph" and word[:1].isalpha():
            types |= gazetteer_types(word_info(word, lang).lemma)
        gaz = ["gz=" + t for t in sorted(types)]
        feats += gaz
        near += gaz
    offsets = (-1, 1) if feature_set == "window1" else (-2, -1, 1, 2)
    lent = {}
    for off in offsets:
        chosen = near if abs(off) == 1 else near[:2]
        lent[off] = tuple(f"{off}:{f}" for f in chosen)
    return tuple(feats), lent


def _lexicon(low: str, lemma: str, lang: str) -> list[str]:
    """ "fn"/"ln" when the form or its lemma is in natasha's first-name/surname lists."""
    out = []
    forms = {low.replace("ё", "е"), lemma.replace("ё", "е")}
    if forms & first_names(lang):
        out.append("fn")
    if forms & last_names(lang):
        out.append("ln")
    return out


def word_features(
    word: str, lang: str, feature_set: str
) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """Cached (own features, {offset: features lent to the word at that offset}) of one word form."""
    return _own(word, lang, feature_set)


def token_extras(
    words: list[str], i: int, own: tuple[str, ...], quoted: list[bool], feature_set: str
) -> list[str]:
    """The few features of a token that depend on its neighbours' surface, not only on its own form."""
    n = len(words)
    feats = []
    if i == 0:
        feats.append("BOS")
    elif feature_set != "base":
        # A capital letter mid-sentence is strong evidence of a name; at the start it is not.
        if "title" in own:
            feats.append("title-mid")
        feats.append("pw|sh=" + words[i - 1].lower() + "|" + own[6])
    if feature_set in RICH:
        if i + 1 < n:
            feats.append("nw|sh=" + words[i + 1].lower() + "|" + own[6])
        if quoted[i]:
            feats.append("in-quotes")  # «Укртрансгаз», "Економічна правда": names of bodies
    if i == n - 1:
        feats.append("EOS")
    return feats


def quotes_of(words: list[str], feature_set: str) -> list[bool]:
    return _inside_quotes(words) if feature_set in RICH else []


def sentence_features(words: list[str], lang: str = "uk", feature_set: str = "full") -> list[list[str]]:
    """CRF features for each word of one sentence (what crfsuite trains on)."""
    cached = [_own(w, lang, feature_set) for w in words]
    n = len(words)
    quoted = quotes_of(words, feature_set)
    out = []
    for i, (own, _) in enumerate(cached):
        feats = list(own)
        feats += token_extras(words, i, own, quoted, feature_set)
        for off, (_, lent) in ((o, cached[i + o]) for o in (-2, -1, 1, 2) if 0 <= i + o < n):
            feats.extend(lent.get(off, ()))
        out.append(feats)
    return out


_OPEN = frozenset("«“„")
_CLOSE = frozenset("»”")


def _inside_quotes(words: list[str]) -> list[bool]:
    """Whether each word stands between an opening and a closing quote ('"' toggles)."""
    out, inside = [], False
    for w in words:
        if w in _OPEN or (w == '"' and not inside):
            inside = True
            out.append(False)
        elif w in _CLOSE or (w == '"' and inside):
            inside = False
            out.append(False)
        else:
            out.append(inside)
    return out

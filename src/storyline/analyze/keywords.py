"""Keywords: the lemmas and two-word phrases that characterise an article against a news corpus.

Why TF-IDF with a shipped document-frequency table and not YAKE or store-wide statistics: TF-IDF over
lemmas is one dict lookup per term (YAKE costs more than the rest of the analysis), and a fixed
background table makes an article's keywords a function of the article alone — the same article gets
the same keywords whether it is analysed first or ten-thousandth, so stored analyses stay valid. The
table (``data/df.json.gz``) is built from the real news in ``../shared/data/news`` by
``python -m storyline.analyze.keywords`` and holds lemmas seen in at least two documents.

Candidates are nouns, proper nouns and adjectives (not stop words), plus phrases of two adjacent
candidates ending in a noun ("гарантія безпеки" stays two lemmas: "гарантія безпеки" is built from
lemma + surface genitive, see :func:`_phrases`).
"""

from __future__ import annotations

import gzip
import heapq
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from storyline.model import Keyword, Token

DF_PATH = Path(__file__).with_name("data") / "df.json.gz"
#: Part-of-speech tags whose lemmas can be keywords.
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
#: How many keywords an article keeps: enough for search facets and clustering features.
TOP_K = 10
#: A table entry is kept when the lemma is in at least this many documents (rarer ones get the default).
MIN_DF = 2
MIN_LEMMA_CHARS = 3
#: Phrases score a little above their parts: "гарантії безпеки" says more than "гарантія".
PHRASE_BOOST = 1.2

STOP_LEMMAS = frozenset(
    str.split("""
    рік день час раз тиждень місяць людина особа слово питання країна частина кінець початок тисяча
    мільйон мільярд відсоток інший весь такий цей той свій який кожний деякий перший другий новий
    великий останній можливий окремий повідомлення заява інформація ситуація випадок приклад
    цитата деталі контекст унн зн
    год день время раз неделя месяц человек слово вопрос страна часть конец начало тысяча миллион
    миллиард процент другой весь такой этот тот свой который каждый некоторый первый второй новый
    большой последний возможный сообщение заявление информация ситуация случай пример
    year day time week month people person thing way part percent new first last other such
    """)
)


@cache
def document_frequencies() -> tuple[int, dict[str, int]]:
    """(number of documents, lemma → documents containing it) from the shipped table, or (0, {})."""
    if not DF_PATH.exists():
        return 0, {}
    with gzip.open(DF_PATH, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return int(data["documents"]), dict(data["df"])


def candidate_terms(tokens: Sequence[Token]) -> list[str]:
    """Content lemmas and two-word phrases of one article, in text order (with repeats)."""
    terms: list[str] = []
    append = terms.append
    term_of = _TERM.get
    prev: str | None = None  # the term of the previous token, if it was a candidate
    prev_sentence = -1
    for tok in tokens:
        pos = tok.pos
        if pos not in CONTENT_POS:
            prev = None
            continue
        lemma = tok.lemma
        term = term_of(lemma)
        if term is None:
            term = _term(lemma)
        if not term:
            prev = None
            continue
        append(term)
        if prev is not None and prev_sentence == tok.sentence and pos != "ADJ":
            append(f"{prev} {term}")
        prev, prev_sentence = term, tok.sentence
    return terms


#: lemma → its keyword term (lower-case), or "" when it cannot be one (too short, a stop word). The
#: lemmas are the morphology cache's own string objects, so a lookup costs less than ``lower()``.
_TERM: dict[str, str] = {}


def _term(lemma: str) -> str:
    low = lemma.lower()
    term = "" if len(low) < MIN_LEMMA_CHARS or low in STOP_LEMMAS else low
    if len(_TERM) >= 200_000:
        _TERM.clear()
    _TERM[lemma] = term
    return term


#: ``1 + log(tf)`` for the term frequencies that occur in one article.
_TF_WEIGHT = [0.0] + [1 + math.log(tf) for tf in range(1, 256)]
#: term → idf under the shipped table; filled on first use of each term (the table never changes
#: while the process runs, except through :func:`build_document_frequencies`, which empties it).
_IDF: dict[str, float] = {}


def _idf(term: str) -> float:
    n_docs, df = document_frequencies()
    value = _IDF[term] = math.log((1 + n_docs) / (1 + _df(term, df))) + 1.0
    return value


def clear_idf_memo() -> None:
    """Forget the per-term idf values and lemma terms (the table stays loaded): a cold start."""
    _IDF.clear()
    _TERM.clear()


def keywords(tokens: Sequence[Token], top_k: int = TOP_K) -> list[Keyword]:
    """The ``top_k`` terms by TF-IDF; phrases must occur twice to count (once is chance).

    Ranked by the score rounded to 3 decimals, then by term (the stored score is the rounded one);
    only terms within rounding distance of the k-th best raw score are rounded and sorted.
    """
    counts = Counter(candidate_terms(tokens))
    idf_get = _IDF.get
    tf_weight = _TF_WEIGHT
    scored: list[tuple[float, str]] = []
    for term, tf in counts.items():
        phrase = " " in term
        if phrase and tf < 2:
            continue
        idf = idf_get(term)
        if idf is None:
            idf = _idf(term)
        weight = tf_weight[tf] if tf < 256 else 1 + math.log(tf)
        scored.append((weight * idf * PHRASE_BOOST if phrase else weight * idf, term))
    if len(scored) > top_k:
        floor = heapq.nlargest(top_k, scored)[-1][0] - 0.0011  # below this, rounding cannot lift a term
        scored = [item for item in scored if item[0] >= floor]
    ranked = sorted((-round(score, 3), term) for score, term in scored)
    return [Keyword(term, -negative) for negative, term in ranked[:top_k]]


def _df(term: str, df: dict[str, int]) -> int:
    if " " in term:  # a phrase is at most as common as its rarer word
        return min(df.get(w, 0) for w in term.split())
    return df.get(term, 0)


def build_document_frequencies(token_lists: Iterable[Sequence[Token]], path: Path = DF_PATH) -> int:
    """Write the background table from analysed documents; returns the number of documents."""
    df: Counter[str] = Counter()
    n = 0
    for tokens in token_lists:
        n += 1
        df.update({t.lemma.lower() for t in tokens if t.pos in CONTENT_POS})
    kept = {k: v for k, v in sorted(df.items()) if v >= MIN_DF}
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump({"documents": n, "df": kept}, fh, ensure_ascii=False, separators=(",", ":"))
    document_frequencies.cache_clear()
    clear_idf_memo()
    return n


def _main() -> None:  # pragma: no cover - a build command, run by hand
    """Build data/df.json.gz from ../shared/data/news (both corpora)."""
    from storyline.analyze.analyzer import Analyzer
    from storyline.analyze.corpus import shared_news

    analyzer = Analyzer()
    docs = (analyzer.analyze_text(text, language=lang).tokens for text, lang, _ in shared_news())
    print(f"documents: {build_document_frequencies(docs)} -> {DF_PATH}")


if __name__ == "__main__":  # pragma: no cover
    _main()

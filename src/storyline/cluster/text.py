"""Language-neutral word keys: what lets a Ukrainian and a Russian article share features.

Clustering compares articles through *keys*, not raw words. A key is a word lower-cased, folded so that
Ukrainian and Russian spellings of the same stem coincide, and cut to a prefix so that inflections meet:

    uk "Блінкен", "Блінкена"  -> "блинке"        ru "Блинкен", "Блинкена" -> "блинке"
    uk "переговори"           -> "перего"        ru "переговоры"          -> "перего"
    uk "вибори"               -> "вибори"        ru "выборы"              -> "вибори"

The folding maps letters that differ regularly between the two orthographies onto one (і/и/ы → и,
є/е/э/ё → е, ї → и, ґ → г, й → и) and drops ъ, ь and apostrophes. It is lossy on purpose: a few
collisions between unrelated words cost less than missing every cross-lingual match, and the IDF weight
of a collision key is what keeps it from mattering. This is the fallback when the Analysis stage gives
no lemmas, and the shared space in which lemmas of different languages meet when it does.
"""

from __future__ import annotations

import re

#: Characters of the key: first this many letters of the folded word. Six keeps most Slavic roots with
#: their first suffix letter (enough to tell "вибор" from "вибух") and cuts most case/number endings.
STEM_CHARS = 6

#: Words shorter than this (after folding) are not keys: they are mostly prepositions and particles.
MIN_KEY_CHARS = 3

_FOLD = str.maketrans(
    {
        "і": "и",
        "ы": "и",
        "ї": "и",
        "й": "и",
        "є": "е",
        "э": "е",
        "ё": "е",
        "ґ": "г",
        "ъ": None,
        "ь": None,
        "'": None,
        "’": None,
        "ʼ": None,
        "`": None,
    }
)

WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ`-][^\W\d_]+)*|\d+(?:[.,]\d+)?", re.UNICODE)
SENTENCE_END_RE = re.compile(r"[.!?…]\s*$")

# Function words of uk, ru and en that survive the length filter. The IDF weight already discounts
# frequent words; this list keeps them out of candidate retrieval, where a frequent key is pure cost.
_STOPWORDS = """
але або аби адже також тому тоді коли якщо який яка яке які якого якої яких цей ця це ці цього цієї
цих той того тієї тих там тут вже ще лише тільки навіть після перед через понад проти щодо між біля
серед від для без про над під при його її їх їхній свій своїх свою свого вони воно вона він ми ви
наш наша наші ваш можна треба було були буде будуть бути є має мали може можуть каже сказав заявив
зазначив повідомив повідомляє передає також тепер зараз вчора сьогодні завтра року році роках рік
понеділок вівторок середа четвер пятниця субота неділя
но или чтобы также поэтому тогда когда если который которая которое которые этот эта это эти этого
этой этих тот того той тех там тут уже еще ещё лишь только даже после перед через более против между
около среди для без про над под при его ее её их свой своих свою своего они оно она он мы вы наш
наша наши ваш можно нужно было были будет будут быть есть имеет может могут говорит сказал заявил
отметил сообщил сообщает передает теперь сейчас вчера сегодня завтра года году годах год
понедельник вторник среда четверг пятница суббота воскресенье
the and that this with from have has had was were will would could should their there they them
what which when where about after before into over under than then also said says been being are
not but for its his her you your our out more most some such only just like
"""

STOPWORDS: frozenset[str] = frozenset(w.translate(_FOLD) for w in _STOPWORDS.split())


_DOUBLE_RE = re.compile(r"(\w)\1+")


def fold(word: str) -> str:
    """Lower-case and uk/ru-fold a word (see module docstring)."""
    folded = word.lower().translate(_FOLD)
    return _DOUBLE_RE.sub(r"\1", folded) if len(folded) > 3 else folded


def key_of(word: str) -> str | None:
    """The clustering key of one word or lemma, or None for stop words, short words and numbers."""
    folded = fold(word)
    if len(folded) < MIN_KEY_CHARS or folded in STOPWORDS or folded.isdigit():
        return None
    return folded[:STEM_CHARS]


def words(text: str) -> list[str]:
    """Word and number tokens of a text (the fallback tokenizer when there is no analysis)."""
    return WORD_RE.findall(text)


def guess_language(text: str) -> str:
    """uk / ru / en from letters that only one of them uses; a cheap fallback for a missing language."""
    sample = text[:3000].lower()
    uk = sum(sample.count(c) for c in "іїєґ")
    ru = sum(sample.count(c) for c in "ыэъё")
    cyr = sum(1 for c in sample if "а" <= c <= "я")
    lat = sum(1 for c in sample if "a" <= c <= "z")
    if lat > cyr:
        return "en"
    if uk == ru == 0:
        return "ru" if cyr else "other"
    return "uk" if uk >= ru else "ru"

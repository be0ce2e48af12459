"""Who said it, learned: each quote's speaker re-ranked among the people around it.

The rules of ``quotes.py`` pick one speaker per quote. On text they were not written from, most of
their speaker errors are anaphora a reader resolves without thinking: a descriptor left as written
("— запевнив міністр", "За словами урядовця", "— сказав на конференції"), a pronoun or a role
resolved to the wrong person ("первая леди заявила" → the host named in between), or a first name
standing for the full name given earlier. Hand rules for each shape did not carry over to the next
set of articles; a ranker trained on all of them does better (eval/train_quotes.py reports the
by-article cross-validated accuracy).

For each quote the candidates are the rule's choice and every person named (outside quotes) in the
quote's sentence and the two sentences before it, plus the speaker of the quote before. Each gets a
few features (distance, side, case, next to a speech verb, governed by "за словами", gender agreement
with the cue verb, the same person quoted before, …), crossed with the kind of answer the rule gave
(a person, a lower-case phrase, a capitalised non-person, none): a logistic regression scores them
and the highest wins. The weights are a small JSON file built by ``eval/train_quotes.py`` from the
gold in ``eval/gold/analysis`` (no randomness: the same gold gives the same file).
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.model import Quote, Span

if TYPE_CHECKING:
    from storyline.analyze.quotes import QuoteFinder, _Speaker

MODEL_PATH = Path(__file__).resolve().parent / "data" / "quote-speakers.json"
#: How many sentences before the quote's own a candidate may stand in.
SENTENCES_BEFORE = 2
#: How many words after a role noun an unknown name may follow it.
APPOSITION_WORDS = 10
#: How many sentences after a headline its candidates may stand in (the lead names who spoke).
LEAD_SENTENCES = 2
#: Words that make a following name the source of an opener ("За словами", "По мнению", "На думку").
OPENER_WORDS = frozenset(
    str.split("словами словам слів мнению думку оценке оцінкою оцінками оценкам переконання убеждению")
)
#: Pronouns: a rule's speaker written as one is an anaphor whatever it was resolved to.
PRONOUN_FORMS = frozenset(
    str.split("він вона воно вони його її їх йому їй ним нею них он она оно они его ее её их ему ей им ею")
)


@dataclass(slots=True)
class Candidate:
    """One possible speaker of a quote with its features (name → value). A person named nearby
    gets its speaker form (a lemmatised name) only when asked: most candidates never win."""

    key: str
    speaker: _Speaker | None
    features: dict[str, float] = field(default_factory=dict)
    mention: _Mention | None = None
    kind: str = "none"  # the kind of answer the rule gave, which every feature is crossed with

    def expanded(self) -> dict[str, float]:
        """The features with their crosses with the rule's kind ("noun&nearest_nom"), as the model
        weighs them (``score`` adds the crossed weights without building this)."""
        out = dict(self.features)
        out.update({f"{self.kind}&{n}": v for n, v in self.features.items() if v and _crossed(n)})
        return out

    def resolve(self) -> _Speaker | None:
        if self.speaker is None and self.mention is not None:
            self.speaker = self.mention.speaker
        return self.speaker


def speaker_key(speaker: _Speaker | None) -> str:
    """What two candidates share when they are one speaker: the last word's first five letters."""
    if speaker is None:
        return ""
    words = speaker.canonical.lower().replace("’", "'").split()
    return words[-1][:5] if words else ""


def _rule_kind(finder: QuoteFinder, speaker: _Speaker | None) -> str:
    """What the rule answered: a person, a lower-case singular person noun on its own ("міністр",
    "урядовець" — an anaphor for someone named, or an unnamed source), another lower-case phrase
    (groups, institutions), a capitalised non-person, or no one."""
    if speaker is None:
        return "none"
    if speaker.person:
        return "person"
    if not speaker.canonical[:1].islower():
        return "other"
    idx = list(finder._tokens(*speaker.span))
    words = [i for i in idx if finder.ctx.tokens[i].pos != "PUNCT"]
    nouns = [i for i in words if finder.ctx.tokens[i].pos == "NOUN"]
    if len(words) <= 2 and len(nouns) == 1:
        tag = finder.ctx.morphs[nouns[0]].tag
        if "plur" not in tag and finder._role(nouns[0]):
            return "noun"
    return "lower"


def _cue_verb(finder: QuoteFinder, quote: Quote, lo: int, hi: int) -> int | None:
    """The token of the quote's cue verb ("сказала", "заявили"), if the cue is a verb near it."""
    if not quote.cue:
        return None
    tokens = finder.ctx.tokens
    qs, qe = quote.span.start, quote.span.end
    for i in finder._tokens(lo, hi):
        tok = tokens[i]
        if tok.text == quote.cue and tok.pos == "VERB" and not qs <= tok.start < qe:
            return i
    return None


def _finite_before(finder: QuoteFinder, gerund: int) -> int | None:
    """The finite verb a gerund depends on: the nearest before it in its sentence."""
    tokens, morphs = finder.ctx.tokens, finder.ctx.morphs
    j = gerund - 1
    while j >= 0 and tokens[j].sentence == tokens[gerund].sentence:
        tag = morphs[j].tag
        if tokens[j].pos == "VERB" and not tag.startswith(("GRND", "INFN")) and "infn" not in tag:
            return j
        j -= 1
    return None


def _plural_phrase(finder: QuoteFinder, speaker: _Speaker | None) -> bool:
    """Whether a speaker phrase's head noun is plural ("мусульманки", "представники"): a group."""
    if speaker is None or speaker.person:
        return False
    tokens, morphs = finder.ctx.tokens, finder.ctx.morphs
    head = next((i for i in finder._tokens(*speaker.span) if tokens[i].pos == "NOUN"), None)
    return head is not None and "plur" in morphs[head].tag


def _sentence_index(finder: QuoteFinder, pos: int) -> int:
    return max(0, bisect.bisect_right(finder.sentence_starts, pos) - 1)


def _role_link(finder: QuoteFinder, rule: _Speaker | None, run: list[int]) -> bool:
    """Whether the rule's role noun stands right before this person somewhere earlier ("міністр
    інформації країни Фавад Чаудхрі" for "— запевнив міністр")."""
    if rule is None:
        return False
    tokens = finder.ctx.tokens
    heads = {tokens[i].lemma.lower() for i in finder._tokens(*rule.span) if tokens[i].pos == "NOUN"}
    first = run[0]
    return any(tokens[j].lemma.lower() in heads for j in range(max(0, first - 5), first))


def _namey(finder: QuoteFinder, j: int) -> bool:
    """A capitalised proper noun the dictionary may not know as a name ("Фавад", "Чаудхрі")."""
    t = finder.ctx.tokens[j]
    return t.pos == "PROPN" and t.text[:1].isupper() and not t.text.isupper() and len(t.text) > 2


def _appositions(finder: QuoteFinder, lo: int, hi: int, known: set[int]) -> list[list[int]]:
    """Names the dictionary does not know, given right after a role ("міністр інформації країни
    Фавад Чаудхрі", "вірусолог … Флоріан Краммер"): two capitalised proper nouns in a row, not a
    person's run, within a few words after a role noun of their sentence, outside quotes."""
    tokens = finder.ctx.tokens
    rng = finder._tokens(lo, hi)
    out: list[list[int]] = []
    pairs = pairs_of(finder)
    reach = 0
    for j in pairs[bisect.bisect_left(pairs, rng.start + 1) : bisect.bisect_left(pairs, rng.stop - 1)]:
        if j < reach or j in known or finder._is_person(j):
            continue
        if tokens[j - 1].pos == "ADP" or finder._inside_quote(tokens[j].start):
            reach = j + 2
            continue
        for i in range(j - 1, max(rng.start, j - APPOSITION_WORDS) - 1, -1):
            if (
                tokens[i].sentence != tokens[j].sentence
                or tokens[i].pos == "VERB"
                or tokens[i].text in ".;:!?"
            ):
                break
            if tokens[i].pos == "NOUN" and finder._role(i):
                run = [j, j + 1]
                while run[-1] + 1 < len(tokens) and _namey(finder, run[-1] + 1) and len(run) < 3:
                    run.append(run[-1] + 1)
                out.append(run)
                break
        reach = j + 2
    return out


def pairs_of(finder: QuoteFinder) -> list[int]:
    """Where two capitalised proper nouns stand in a row (``_namey``), found once per article."""
    if finder.namey_pairs is None:
        # (proper nouns in a row found by a regex over one byte per token: a C loop)
        codes = bytes(map(_PROPN_CODE.get, map(attrgetter("pos"), finder.ctx.tokens), repeat(_OTHER)))
        finder.namey_pairs = [
            m.start()
            for m in _PAIR_RE.finditer(codes)
            if _namey(finder, m.start()) and _namey(finder, m.start() + 1)
        ]
    return finder.namey_pairs


_PROPN_CODE = {"PROPN": ord("P")}
_OTHER = ord(".")
_PAIR_RE = re.compile(rb"P(?=P)")


@dataclass(slots=True)
class _Mention:
    """A person named outside quotes: its tokens, speaker form and candidate key."""

    first: int
    last: int
    key: str
    finder: QuoteFinder
    _speaker: _Speaker | None = None
    _nominative: bool | None = None

    @property
    def nominative(self) -> bool:
        if self._nominative is None:
            self._nominative = self.finder._name_case(list(range(self.first, self.last + 1)), True)
        return self._nominative

    @property
    def gender(self) -> str | None:
        return self.finder._run_gender(list(range(self.first, self.last + 1)))

    @property
    def speaker(self) -> _Speaker:
        if self._speaker is None:
            run = list(range(self.first, self.last + 1))
            self._speaker = self.finder._speaker_from_tokens(run, nominative=self.nominative)
        return self._speaker


class Mentions:
    """The persons named in one article, found once for all its quotes.

    A first name alone ("– згадує Марина") takes the key of the full name given with it before
    ("мама дівчинки Марина Дяченко"), so that both are one candidate."""

    def __init__(self, finder: QuoteFinder) -> None:
        self.finder = finder
        self.items: list[_Mention] = []
        self.starts: list[int] = []
        self.done = 0  # (characters read so far: the runs are found as far as the quotes need)
        self._full: dict[str, str] = {}
        self._surnames: set[str] = set()

    def extend(self, upto: int) -> None:
        """Find the persons named before character ``upto`` that are not known yet."""
        if upto <= self.done:
            return
        finder = self.finder
        tokens, morphs = finder.ctx.tokens, finder.ctx.morphs
        runs = [finder._last_name(run) for run in finder._name_runs(self.done, upto)]
        self.done = upto
        # (one sentence's runs only: a headline's last word and the lead's first are no name; nor
        # "Вона" opening a sentence, which the dictionary may read as a name)
        runs = [
            run
            for run in runs
            if tokens[run[0]].sentence == tokens[run[-1]].sentence
            and not (len(run) == 1 and tokens[run[0]].text.lower() in PRONOUN_FORMS)
            and (not self.starts or run[0] > self.starts[-1])
        ]
        self._surnames.update(tokens[run[-1]].lemma.lower() for run in runs if len(run) > 1)
        for run in runs:
            m = self._mention(run)
            first_name = tokens[run[0]].lemma.lower() if "Name" in morphs[run[0]].tag else None
            if first_name and len(run) > 1:
                self._full[first_name] = m.key
            elif first_name in self._full and first_name not in self._surnames:
                m.key = self._full[first_name]  # ("Джонсон" is no first name where it is a surname)
            self.items.append(m)
            self.starts.append(m.first)

    def _mention(self, run: list[int]) -> _Mention:
        finder = self.finder
        key = finder.ctx.tokens[run[-1]].lemma.lower().replace("’", "'")[:5]
        return _Mention(run[0], run[-1], key, finder)  # (case, gender and form asked only if needed)

    def between(self, lo: int, hi: int) -> list[_Mention]:
        """The mentions whose first token lies in tokens ``lo..hi-1``."""
        return self.items[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]

    def count_before(self, key: str, end: int) -> int:
        return sum(1 for m in self.items[: bisect.bisect_left(self.starts, end)] if m.key == key)

    def extra(self, run: list[int]) -> _Mention:
        """A mention outside the article's runs (an unknown name after a role, a rule's speaker)."""
        return self._mention(run)


def _mention_features(
    finder: QuoteFinder,
    m: _Mention,
    quote: Quote,
    k0: int,
    para: tuple[int, int],
    kind: str,
    rule: _Speaker | None,
) -> tuple[int, dict[str, float]]:
    """(the gap in characters between the mention and the quote, the mention's features)."""
    tokens = finder.ctx.tokens
    qs, qe = quote.span.start, quote.span.end
    start, end = tokens[m.first].start, tokens[m.last].end
    after = start >= qe
    gap = start - qe if after else max(0, qs - end)
    sk = tokens[m.first].sentence
    first, last = m.first, m.last
    f = {
        "nom": float(m.nominative),
        "full": float(m.last > m.first),
        "prep": float(first > 0 and tokens[first - 1].pos == "ADP"),
        "para": float(para[0] <= start < para[1]),
        "subj": float(any(j in finder.attribution for j in range(last + 1, min(len(tokens), last + 4)))),
        "inv": float(any(j in finder.attribution for j in range(max(0, first - 3), first))),
        "opener": float(any(tokens[j].text.lower() in OPENER_WORDS for j in range(max(0, first - 4), first))),
        "link": float(kind == "noun" and _role_link(finder, rule, [first])),
        "after": float(after),
        "d0": float(sk >= k0 and not after),
        "d1": float(sk == k0 - 1),
        "d2": float(sk <= k0 - 2),
    }
    return gap, f


def candidates(
    finder: QuoteFinder,
    quote: Quote,
    rule: _Speaker | None,
    previous: list[_Speaker],
    mentions: Mentions,
) -> list[Candidate]:
    """The rule's speaker, the persons named near the quote and the speakers of the quotes before,
    with their features; mentions of one person (same key) are one candidate, placed where its
    nearest mention stands.

    ``previous``: the speakers of the quotes before this one, the nearest first."""
    ctx = finder.ctx
    tokens, sentences = ctx.tokens, ctx.sentences
    qs, qe = quote.span.start, quote.span.end
    k0 = _sentence_index(finder, qs)
    k1 = _sentence_index(finder, max(qs, qe - 1))
    own = rule is not None and k0 <= _sentence_index(finder, rule.span[0]) <= k1
    if own and (rule.person or not rule.canonical[:1].islower()):
        # a person or an institution named in the quote's own sentence ("По мнению Юрия Рогулёва,
        # …", "— заявив Лавров", "— заявили в МЗС"): the attribution says who it is
        return [Candidate(speaker_key(rule), rule, {"rule": 1.0})]
    rule_key = speaker_key(rule)
    kind = _rule_kind(finder, rule)
    lo = sentences[max(0, k0 - SENTENCES_BEFORE)][0]
    hi = sentences[k1][1] if k1 < len(sentences) else len(finder.text)
    headline = finder.headline_span or ctx.title
    if headline is not None and headline[0] <= qs < headline[1]:  # a headline's speaker is named in the lead
        hi = sentences[min(len(sentences) - 1, k1 + LEAD_SENTENCES)][1]
    verb = _cue_verb(finder, quote, sentences[k0][0], sentences[k1][1])
    if verb is not None and ctx.morphs[verb].tag.startswith("GRND"):
        verb = _finite_before(finder, verb)  # "мусульманки стали протестовать, утверждая, что …"
    cue_gender = ctx.morphs[verb].gender if verb is not None else None
    cue_plural = verb is not None and "plur" in ctx.morphs[verb].tag
    rule_feats = {"rule": 1.0, f"rule:{kind}": 1.0}
    if cue_plural or _plural_phrase(finder, rule):
        # a plural verb or subject ("Помощники Байдена дали понять", "мусульманки …, утверждая"):
        # a group speaks, which no one person named nearby replaces
        return [Candidate(rule_key, rule, rule_feats)]
    if rule is None and verb is None:
        # no one named and no speech verb: a quote standing alone ("«…», — так відгукнулися в
        # УІНП", a sticker, an oath); the person named nearby is rarely its speaker
        return [Candidate(rule_key, rule, rule_feats)]
    k = bisect.bisect_right(finder.line_starts, qs) - 1
    para = finder.lines[k] if k >= 0 and qs < finder.lines[k][1] else (qs, qe)
    prev_keys = [speaker_key(p) for p in previous[:3]]
    rng = finder._tokens(lo, hi)
    mentions.extend(hi)
    near = mentions.between(rng.start, rng.stop)
    known = {m.first for m in near}
    near += [mentions.extra(run) for run in _appositions(finder, lo, hi, known)]
    if rule is not None and rule.person:
        idx = list(finder._tokens(*rule.span))
        if idx and idx[0] not in known:
            own = mentions.extra(idx)
            own.key = rule_key
            near.append(own)
    near.sort(key=lambda m: m.first)

    before = [m for m in near if tokens[m.last].end <= qs]
    nearest = before[-1].key if before else None
    nearest_nom = next((m.key for m in reversed(before) if m.nominative), None)
    out: dict[str, Candidate] = {}
    best_gap: dict[str, int] = {}
    for m in near:
        gap, f = _mention_features(finder, m, quote, k0, para, kind, rule)
        c = out.get(m.key)
        if c is None:
            c = out[m.key] = Candidate(m.key, None, {"run": 1.0}, m)
            best_gap[m.key] = gap + 1
        if gap < best_gap[m.key]:  # the nearest mention: where it stands
            best_gap[m.key] = gap
            for name in ("after", "d0", "d1", "d2", "para", "prep"):
                c.features[name] = f[name]
            if m.nominative:
                c.mention = m  # (its form names the person best)
        for name in ("nom", "full", "subj", "inv", "opener", "link"):
            c.features[name] = max(c.features.get(name, 0.0), f[name])
    for key, c in out.items():
        f = c.features
        f["dist"] = min(1.0, best_gap[key] / 600.0)
        f["nearest"] = float(key == nearest)
        f["nearest_nom"] = float(key == nearest_nom)
        f["mentions"] = min(mentions.count_before(key, rng.stop), 4) / 4
        gender = c.mention.gender if c.mention is not None else None
        if cue_gender and gender:
            f["gender_ok"] = float(gender == cue_gender)
            f["gender_bad"] = float(gender != cue_gender)
        if key in prev_keys:
            f["prev"] = 1.0
            f["prev1"] = float(prev_keys[0] == key)

    for rank, p in enumerate(previous[:3]):
        key = speaker_key(p)
        if key not in out:
            out[key] = Candidate(key, p, {"prev": 1.0, "prev_only": 1.0, "prev1": float(rank == 0)})

    # the rule's own answer (merged with the person it names)
    if rule is not None:
        rk = _sentence_index(finder, rule.span[0])
        rule_feats["rule:far"] = float(rk < k0 - 1 or rk > k1)
        if cue_gender and rule.gender:
            rule_feats["rule:gender_bad"] = float(rule.gender != cue_gender)
    c = out.get(rule_key)
    if c is None:
        out[rule_key] = Candidate(rule_key, rule, rule_feats)
    else:
        c.speaker, c.mention = rule, None
        c.features.update(rule_feats)
    for c in out.values():
        c.kind = kind
    return list(out.values())


def _crossed(name: str) -> bool:
    """Whether a feature is crossed with the rule's kind (the rule's own ones are not)."""
    return ":" not in name and name != "rule"


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> tuple[dict[str, float], float] | None:
    """The shipped weights (feature name → weight, bias), or None where no model was built."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(zip(data["features"], data["weights"], strict=True)), float(data["bias"])


def score(features: dict[str, float], weights: dict[str, float], bias: float) -> float:
    """The model's log-odds that a candidate is the speaker (``features`` expanded)."""
    return bias + sum(weights.get(name, 0.0) * value for name, value in features.items())


_KIND_WEIGHTS: dict[tuple[int, str], dict[str, float]] = {}


def _kind_weights(weights: dict[str, float], kind: str) -> dict[str, float]:
    """Each base feature's weight plus its cross with ``kind``: one look-up per feature at run time."""
    key = (id(weights), kind)
    found = _KIND_WEIGHTS.get(key)
    if found is None:
        names = {n for n in weights if "&" not in n}
        found = _KIND_WEIGHTS[key] = {
            n: weights.get(n, 0.0) + (weights.get(f"{kind}&{n}", 0.0) if _crossed(n) else 0.0) for n in names
        }
    return found


def candidate_score(c: Candidate, weights: dict[str, float], bias: float) -> float:
    """``score`` of the candidate's expanded features, without expanding them."""
    w = _kind_weights(weights, c.kind)
    return bias + sum(w.get(n, 0.0) * v for n, v in c.features.items())


def article_candidates(finder: QuoteFinder, quotes: list[Quote]) -> list[list[Candidate]]:
    """Every quote's candidates, in text order: the persons named are found once for the article
    (and only as far as a quote needs them); the quotes before are the rules' speakers, as in
    training (eval/train_quotes.py calls this too)."""
    mentions = Mentions(finder)
    previous: list[_Speaker] = []
    out = []
    for q in quotes:
        rule = finder._speaker_of(q)
        out.append(candidates(finder, q, rule, previous, mentions))
        if rule is not None:
            previous.insert(0, rule)
    return out


def rerank(
    finder: QuoteFinder, quotes: list[Quote], model: tuple[dict[str, float], float] | None
) -> list[Quote]:
    """``quotes`` with each speaker replaced by the best-scoring candidate (the rule's on a tie)."""
    if model is None or not quotes:
        return quotes
    weights, bias = model
    out = []
    for q, cands in zip(quotes, article_candidates(finder, quotes), strict=True):
        best = (
            cands[0]
            if len(cands) == 1
            else max(cands, key=lambda c: (candidate_score(c, weights, bias), c.features.get("rule", 0.0)))
        )
        sp = best.resolve() if not best.features.get("rule") else None
        if sp is not None:
            q = Quote(
                text=q.text,
                span=q.span,
                speaker=sp.text,
                speaker_span=Span(*sp.span),
                speaker_canonical=sp.canonical,
                kind=q.kind,
                cue=q.cue,
            )
        out.append(q)
    return out

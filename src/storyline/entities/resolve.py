"""Entity resolution inside one article: which mentions (and job titles) are the same entity.

Persons: a full name ("Ентоні Блінкен") starts a person; a surname alone ("Блінкен", "Лавровим") joins the
person with that surname (compared by language-neutral key, so inflection and uk/ru spelling do not
matter), also when the surname comes first (titles often have only the surname). Job titles that the
tagger marks as JOB next to a person ("держсекретар США Ентоні Блінкен", "глава МЗС РФ Сергій Лавров")
give that person a role; a later bare role word ("Держсекретар підкреслив", "За словами міністра")
becomes a mention of that person, unless two persons share the role.

Organisations and places: one entity per id (gazetteer key, else the key of the canonical form), so
"Росії" and "РФ" are one entity when the gazetteer links them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.entities.canonical import canonical as canonical_form
from storyline.entities.linking import entity_id, gazetteer_lookup, name_key, word_key
from storyline.entities.morphology import word_info
from storyline.model import Mention, Quote, Span, Token

#: Score of a mention that is a role word resolved to a person ("держсекретар" -> Блінкен): it is a
#: reference, not a name, and consumers that want names only can drop it.
ROLE_MENTION_SCORE = 0.5
#: A JOB span ends at most this many tokens before the person it describes ("глава МЗС РФ Сергій Лавров").
ROLE_GAP = 1
#: A role word from :data:`ROLE_WORDS` stands at most this many tokens before the person it describes
#: ("міністром закордонних справ Росії Сергієм Лавровим": 4).
ROLE_WINDOW = 5
#: Lemmas of common role heads (uk, ru). The tagger's JOB spans find roles too, but it misses many in
#: apposition ("главою МЗС РФ Сергієм Лавровим"); this short list closes the gap. It names roles, not
#: people: which person holds a role is learnt from each article.
ROLE_WORDS = frozenset(
    [
        "президент",
        "прем'єр",
        "прем'єр-міністр",
        "міністр",
        "глава",
        "голова",
        "держсекретар",
        "речник",
        "речниця",
        "спікер",
        "посол",
        "канцлер",
        "генсек",
        "генсекретар",
        "лідер",
        "мер",
        "депутат",
        "директор",
        "керівник",
        "командувач",
        "радник",
        "віцепрезидент",
        "віце-президент",
        "премьер",
        "премьер-министр",
        "министр",
        "госсекретарь",
        "представитель",
        "пресс-секретарь",
        "посол",
        "советник",
        "руководитель",
        "председатель",
    ]
)


@dataclass
class Cluster:
    """One entity of one article: its id, display name and the mentions that name it."""

    id: str
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    surname: str = ""  # key of the last word (persons)
    first: str = ""  # key of the first word of a full name (persons)


def resolve(mentions: list[Mention], lang: str) -> list[Cluster]:
    """Group mentions into clusters and set each mention's ``entity_id`` (mutates the mentions)."""
    clusters = _persons([m for m in mentions if m.type == "PER"], lang)
    by_id: dict[str, Cluster] = {}
    for m in mentions:
        if m.type == "PER":
            continue
        eid, name = _other_id(m)
        c = by_id.setdefault(eid, Cluster(eid, m.type, name))
        c.mentions.append(m)
        m.entity_id = eid
    return [*clusters, *by_id.values()]


def _other_id(m: Mention) -> tuple[str, str]:
    entry = gazetteer_lookup(m.type, m.canonical, m.text)
    if entry is not None:
        return f"{entry.type}:{entry.key}", entry.names.get("uk") or m.canonical
    return entity_id(m.type, m.canonical), m.canonical


def _persons(mentions: list[Mention], lang: str) -> list[Cluster]:
    full: list[Cluster] = []
    singles: list[Mention] = []
    for m in mentions:
        words = m.canonical.split()
        if len(words) < 2:
            singles.append(m)
            continue
        first, last = word_key(words[0]), word_key(words[-1])
        match = next((c for c in full if c.surname == last and (not c.first or c.first == first)), None)
        if match is None:
            match = Cluster("", "PER", m.canonical, surname=last, first=first)
            full.append(match)
        match.mentions.append(m)
    loose: dict[str, Cluster] = {}
    for m in singles:
        key = word_key(m.canonical)
        same = [c for c in full if key in (c.surname, c.first)]
        if len(same) == 1:
            same[0].mentions.append(m)
        else:  # unknown or ambiguous: a person of its own, by surname
            loose.setdefault(key, Cluster("", "PER", m.canonical, surname=key)).mentions.append(m)
    clusters = full + list(loose.values())
    for c in clusters:
        longest = max((m.canonical for m in c.mentions), key=lambda s: (len(s.split()), len(s)))
        entry = gazetteer_lookup("PER", longest)
        if entry is not None:
            c.id, c.name = f"PER:{entry.key}", entry.names.get("uk") or longest
        else:
            c.id, c.name = entity_id("PER", longest), longest
        for m in c.mentions:
            m.entity_id = c.id
    return clusters


# ---------------------------------------------------------------------------------------------- roles
def role_mentions(
    tokens: list[Token],
    jobs: list[tuple[int, int]],
    person_at: dict[int, Cluster],
    taken: set[int],
    lang: str,
) -> list[Mention]:
    """Mentions for bare role words of persons introduced with that role in this article.

    ``jobs`` are JOB spans in token indices, ``person_at`` maps a token index that starts a person
    mention to its cluster, ``taken`` is every token index already inside a mention.
    """
    roles: dict[str, Cluster | None] = {}
    job_tokens: set[int] = set()

    def assign(lemma: str, person: Cluster) -> None:
        prev = roles.get(lemma, person)
        roles[lemma] = person if prev is person else None  # two persons, one role: ambiguous

    for start, end in jobs:
        for gap in range(ROLE_GAP + 1):
            person = person_at.get(end + gap)
            if person is not None:  # an apposition: the role introduces the person, it is no reference
                assign(_lemma(tokens[start].text, lang), person)
                job_tokens.update(range(start, end))
                break
    for p, person in person_at.items():
        for i in range(p - 1, max(p - ROLE_WINDOW, 0) - 1, -1):
            if tokens[i].sentence != tokens[p].sentence or i in person_at or not tokens[i].text[:1].isalnum():
                break
            lemma = _lemma(tokens[i].text, lang)
            if lemma in ROLE_WORDS:
                assign(lemma, person)
                job_tokens.add(i)
                break
    out: list[Mention] = []
    if not any(roles.values()):
        return out  # no role introduces a person here: no word can refer back by its role
    # Inflection keeps a role word's first three letters ("посол"/"посла"): only such words are
    # lemmatised.
    heads = {lemma[:3] for lemma, person in roles.items() if person is not None}
    for i, t in enumerate(tokens):
        if t.text[:3].lower() not in heads or i in taken or i in job_tokens:
            continue
        person = roles.get(_lemma(t.text, lang))
        if person is not None:
            m = Mention(t.text, Span(t.start, t.end), "PER", person.name, person.id, ROLE_MENTION_SCORE)
            person.mentions.append(m)
            out.append(m)
    return out


def _lemma(word: str, lang: str) -> str:
    return word_info(word, lang).lemma if word[:1].isalpha() else word


# --------------------------------------------------------------------------------------------- quotes
def resolve_speakers(
    quotes: list[Quote], mentions: list[Mention], clusters: list[Cluster], lang: str
) -> None:
    """Fill each quote's ``speaker_canonical``/``speaker_entity_id`` from the article's entities."""
    names = {c.id: c.name for c in clusters}
    persons = [c for c in clusters if c.type == "PER"]
    for q in quotes:
        if not q.speaker:
            continue
        eid = _speaker_by_span(q, mentions) or _speaker_by_name(q.speaker, persons, lang)
        if eid is not None:
            q.speaker_entity_id = eid
            q.speaker_canonical = names.get(eid)


def _speaker_by_span(q: Quote, mentions: list[Mention]) -> str | None:
    if q.speaker_span is None:
        return None
    s = q.speaker_span
    inside = [m for m in mentions if m.span.start < s.end and s.start < m.span.end and m.entity_id]
    if not inside:
        return None
    inside.sort(key=lambda m: (m.type != "PER", m.score < 1.0, -(m.span.end - m.span.start)))
    return inside[0].entity_id


def _speaker_by_name(speaker: str, persons: list[Cluster], lang: str) -> str | None:
    words = [w for w in canonical_form(speaker, "PER", lang).split() if w[:1].isupper()]
    if not words:
        return None
    key = word_key(words[-1])
    hits = [c for c in persons if c.surname == key or name_key(c.name).endswith(key)]
    return hits[0].id if len(hits) == 1 else None

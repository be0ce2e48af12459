"""Corpus-level resolution: one entity record per real-world entity across articles and languages.

After a batch has been through the stage, each mention has an in-article entity id (gazetteer key or
the language-neutral key of its canonical form, see :mod:`linking`). This step:

1. joins surname-only persons ("PER:lvrv", from an article that never gave the first name) to the one
   full-name person with that surname in the batch or the store, when exactly one exists;
2. recovers misspellings: a rare name is merged into a frequent (or gazetteer) name of the same type when
   their *canonical* (nominative) forms are close (:data:`FUZZY_MIN_RATIO`) and their last words
   (surname, head noun) are close too. Comparing nominatives is the morphology-aware part: "Сєргєєм
   Лавровим" is compared as "Сєргєй Лавров", so inflection never counts as a misspelling;
3. writes mentions, entities (canonical name, aliases, per-language names) and recomputes counts and
   first/last seen from the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from storyline.entities.gazetteer import entries
from storyline.entities.linking import name_key, norm_alias
from storyline.model import Article, Entity

if TYPE_CHECKING:
    from storyline.store import Store

#: Minimum rapidfuzz ratio (0–100) between two nominative names for a misspelling merge. 85 admits two
#: wrong letters in a 15-letter name ("Інтерфакс-Кераїна"/"Інтерфакс-Україна" = 88) but not a different
#: place of similar spelling ("Австрія"/"Австралія" = 75).
FUZZY_MIN_RATIO = 85.0
#: …and between their last words (surname or head), so a shared long first part cannot carry the match.
FUZZY_MIN_LAST_WORD = 60.0
#: A name is a misspelling candidate only while it is rare (mentioned in at most this many articles) and
#: the target at least this many times more frequent, or a gazetteer name: two established entities
#: with close names are both real.
FUZZY_MAX_ARTICLES = 2
FUZZY_FREQ_FACTOR = 3
#: Names shorter than this are never fuzzily merged: one letter decides too much ("Іран"/"Ірак").
FUZZY_MIN_LENGTH = 6


@dataclass
class _Candidate:
    id: str
    type: str
    canonicals: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    names: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    articles: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        uk = self.names.get("uk")
        pool = uk if uk else self.canonicals
        return max(pool.items(), key=lambda kv: (kv[1], len(kv[0].split()), kv[0]))[0]


def link_corpus(store: Store, articles: list[Article]) -> dict[str, str]:
    """Resolve, merge and save this batch's entities; returns the id remapping applied."""
    mapping = corpus_mapping(articles, store.alias_index())
    _apply(articles, mapping)
    with store.transaction() as conn:
        for a in articles:
            if a.analysis is not None:
                store.save_mentions(a.id, a.analysis.mentions, conn)
        merged = _collect(articles)
        records = [_entity(c) for c in merged.values()]
        store.upsert_entities(records, conn)
        _rename_speakers(articles, {e.id: e.canonical for e in records})
        store.merge_entities({o: n for o, n in mapping.items() if o not in merged}, conn)
        store.refresh_entity_stats(set(merged) | set(mapping.values()), conn)
    return mapping


def corpus_mapping(
    articles: list[Article], stored: dict[str, list[tuple[str, str, int]]] | None = None
) -> dict[str, str]:
    """Old id -> merged id for this batch (surname-only persons, misspellings); pure, no store writes."""
    candidates = _collect(articles)
    stored = stored or {}
    mapping = _surname_merges(candidates, stored)
    mapping.update(_fuzzy_merges(candidates, stored, mapping))
    return {old: _follow(mapping, old) for old in mapping}


def _collect(articles: list[Article]) -> dict[str, _Candidate]:
    out: dict[str, _Candidate] = {}
    for a in articles:
        if a.analysis is None:
            continue
        lang = a.analysis.language.code if a.analysis.language else (a.language or "uk")
        for m in a.analysis.mentions:
            if not m.entity_id:
                continue
            c = out.setdefault(m.entity_id, _Candidate(m.entity_id, m.type))
            c.articles.add(a.id)
            if m.score < 1.0:  # a role word ("держсекретар") is a reference, not a name
                continue
            c.canonicals[m.canonical] += 1
            c.names[lang][m.canonical] += 1
            c.aliases.update((m.canonical, m.text))
    return out


def _entity(c: _Candidate) -> Entity:
    gaz = _gazetteer_names().get(c.id)
    names = {lang: counter.most_common(1)[0][0] for lang, counter in c.names.items() if counter}
    if gaz:
        names = {**names, **gaz[0]}
    canonical = gaz[0].get("uk") if gaz else None
    return Entity(
        id=c.id,
        canonical=canonical or c.name,
        type=c.type,
        aliases=sorted(c.aliases | set(gaz[1] if gaz else ())),
        names=names,
    )


def _gazetteer_names() -> dict[str, tuple[dict[str, str], tuple[str, ...]]]:
    return {f"{e.type}:{e.key}": (dict(e.names), e.aliases) for e in entries()}


def _is_surname_only(eid: str) -> bool:
    kind, _, key = eid.partition(":")
    return kind == "PER" and "-" not in key and not any(f"PER:{e.key}" == eid for e in entries())


def _surname_merges(
    cands: dict[str, _Candidate], stored: dict[str, list[tuple[str, str, int]]]
) -> dict[str, str]:
    """ "PER:lvrv" -> the single full-name person whose name key ends in "-lvrv"."""
    full: dict[str, set[str]] = defaultdict(set)
    known_ids = set(cands) | {eid for hits in stored.values() for eid, kind, _ in hits if kind == "PER"}
    for eid in known_ids:
        if not eid.startswith("PER:"):
            continue
        c = cands.get(eid)
        names = [c.name] if c else []
        names += [e.names.get("uk", "") for e in entries() if f"PER:{e.key}" == eid]
        for name in names:
            keys = name_key(name).split("-")
            if len(keys) >= 2:
                full[keys[-1]].add(eid)
        if not names and "-" in eid:
            full[eid.split(":", 1)[1].split("-")[-1]].add(eid)
    out = {}
    for eid in cands:
        if _is_surname_only(eid):
            targets = full.get(eid.split(":", 1)[1], set()) - {eid}
            if len(targets) == 1:
                out[eid] = next(iter(targets))
    return out


def _fuzzy_merges(
    cands: dict[str, _Candidate], stored: dict[str, list[tuple[str, str, int]]], done: dict[str, str]
) -> dict[str, str]:
    """Rare names -> a close, much more frequent (or gazetteer) name of the same type."""
    targets: dict[str, list[tuple[str, str, int]]] = defaultdict(list)  # type -> (norm name, id, weight)
    for e in entries():
        for name in e.names.values():
            targets[e.type].append((norm_alias(name), f"{e.type}:{e.key}", 10**6))
    for alias, hits in stored.items():
        for eid, kind, count in hits:
            targets[kind].append((alias, eid, count))
    for c in cands.values():
        targets[c.type].append((norm_alias(c.name), c.id, len(c.articles)))
    choices = {kind: [name for name, _, _ in pool] for kind, pool in targets.items()}
    out = {}
    for c in cands.values():
        if c.id in done or len(c.articles) > FUZZY_MAX_ARTICLES:
            continue
        name = norm_alias(c.name)
        if len(name) < FUZZY_MIN_LENGTH:
            continue
        best = _closest(name, c, targets[c.type], choices.get(c.type, []))
        if best is not None:
            out[c.id] = best
    return out


def _closest(name: str, c: _Candidate, pool: list[tuple[str, str, int]], choices: list[str]) -> str | None:
    """The closest pool name of as many words, frequent enough, its last word close too; the first
    in pool order among equal scores. rapidfuzz scores the whole pool in C with the cut-off, so a
    candidate costs one pass however many names the corpus knows; the rules run on the few hits."""
    words = name.replace("-", " ").split()
    hits = process.extract(name, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO, limit=None)
    for _, _, index in sorted(hits, key=lambda hit: (-hit[1], hit[2])):
        other, eid, weight = pool[index]
        if eid == c.id or weight < FUZZY_FREQ_FACTOR * len(c.articles) or other == name:
            continue
        other_words = other.replace("-", " ").split()
        if len(other_words) != len(words) or fuzz.ratio(words[-1], other_words[-1]) < FUZZY_MIN_LAST_WORD:
            continue
        return eid
    return None


def _follow(mapping: dict[str, str], eid: str) -> str:
    seen = set()
    while eid in mapping and eid not in seen:
        seen.add(eid)
        eid = mapping[eid]
    return eid


def _rename_speakers(articles: list[Article], names: dict[str, str]) -> None:
    for a in articles:
        for q in a.analysis.quotes if a.analysis else []:
            if q.speaker_entity_id in names:
                q.speaker_canonical = names[q.speaker_entity_id]


def _apply(articles: list[Article], mapping: dict[str, str]) -> None:
    """Re-point this batch's mentions and quote speakers to the merged ids."""
    if not mapping:
        return
    for a in articles:
        if a.analysis is None:
            continue
        for m in a.analysis.mentions:
            if m.entity_id in mapping:
                m.entity_id = mapping[m.entity_id]
        for q in a.analysis.quotes:
            if q.speaker_entity_id in mapping:
                q.speaker_entity_id = mapping[q.speaker_entity_id]

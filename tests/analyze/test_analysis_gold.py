"""The hand-annotated analysis gold (eval/gold/analysis/*.json) is well formed, and the fourth and fifth
held-out sets are what eval/analysis.py scores with ``--set heldout4`` / ``--set heldout5``.

Why: eval/analysis.py trusts the gold blindly (spans, sentence order, date values); a file whose span
drifted from its text or whose sentences skip a word would silently lower or raise a reported figure.
These checks are structural only: they never run the quote rules, so they say nothing about how the
system does on a held-out set (that must stay unseen while the rules are tuned).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from tests.conftest import ROOT, shared_path

GOLD = ROOT / "eval" / "gold" / "analysis"
FILES = sorted(GOLD.glob("*.json"))
KEYS = ("id", "source", "outlet", "language", "published", "text", "sentences", "dates", "quotes", "names")
PRECISIONS = {"day", "week", "month", "quarter", "year"}


@cache
def _eval_analysis() -> ModuleType:
    """eval/analysis.py loaded as a module (eval/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("eval_analysis", ROOT / "eval" / "analysis.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


FRESH_SETS = ("heldout4", "heldout5")


def _split(name: str) -> list[Path]:
    return [p for p in FILES if _load(p).get("split") == name]


def _sentence_problems(g: dict) -> list[str]:
    """Sentences must be verbatim, in order, cover every non-space character and stay in a paragraph."""
    text, pos, covered, problems = g["text"], 0, set(), []
    for s in g["sentences"]:
        at = text.find(s, pos)
        if not s or at < 0:
            problems.append(f"sentence not found in order: {s[:40]!r}")
            continue
        if s != s.strip() or "\n\n" in s:
            problems.append(f"sentence unstripped or across a paragraph: {s[:40]!r}")
        covered.update(range(at, at + len(s)))
        pos = at + len(s)
    uncovered = [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered]
    if uncovered:
        i = uncovered[0]
        problems.append(f"text not covered by sentences at {i}: {text[max(0, i - 20) : i + 20]!r}")
    if g["sentences"][:1] != [text.split("\n\n")[0]]:
        problems.append("the title is not exactly one sentence")
    return problems


def _date_problems(g: dict) -> list[str]:
    problems = []
    for d in g["dates"]:
        if d["precision"] not in PRECISIONS:
            problems.append(f"bad precision {d}")
        if not d["start"]:
            if g["published"] and d["relative"]:
                problems.append(f"relative date left unresolved although published is set: {d}")
            continue
        start, end = dt.date.fromisoformat(d["start"]), dt.date.fromisoformat(d["end"])
        if start > end:
            problems.append(f"start after end: {d}")
        if d["precision"] == "week" and (start.weekday(), end.weekday()) != (0, 6):
            problems.append(f"a week is not Monday..Sunday: {d}")
    return problems


def _balanced(quote: str) -> bool:
    """A direct quote keeps inner quote marks but not the outer ones: «» pair up, straight quotes come in twos."""
    return quote.count("«") == quote.count("»") and quote.count('"') % 2 == 0


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_gold_file_is_well_formed(path: Path) -> None:
    g = _load(path)
    assert all(k in g for k in KEYS), f"missing keys: {[k for k in KEYS if k not in g]}"
    assert g["id"] == path.stem
    assert g.get("split", "dev") in _eval_analysis().SETS
    assert _sentence_problems(g) == []
    assert _date_problems(g) == []
    text = g["text"]
    for kind in ("dates", "quotes", "names"):
        for item in g[kind]:
            a, b = item["span"]
            assert text[a:b] == item["text"], f"{kind} span {a}:{b} is {text[a:b]!r}, not {item['text']!r}"
    for q in g["quotes"]:
        assert q["kind"] in ("direct", "indirect")
        assert q["speaker"] is None or (isinstance(q["speaker"], str) and q["speaker"].strip())
        if q["kind"] == "direct":
            assert _balanced(q["text"]), f"outer quote mark kept: {q['text'][:60]!r}"
    assert all(n["lemma"][:1].isupper() for n in g["names"]), "lemmas of proper names are capitalised"


@pytest.mark.parametrize("split", FRESH_SETS)
def test_fresh_set_is_a_varied_selection_of_new_articles(split: str) -> None:
    """20 articles (uk bsnlp, ru bsnlp, uk BRUK) from many outlets, none of them in another set."""
    held = [_load(p) for p in _split(split)]
    assert len(held) == 20
    corpora = sorted((g["source"]["corpus"], g["language"]) for g in held)
    assert corpora.count(("bsnlp", "uk")) == 12
    assert corpora.count(("bsnlp", "ru")) == 5
    assert corpora.count(("bruk", "uk")) == 3
    assert len({g["outlet"] for g in held}) >= 6
    others = [_load(p) for p in FILES if _load(p).get("split") != split]
    seen_docs = {(g["source"]["corpus"], g["source"].get("file") or g["source"]["doc_id"]) for g in others}
    seen_texts = {g["text"] for g in others}
    for g in held:
        doc = (g["source"]["corpus"], g["source"].get("file") or g["source"]["doc_id"])
        assert doc not in seen_docs, f"{g['id']} is already in another gold set"
        assert g["text"] not in seen_texts
        assert 5 <= len(g["names"]) <= 15
        assert g["quotes"], f"{g['id']} was chosen for its quotes"
        assert all(q["text"] == q["text"].strip() for q in g["quotes"])


def test_heldout5_spans_topics_and_outlets() -> None:
    """The honest set covers every BSNLP topic and at least eight outlets (issue 4's brief for heldout5)."""
    held = [_load(p) for p in _split("heldout5")]
    topics = {g["source"]["file"].split("/")[0] for g in held if g["source"]["corpus"] == "bsnlp"}
    assert topics == {"asia_bibi", "brexit", "covid-19", "ec", "trump", "us_election_2020"}
    named = {g["outlet"] for g in held if not g["outlet"].startswith("unknown")}
    assert len(named) >= 8


def test_heldout5_articles_are_used_by_no_other_test() -> None:
    """A test on a held-out article would let its quote rules be tuned on it: heldout5 must stay unseen."""
    docs = {_load(p)["source"].get("file") or _load(p)["source"]["doc_id"] for p in _split("heldout5")}
    for test in sorted((ROOT / "tests").rglob("*.py")):
        if test.name == Path(__file__).name:
            continue
        code = re.sub(r'"\s*\n\s*"', "", test.read_text(encoding="utf-8"))  # implicit concatenation
        used = sorted(d for d in docs if d in code)
        assert not used, f"{test.relative_to(ROOT)} reads held-out articles {used}"


@pytest.mark.parametrize("split", FRESH_SETS)
def test_eval_analysis_selects_the_fresh_set(split: str) -> None:
    analysis = _eval_analysis()
    assert split in analysis.SETS
    picked = analysis.select(FILES, split)
    assert picked == _split(split)
    assert all(analysis.split_of(p) == split for p in picked)
    assert not set(picked) & set(analysis.select(FILES, "dev"))


def _rebuild(row: dict) -> str:
    """Title, then the non-empty stripped lines of the text as paragraphs (the README's "Text" rule)."""
    paragraphs = [p.strip() for p in row["text"].split("\n") if p.strip()]
    return row["title"].strip() + "\n\n" + "\n\n".join(paragraphs)


@pytest.mark.parametrize("split", FRESH_SETS)
def test_fresh_set_texts_are_rebuilt_from_shared(split: str) -> None:
    """Every held-out text is exactly the shared corpus document, rebuilt the way the README says."""
    rows: dict[tuple[str, str], dict] = {}
    for corpus, name, key in (("bsnlp", "bsnlp_uk_ru.jsonl", "file"), ("bruk", "bruk_press.jsonl", "id")):
        for line in shared_path("data", "news", name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[(corpus, row[key])] = row
    for path in _split(split):
        g = _load(path)
        src = g["source"]
        row = rows[(src["corpus"], src.get("file") or src["doc_id"])]
        assert _rebuild(row) == g["text"], path.stem
        assert g["text"].count("\n\n") <= 12, "at most 12 paragraphs after the title"
        if src["corpus"] == "bsnlp":
            assert row["doc_id"] == src["doc_id"]
            assert g["published"] == ((row["date"] or "")[:10] or g["published"])

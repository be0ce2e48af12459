"""Russian training data for the CRF, distilled from slovnet: silver labels on Russian news text.

Why: slovnet (natasha's Russian NER) tags ~16 articles/s per core; the CRF tagger (``ner.py``) tags
hundreds. There is no Russian gold corpus here that we may train on (SlavicNER is the evaluation set),
so slovnet labels Russian news that SlavicNER does *not* contain and the CRF learns from those labels.

The text: the Russian articles of ``data/pairs/ru_*.tsv`` (a news clustering contest's pairs, both
texts and titles) and of ``data/news/bsnlp_uk_ru.jsonl``. Any text that shares a run of
:data:`SHINGLE` words with a SlavicNER document is dropped (BSNLP and SlavicNER are largely the same
articles), so the evaluation on SlavicNER stays unseen. Texts are tokenised with the stage's fallback
tokenizer and slovnet's PER/ORG/LOC spans are mapped onto those tokens (``russian.sentence_spans``).
A text goes to the dev part when the SHA-1 of its content falls in the first ``DEV_SHARE`` of the
hash space: settings are chosen by agreement with slovnet on dev, never on SlavicNER.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

from storyline.entities import russian
from storyline.entities.split import DEV_SHARE
from storyline.entities.tokenize import tokenize

#: Word n-gram length for the overlap test against SlavicNER: one shared run this long excludes a text.
SHINGLE = 8
_WORDS = re.compile(r"\w+", re.UNICODE)


def russian_texts(shared_data: Path) -> list[str]:
    """Russian news texts from ``data/pairs`` and ``data/news`` (deduplicated, in a stable order)."""
    texts: list[str] = []
    csv.field_size_limit(10**8)
    for tsv in sorted((shared_data / "pairs").glob("ru_*.tsv")):
        with tsv.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                for side in ("first", "second"):
                    title = (row.get(f"INPUT:{side}_title") or "").strip()
                    body = (row.get(f"INPUT:{side}_text") or "").strip()
                    if body:
                        texts.append(f"{title}\n\n{body}" if title else body)
    news = shared_data / "news" / "bsnlp_uk_ru.jsonl"
    if news.exists():
        for line in news.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r.get("lang") == "ru" and r.get("text"):
                texts.append(f"{r.get('title') or ''}\n\n{r['text']}".strip())
    seen: set[str] = set()
    out = []
    for t in texts:
        key = " ".join(_WORDS.findall(t.lower()))
        if key and key not in seen:
            seen.add(key)
            out.append(t)
    return out


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    words = [w.replace("ё", "е") for w in _WORDS.findall(text.lower())]
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0))}


def without_overlap(texts: Iterable[str], reference: Iterable[str]) -> list[str]:
    """``texts`` that share no :data:`SHINGLE`-word run with any ``reference`` text."""
    banned: set[tuple[str, ...]] = set()
    for r in reference:
        banned |= shingles(r)
    return [t for t in texts if not (shingles(t) & banned)]


def is_dev_text(text: str, share: float = DEV_SHARE) -> bool:
    h = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big")
    return h < share * 2**64


def silver_sentences(texts: Iterable[str]) -> Iterator[tuple[list[str], list[str]]]:
    """(words, BIO tags) of every sentence of ``texts``, tags from slovnet (PER/ORG/LOC)."""
    for text in texts:
        tokens = tokenize(text)
        sentences = [list(g) for _, g in groupby(tokens, key=lambda t: t.sentence)]
        for sentence, spans in zip(sentences, russian.sentence_spans(text, sentences), strict=True):
            tags = ["O"] * len(sentence)
            for start, end, kind in spans:
                tags[start] = f"B-{kind}"
                for i in range(start + 1, end):
                    tags[i] = f"I-{kind}"
            yield [t.text for t in sentence], tags


def reference_texts(shared_data: Path) -> list[str]:
    """SlavicNER's raw documents (every topic and language): what the silver texts must not overlap."""
    return [
        p.read_text(encoding="utf-8") for p in sorted((shared_data / "slavicner" / "raw").glob("*/*/*.txt"))
    ]


def silver_corpus(shared_data: Path) -> tuple[list[str], list[str]]:
    """(train texts, dev texts): the Russian texts outside SlavicNER, split by a hash of the text."""
    texts = without_overlap(russian_texts(shared_data), reference_texts(shared_data))
    return [t for t in texts if not is_dev_text(t)], [t for t in texts if is_dev_text(t)]

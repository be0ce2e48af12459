"""Reading SlavicNER (../shared/data/slavicner): raw documents and their gold mentions.

Shared by eval/ner.py and eval/canonical.py. Each gold row is ``start end surface lemma TYPE xid`` with
``[start, end)`` character offsets into the raw text.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
SLAVICNER = SHARED / "data" / "slavicner"


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    surface: str
    lemma: str
    type: str
    xid: str


@dataclass(slots=True)
class Doc:
    id: str
    lang: str
    topic: str
    text: str
    gold: list[Gold]


def documents(lang: str) -> Iterator[Doc]:
    """Every document of one language with gold annotations, in a stable order."""
    for tsv in sorted((SLAVICNER / "ner").glob(f"*/{lang}/*.tsv")):
        raw = SLAVICNER / "raw" / tsv.parent.parent.name / lang / (tsv.stem + ".txt")
        if not raw.exists():
            continue
        gold = []
        for line in tsv.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 6 or not cols[0].isdigit():
                continue
            gold.append(Gold(int(cols[0]), int(cols[1]), cols[2], cols[3], cols[4], cols[5]))
        yield Doc(tsv.stem, lang, tsv.parent.parent.name, raw.read_text(encoding="utf-8"), gold)

"""A reproducible development split of ner-uk's training file, by document.

Why: model settings (regularisation, feature set, label set) must be chosen on data the final test
never sees. ner-uk ships only train and test IOB files, with no document boundaries in them; its
``data/`` folder has the source documents (one sentence per line, tokens separated by spaces) and
``dev-test-split.txt`` lists which documents make up train ("DEV") and test. Each IOB sentence is matched
to the document containing the same token sequence; a sentence that matches none (tokenisation
differs) belongs to the document of the sentence before it — the IOB file keeps each document's
sentences together, in order. A document goes to dev when the SHA-1 of its id falls in the first
:data:`DEV_SHARE` of the hash space, so the split does not depend on file order or on Python's hash seed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from storyline.entities.iob import read_iob

#: Share of ner-uk train documents held out as dev.
DEV_SHARE = 0.2


def is_dev(doc_id: str, share: float = DEV_SHARE) -> bool:
    """Whether a document belongs to dev (stable: a hash of its id)."""
    h = int.from_bytes(hashlib.sha1(doc_id.encode("utf-8")).digest()[:8], "big")
    return h < share * 2**64


def train_documents(data_dir: Path) -> list[str]:
    """Ids of ner-uk's training documents (the "DEV" section of ``dev-test-split.txt``)."""
    return _section(data_dir, "DEV")


def held_out_documents(data_dir: Path) -> list[str]:
    """Ids of ner-uk's test documents (the "TEST" section): text that no training step may read."""
    return _section(data_dir, "TEST")


def _section(data_dir: Path, name: str) -> list[str]:
    ids: list[str] = []
    section = ""
    for token in (data_dir / "dev-test-split.txt").read_text(encoding="utf-8").split():
        if token in ("DEV", "TEST"):
            section = token
        elif section == name:
            ids.append(token)
    return ids


def sentence_documents(train_iob: Path, data_dir: Path) -> list[str]:
    """The source document id of every sentence of ``train_iob``."""
    index: dict[tuple[str, ...], list[str]] = {}
    for doc_id in sorted(train_documents(data_dir)):
        for doc in sorted(data_dir.glob(f"*/{doc_id}.txt")):
            for line in doc.read_text(encoding="utf-8").splitlines():
                words = tuple(line.split())
                if words:
                    index.setdefault(words, []).append(doc_id)
    out: list[str] = []
    current = ""
    for words, _ in read_iob(train_iob, None):
        docs = index.get(tuple(words), [])
        if docs and current not in docs:  # a sentence found in several documents keeps the current one
            current = docs[0]
        out.append(current)
    first = next((d for d in out if d), "")
    return [d or first for d in out]  # sentences before the first match: the first document


def split_sentences(
    train_iob: Path, data_dir: Path, types: frozenset[str] | None = None, share: float = DEV_SHARE
) -> tuple[list[tuple[list[str], list[str]]], list[tuple[list[str], list[str]]]]:
    """(train part, dev part) of ``train_iob`` as (words, tags) sentences, split by document."""
    docs = sentence_documents(train_iob, data_dir)
    train: list[tuple[list[str], list[str]]] = []
    dev: list[tuple[list[str], list[str]]] = []
    for doc, sentence in zip(docs, read_iob(train_iob, types), strict=True):
        (dev if is_dev(doc, share) else train).append(sentence)
    return train, dev


def write_iob(sentences: Iterator[tuple[list[str], list[str]]] | list, path: Path) -> None:
    """Write sentences back as an IOB file (what ``ner.train`` and ``evaluate_iob`` read)."""
    with path.open("w", encoding="utf-8") as fh:
        for words, tags in sentences:
            fh.writelines(f"{w} {t}\n" for w, t in zip(words, tags, strict=True))
            fh.write("\n")

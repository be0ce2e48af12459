"""Distributional word clusters of Ukrainian, learned from unlabeled text: a CRF feature.

Why: ner-uk train has ~200k tokens, so many words of a new article were never seen labelled. Words
that occur in the same contexts ("Київ", "Львів", "Харків"; "заявити", "повідомити") fall into the same
cluster, and the CRF learns a weight for the cluster: what it learnt from the seen words carries over to
the unseen ones. Clusters are of lemmas (pymorphy3's), not of forms: Ukrainian inflects every noun
into a dozen forms, and with this little text a form's own contexts are too few (forms were measured
too: dev micro-F1 0.840, below the 0.843 of no clusters; lemmas 0.846). This is the classic semi-supervised boost for linear NER taggers (Brown clusters in
Ratinov & Roth 2009); here, for speed and small code, k-means over reduced co-occurrence vectors:

1. count, for every lemma (other tokens: lower-cased) seen :data:`MIN_COUNT` times, the :data:`CONTEXTS` most frequent
   words at offsets -2, -1, +1, +2 (separately per offset);
2. positive PMI, then a truncated SVD (fixed seed) to :data:`DIMS` dimensions, rows L2-normalised;
3. k-means (fixed seed) at each granularity of :data:`GRANULARITIES`: a word gets one id per
   granularity, coarse ids generalise, fine ones discriminate.

Text: the words of ner-uk train (not test) and the BRUK press fragments of ``data/news`` that share no
8-word run with an excluded document (ner-uk test documents; for choosing settings, dev ones too).
BSNLP's Ukrainian articles are left out: they are SlavicNER's documents, an evaluation set.

The table ships gzip'd in ``models/clusters-uk.tsv.gz`` (word, then one id per granularity), written
deterministically; ``storyline train-ner --clusters`` rebuilds it. :func:`cluster_ids` is what
:mod:`features` calls; :func:`use_table` lets an experiment swap in a table built without dev text.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from storyline.entities.distill import without_overlap
from storyline.entities.iob import read_iob
from storyline.entities.morphology import word_info
from storyline.entities.tokenize import tokenize

TABLE = Path(__file__).with_name("models") / "clusters-uk.tsv.gz"
#: Words seen fewer times get no cluster (their vectors are noise).
MIN_COUNT = 3
#: Context vocabulary: the most frequent words.
CONTEXTS = 2000
DIMS = 100
GRANULARITIES = (64, 256, 1024)
SEED = 7

_table_path: Path = TABLE


def use_table(path: Path) -> None:
    """Read clusters from ``path`` from now on (an experiment's table); callers clear feature caches."""
    global _table_path
    _table_path = path
    _table.cache_clear()


@functools.cache
def _table() -> dict[str, tuple[str, ...]]:
    if not _table_path.exists():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    with gzip.open(_table_path, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, *ids = line.rstrip("\n").split("\t")
            out[word] = tuple(ids)
    return out


def cluster_ids(word_lower: str) -> tuple[str, ...]:
    """One cluster id per granularity (coarse first) of a lemma or lower-cased token; empty if none."""
    return _table().get(word_lower, ())


def unlabeled_sentences(
    train_iob: Path, data_dir: Path, news: Path, excluded_docs: Iterable[str]
) -> list[list[str]]:
    """Sentences as lemmas (:func:`unit`): ner-uk ``train_iob``'s words, then the press fragments of
    :func:`press_texts`."""
    out = [[unit(w) for w in words] for words, _ in read_iob(train_iob, None)]
    for text in press_texts(news, data_dir, excluded_docs):
        sentence: list[str] = []
        current = 0
        for token in tokenize(text):
            if token.sentence != current and sentence:
                out.append(sentence)
                sentence = []
            current = token.sentence
            sentence.append(unit(token.text))
        if sentence:
            out.append(sentence)
    return out


def press_texts(news: Path, data_dir: Path, excluded_docs: Iterable[str]) -> list[str]:
    """The BRUK press fragments of ``news`` that share no 8-word run with the ner-uk documents
    ``excluded_docs`` (ids of files under ``data_dir``): ner-uk took its BRUK texts from the same
    corpus, and ~20 of these fragments are (parts of) ner-uk test documents."""
    reference = [
        p.read_text(encoding="utf-8")
        for doc in sorted(excluded_docs)
        for p in sorted(data_dir.glob(f"*/{doc}.txt"))
    ]
    texts = [
        json.loads(line)["text"] for line in news.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return without_overlap(texts, reference)


def unit(word: str) -> str:
    """What the table is keyed by: a word's lemma (pymorphy3, Ukrainian), another token lower-cased."""
    return word_info(word, "uk").lemma if word[:1].isalpha() else word.lower()


def learn(sentences: list[list[str]]) -> dict[str, tuple[int, ...]]:
    """word -> one k-means cluster per granularity (deterministic for the same sentences)."""
    from scipy import sparse
    from sklearn.cluster import KMeans
    from sklearn.utils.extmath import randomized_svd

    counts = Counter(w for s in sentences for w in s)
    vocab = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, w in enumerate(vocab[:CONTEXTS])}
    rows: list[int] = []
    cols: list[int] = []
    for s in sentences:
        ids = [index.get(w, -1) for w in s]
        ctx = [contexts.get(w, -1) for w in s]
        for i, wid in enumerate(ids):
            if wid < 0:
                continue
            for slot, off in enumerate((-2, -1, 1, 2)):
                j = i + off
                if 0 <= j < len(s) and ctx[j] >= 0:
                    rows.append(wid)
                    cols.append(slot * CONTEXTS + ctx[j])
    n_ctx = 4 * CONTEXTS
    m = sparse.coo_matrix(
        (np.ones(len(rows)), (np.array(rows), np.array(cols))), shape=(len(vocab), n_ctx)
    ).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel()
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    u, s, _ = randomized_svd(ppmi, DIMS, random_state=SEED)
    vectors = u * np.sqrt(s)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    labels = [
        KMeans(k, n_init=1, random_state=SEED).fit_predict(vectors) for k in GRANULARITIES if k < len(vocab)
    ]
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


def write(clusters: dict[str, tuple[int, ...]], path: Path) -> None:
    """The table as gzip'd TSV, sorted by word, with no timestamp (same bytes for the same clusters)."""
    lines = "".join(f"{w}\t" + "\t".join(map(str, ids)) + "\n" for w, ids in sorted(clusters.items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(lines.encode("utf-8"))


def build(ner_uk: Path, news: Path, out: Path, train_iob: Path | None = None, dev_too: bool = False) -> int:
    """Learn the table from ner-uk train text (``train_iob``, default its ``iob/train.iob``) and BRUK
    press, never from ner-uk test documents (nor dev ones with ``dev_too``); write it; its size."""
    from storyline.entities.split import held_out_documents, is_dev, train_documents

    data_dir = ner_uk / "data"
    excluded = held_out_documents(data_dir)
    if dev_too:
        excluded += [d for d in train_documents(data_dir) if is_dev(d)]
    sentences = unlabeled_sentences(train_iob or ner_uk / "iob" / "train.iob", data_dir, news, excluded)
    clusters = learn(sentences)
    write(clusters, out)
    return len(clusters)

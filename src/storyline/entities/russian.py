"""Russian NER with slovnet's news model, whose weights ship inside the ``natasha`` wheel.

slovnet is the teacher of the Russian CRF (:mod:`distill`, ``storyline train-ner --lang ru``), which
the stage uses by default because it is ~20x faster; ``EntityStage(russian_ner="slovnet")`` tags
with slovnet itself (better on SlavicNER, see README "## Entities"). natasha itself is not imported
(its morphology needs pymorphy2); only its data files are read, by slovnet and navec.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
from pathlib import Path
from typing import Any

from storyline.errors import ModelError
from storyline.model import Token

EMBEDDINGS = "emb/navec_news_v1_1B_250K_300d_100q.tar"
NER_MODEL = "model/slovnet_ner_news_v1.tar"


def _data_dir() -> Path | None:
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data"
    return path if (path / NER_MODEL).exists() else None


def available() -> bool:
    return _data_dir() is not None and importlib.util.find_spec("slovnet") is not None


@functools.cache
def _model() -> Any:
    data = _data_dir()
    if data is None:
        raise ModelError("Russian NER needs the natasha package (pip install natasha==1.6.0)")
    from navec import Navec
    from slovnet import NER

    ner = NER.load(str(data / NER_MODEL))
    ner.navec(Navec.load(str(data / EMBEDDINGS)))
    return ner


def sentence_spans(text: str, sentences: list[list[Token]]) -> list[list[tuple[int, int, str]]]:
    """Per sentence, ``(first token, last token + 1, type)`` of slovnet's PER/ORG/LOC spans.

    The article goes to slovnet as one text (its CNN handles long inputs; one call per article is ~2x
    faster than one per sentence); spans are then mapped onto our tokens and sentences.
    """
    out: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    tokens = [(k, i, t) for k, s in enumerate(sentences) for i, t in enumerate(s)]
    if not tokens:
        return out
    base = tokens[0][2].start
    markup = _model()(text[base : tokens[-1][2].end])
    starts = [t.start for _, _, t in tokens]
    for span in markup.spans:
        start, stop = base + span.start, base + span.stop
        first = bisect.bisect_left(starts, start)
        inside = [(k, i) for k, i, t in tokens[first:] if t.end <= stop and t.start < stop]
        if not inside:
            continue
        k = inside[0][0]
        same = [i for kk, i in inside if kk == k]  # a span never crosses a sentence boundary
        out[k].append((same[0], same[-1] + 1, span.type))
    return out

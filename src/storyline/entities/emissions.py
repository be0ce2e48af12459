"""CRF emission scores of an article's tokens, from weight vectors cached per word form.

``features.sentence_features`` gives a token (1) its word form's own features, (2) features lent by
the words up to two positions away, and (3) a few that depend on the pair (previous/next word + own
shape), on the position (BOS, EOS, a capital mid-sentence) or on quotes around it. (1) and (2) depend
on one word form only: their weight sums are computed once per form and kept in a pool of vectors.
(3) is added per article with numpy: position features by masks, pair features by looking the
(neighbour form, own shape) keys up in a sorted table of the pairs the model knows, quotes per sentence
that has any. The result equals the sum of the weights of ``sentence_features``, token by token.

The article is laid out as one row of pool ids with two PAD rows (zero vectors) around every
sentence, so what neighbours lend is four shifted slices of one gathered array rather than a masked
gather per offset: the per-article numpy calls no longer grow with the number of sentences.
"""

from __future__ import annotations

import numpy as np

from storyline.entities.crf import CrfModel
from storyline.entities.features import quotes_of, word_features

#: Word forms kept in the pool before it is emptied, between two articles (news repeats a few tens
#: of thousands of forms).
POOL_SIZE = 300_000
#: Tokens that open or close a quotation (``features._inside_quotes``).
QUOTE_TOKENS = frozenset({"«", "»", "“", "”", "„", '"'})
_SHIFT = 20  # pair key = form id << _SHIFT | shape id
PAD = 0  # the pool row of the padding around sentences


class EmissionCache:
    """Per-process cache of word-form weight vectors for one model and feature set."""

    def __init__(self, model: CrfModel, feature_set: str) -> None:
        self.model = model
        self.feature_set = feature_set
        self._title_mid = model.vector(("title-mid",))
        self._bos = model.vector(("BOS",))
        self._eos = model.vector(("EOS",))
        self._in_quotes = model.attributes.get("in-quotes")
        self._pairs = _pair_index(model)  # "pw|sh=<word>|" -> {"sh=<shape>": row}
        self._shapes: dict[str, int] = {}
        self._reset()

    def _reset(self) -> None:
        self._ids: dict[str, dict[str, int]] = {}  # language -> word form -> pool row
        self._size = PAD + 1  # row 0 is the PAD between sentences: zero vectors, no pair features
        self._vectors = np.zeros((1024, 6, len(self.model.labels)))
        self._shape = np.zeros(1024, dtype=np.int64)
        self._quote = np.zeros(1024, dtype=bool)
        # known pair features of the forms in the pool: sorted keys and their weight rows
        self._pair_keys = {"pw": [], "nw": []}  # type: dict[str, list[tuple[int, int]]]
        self._tables: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def emissions(self, sentences: list[list[str]], lang: str) -> np.ndarray:
        """(N, L) emission scores of the tokens of the (non-empty) ``sentences``, in order."""
        if self._size >= POOL_SIZE:  # emptied between articles only: ids below stay valid
            self._reset()
        ids = self._padded_ids(sentences, lang)
        stacked = self._vectors[ids]  # (M, 6, L); row 0 (PAD) is all zeros
        core = ids[2:-2]  # every token and the PAD pairs between sentences
        real = core != PAD
        first = real & (ids[1:-3] == PAD)
        last = real & (ids[3:-1] == PAD)
        # a word's own features; past the first token, with "title-mid" when it is capitalised
        out = np.where(first[:, None], stacked[2:-2, 0], stacked[2:-2, 1])
        # token i gets what the word at i + off lends to a neighbour at offset off (-2, -1, 1, 2); two
        # PADs between sentences lend nothing and keep one sentence's words from reaching the next
        out += stacked[:-4, 2]
        out += stacked[1:-3, 3]
        out += stacked[3:-1, 4]
        out += stacked[4:, 5]
        out[first] += self._bos
        out[last] += self._eos
        shape = self._shape[core]
        # "pw|sh=<previous word>|<own shape>", "nw|sh=<next word>|<own shape>" (a PAD neighbour is
        # never a known pair)
        self._add_pairs(out, "pw", ids[1:-3], shape)
        self._add_pairs(out, "nw", ids[3:-1], shape)
        out = out[real]
        if self._in_quotes is not None:
            quote = self._quote[core[real]]
            if quote.any():
                self._add_quotes(out, sentences, quote)
        return out

    def _padded_ids(self, sentences: list[list[str]], lang: str) -> np.ndarray:
        """Pool rows of the tokens, with two PADs before, between and after the sentences."""
        known = self._ids.setdefault(lang, {})
        get = known.get
        flat = [PAD, PAD]
        for words in sentences:
            for w in words:
                n = get(w)
                flat.append(self._id(w, lang) if n is None else n)
            flat += (PAD, PAD)
        return np.array(flat, dtype=np.int64)

    def _add_pairs(self, out: np.ndarray, kind: str, neighbour: np.ndarray, shape: np.ndarray) -> None:
        """Add the weights of the known (neighbour form, own shape) pairs, position by position."""
        keys, rows = self._table(kind)
        if not len(keys):
            return
        query = (neighbour << _SHIFT) | shape
        where = np.searchsorted(keys, query)
        where[where == len(keys)] = 0
        hit = keys[where] == query
        if hit.any():
            np.add.at(out, np.flatnonzero(hit), self.model.weights[rows[where[hit]]])

    def _add_quotes(self, out: np.ndarray, sentences: list[list[str]], quote: np.ndarray) -> None:
        base = 0
        row = self.model.weights[self._in_quotes]
        for words in sentences:
            n = len(words)
            if quote[base : base + n].any():
                inside = np.flatnonzero(quotes_of(words, self.feature_set))
                out[base + inside] += row
            base += n

    def _table(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        table = self._tables.get(kind)
        if table is None:
            pairs = sorted(self._pair_keys[kind])
            keys = np.array([k for k, _ in pairs], dtype=np.int64)
            rows = np.array([r for _, r in pairs], dtype=np.int64)
            table = self._tables[kind] = (keys, rows)
        return table

    def _id(self, word: str, lang: str) -> int:
        n = self._ids.setdefault(lang, {})[word] = self._add(word, lang)
        self._size += 1
        return n

    def _add(self, word: str, lang: str) -> int:
        """Put a new word form in the pool: its vectors, shape, quote flag and known pair features."""
        n = self._size
        if n == len(self._vectors):
            self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
            self._shape = np.concatenate([self._shape, np.zeros_like(self._shape)])
            self._quote = np.concatenate([self._quote, np.zeros_like(self._quote)])
        own, lent = word_features(word, lang, self.feature_set)
        m = self.model
        own_vec = m.vector(own)
        mid = own_vec + self._title_mid if "title" in own else own_vec
        self._vectors[n] = np.stack([own_vec, mid, *(m.vector(lent.get(off, ())) for off in (-2, -1, 1, 2))])
        self._shape[n] = self._shape_id(own[6])  # "sh=…" (features._own puts it seventh)
        self._quote[n] = word in QUOTE_TOKENS
        low = word.lower()
        for kind in ("pw", "nw"):
            for shape, row in self._pairs.get(f"{kind}|sh={low}|", {}).items():
                self._pair_keys[kind].append(((n << _SHIFT) | self._shape_id(shape), row))
                self._tables.pop(kind, None)
        return n

    def _shape_id(self, shape: str) -> int:
        return self._shapes.setdefault(shape, len(self._shapes))


def _pair_index(model: CrfModel) -> dict[str, dict[str, int]]:
    """The model's pair attributes "pw|sh=<word>|sh=<shape>" / "nw|…", by "<kind>|sh=<word>|"."""
    out: dict[str, dict[str, int]] = {}
    for attr, row in model.attributes.items():
        if attr.startswith(("pw|sh=", "nw|sh=")):
            head, _, shape = attr.rpartition("|sh=")
            out.setdefault(head + "|", {})["sh=" + shape] = row
    return out

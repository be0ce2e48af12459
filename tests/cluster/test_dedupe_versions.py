"""Near duplicates on real text: an edited reprint is a version of its original; another report is not."""

from __future__ import annotations

from storyline.cluster.text import fold, words
from storyline.dedupe import VersionGrouper, shingles

DAY = 86400.0


def _folded(text: str) -> list[str]:
    return [fold(w) for w in words(text)]


def _seed_parts(path) -> tuple[str, list[str]]:
    lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines[0], lines[2:]


def test_edited_reprint_joins_the_original_group(seed_unn, seed_zn):
    title, body = _seed_parts(seed_unn)
    original = title + "\n" + "\n".join(body)
    # a reprint: new headline, last paragraph dropped, a typo fixed, quotes changed
    reprint = "Держсекретар США провів розмову з Лавровим\n" + "\n".join(body[:-1]).replace('"', "«")
    other_title, other_body = _seed_parts(seed_zn)
    other = other_title + "\n" + "\n".join(other_body)

    grouper = VersionGrouper()
    first = grouper.add("unn", _folded(original), 0.0)
    copy = grouper.add("reprint", _folded(reprint), 3600.0)
    different = grouper.add("zn", _folded(other), 7200.0)
    assert first.is_original and first.group_id == "unn"
    assert not copy.is_original and copy.group_id == "unn" and copy.similarity >= 0.5
    assert different.is_original and different.group_id == "zn"


def test_versions_are_forgotten_after_the_window(seed_unn):
    title, body = _seed_parts(seed_unn)
    text = _folded(title + " " + " ".join(body))
    grouper = VersionGrouper(window_days=7)
    grouper.add("a", text, 0.0)
    late = grouper.add("b", text, 30 * DAY)
    assert late.is_original  # a month later the original left the window: bounded memory
    assert len(grouper) == 1


def test_case_and_letter_variants_do_not_hide_a_copy():
    a = _folded("Блінкен поговорив телефоном з Лавровим про гарантії безпеки і подальші переговори")
    b = _folded("БЛІНКЕН поговорив телефоном з Лавровим про гарантії безпеки і подальші переговори")
    assert shingles(a) == shingles(b)


# ----------------------------------------------------------------------------------------- fast paths
# The signature and the band index are re-implementations for speed; they must give exactly what
# datasketch gives (the same versions on the same text), so they are compared with it on real news.


def _bsnlp_folded(topics: set[str]) -> list[tuple[str, list[str]]]:
    from tests.helpers import bsnlp_articles

    return [(a.id, _folded(a.text)) for a in bsnlp_articles(topics)]


def _datasketch_minhash(folded: list[str]):
    import zlib

    from datasketch import MinHash

    from storyline.dedupe import _SEED_HASH, NUM_PERM

    m = MinHash(
        num_perm=NUM_PERM,
        hashfunc=zlib.crc32,
        permutations=_SEED_HASH.permutations,
        scheme=_SEED_HASH.scheme,
    )
    items = shingles(folded)
    if items:
        m.update_batch(items)
    return m


def test_signature_is_datasketchs_minhash_of_the_shingles(seed_unn):
    import numpy as np

    from storyline.dedupe import signature

    title, body = _seed_parts(seed_unn)
    texts = [_folded(title + " " + " ".join(body)), _folded(title), [], ["один"]]
    texts += [folded for _, folded in _bsnlp_folded({"brexit"})[:60]]
    for folded in texts:
        expected = _datasketch_minhash(folded).hashvalues
        got = signature(folded)
        assert got.dtype == expected.dtype
        assert np.array_equal(got, expected)


def test_band_index_returns_the_candidates_of_datasketch_lsh():
    from datasketch import MinHashLSH

    from storyline.dedupe import NUM_PERM, VERSION_THRESHOLD, BandIndex, signature

    docs = _bsnlp_folded({"brexit", "nord_stream"})
    ours, theirs = BandIndex(VERSION_THRESHOLD, NUM_PERM), MinHashLSH(VERSION_THRESHOLD, NUM_PERM)
    found = 0
    for n, (doc_id, folded) in enumerate(docs):
        m = _datasketch_minhash(folded)
        assert ours.query(signature(folded)) == set(theirs.query(m))
        found += bool(ours.query(signature(folded)))
        ours.insert(doc_id, signature(folded))
        theirs.insert(doc_id, m)
        if n % 3 == 2:  # removals too: the window evicts
            old = docs[n - 2][0]
            ours.remove(old)
            theirs.remove(old)
    assert found > 5  # BSNLP repeats stories across outlets: the comparison saw real candidates

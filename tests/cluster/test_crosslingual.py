"""Russian keys translated into Ukrainian ones, on real articles of the BSNLP corpus."""

from __future__ import annotations

from tests.helpers import bsnlp_articles

from storyline.cluster.crosslingual import ru_to_uk_keys, translate_keys
from storyline.cluster.features import extract_features
from storyline.cluster.text import key_of


def test_lexicon_maps_differing_vocabulary_and_skips_cognates():
    table = ru_to_uk_keys()
    assert len(table) > 1000
    assert table[key_of("выборщик")] == key_of("виборник")
    assert table[key_of("победа")] == key_of("перемога")
    assert key_of("переговоры") not in table  # a cognate folds to the uk key already


def test_russian_electors_article_shares_the_ukrainian_key():
    articles = bsnlp_articles({"us_election_2020"})
    ru = next(a for a in articles if a.language == "ru" and "выборщик" in a.title.lower())
    uk = next(a for a in articles if a.language == "uk" and "виборник" in a.title.lower())
    ru_terms = extract_features(ru).terms
    uk_terms = extract_features(uk).terms
    assert key_of("виборник") in uk_terms
    assert key_of("виборник") in ru_terms and key_of("выборщик") not in ru_terms
    assert extract_features(ru).title_terms.keys() & extract_features(uk).title_terms.keys()


def test_only_russian_articles_are_rewritten():
    counts = {key_of("победа"): 2.0, key_of("перемога"): 1.0}
    assert translate_keys(counts, "uk") == counts
    assert translate_keys(counts, "ru") == {key_of("перемога"): 3.0}

"""The learned speaker ranker: the shipped weights are what eval/train_quotes.py builds from the gold,
and on real articles outside every gold set it resolves the anaphora the rules left as written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from storyline.analyze.quote_speakers import MODEL_PATH, load_model

EVAL = Path(__file__).resolve().parents[2] / "eval"


@pytest.fixture(scope="module")
def train_quotes():
    sys.path.insert(0, str(EVAL))
    try:
        import train_quotes  # type: ignore[import-not-found]

        yield train_quotes
    finally:
        sys.path.remove(str(EVAL))


def test_the_shipped_model_is_what_the_training_script_builds(train_quotes):
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    built = train_quotes.build(train_quotes.training_examples())
    assert built["features"] == shipped["features"]
    assert built["weights"] == pytest.approx(shipped["weights"], abs=2e-6)
    assert built["meta"] == shipped["meta"]


def test_the_model_is_loaded_and_prefers_the_rules_answer_by_default():
    weights, bias = load_model()
    # the rule's own answer is a strong prior: without other evidence it wins
    assert weights["rule"] > 0
    assert weights.get("rule:person", 0) >= weights.get("rule:noun", 0)
    assert bias == 0.0

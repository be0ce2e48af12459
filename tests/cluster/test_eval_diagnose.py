"""eval/cluster.py's dev diagnosis: B-cubed losses add up to the measure, and a split by gold only helps."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from tests.helpers import bsnlp_articles

from storyline.cluster import cluster_articles

EVAL = Path(__file__).resolve().parents[2] / "eval" / "cluster.py"


@pytest.fixture(scope="module")
def ev():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_cluster", EVAL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_cluster"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def clustered(ev):  # type: ignore[no-untyped-def]
    """asia_bibi and brexit clustered from raw text, with their gold events and the dev articles."""
    articles = bsnlp_articles({"asia_bibi", "brexit"})
    pred = cluster_articles(articles).assignment()
    rows, split = ev.load_gold()
    gold = {i: r["event_id"] for i, r in rows.items() if i in pred}
    lang = {a.id: a.language for a in articles}
    dev = [i for i in gold if split.get(gold[i], "dev") == "dev"]
    return pred, gold, lang, dev


def test_losses_add_up_to_bcubed_precision_and_recall(ev, clustered):
    pred, gold, _, dev = clustered
    p_loss, r_loss = ev.bcubed_losses(pred, gold, dev)
    b3 = ev.bcubed(pred, gold, dev)
    assert b3["n"] == len(dev) > 150
    assert sum(p_loss.values()) == pytest.approx(len(dev) * (1 - b3["p"]), abs=0.01)
    assert sum(r_loss.values()) == pytest.approx(len(dev) * (1 - b3["r"]), abs=0.01)
    assert set(r_loss) == {gold[i] for i in dev}


def test_the_costliest_mixed_event_split_by_gold_never_scores_lower(ev, clustered):
    """Splitting one predicted event along gold lines keeps every recall and raises precision."""
    pred, gold, lang, dev = clustered
    report = ev.diagnose(pred, gold, lang, dev, top=3)
    worst = report["precision_loss"][0]
    assert worst["loss"] > 1.0 and len(worst["gold_events"]) > 1  # several happenings in one event
    assert all(c["f1_if_split"] >= report["f1"] for c in report["precision_loss"])
    assert worst["f1_if_split"] > report["f1"]

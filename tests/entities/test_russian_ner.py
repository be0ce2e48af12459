"""Russian NER: the CRF distilled from slovnet ships, finds the gold persons and places of real
SlavicNER documents (never trained on), and slovnet itself stays available."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import shared_path

from storyline.entities import russian
from storyline.entities.ner import RU_MODEL
from storyline.entities.stage import EntityStage
from storyline.entities.tokenize import tokenize


def _documents(n: int) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """The first ``n`` Brexit documents of SlavicNER ru: text and gold PER/LOC spans."""
    root = shared_path("data", "slavicner")
    out = []
    for tsv in sorted((root / "ner" / "brexit" / "ru").glob("*.tsv"))[:n]:
        text = (root / "raw" / "brexit" / "ru" / (tsv.stem + ".txt")).read_text(encoding="utf-8")
        gold = set()
        for line in tsv.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 5 and cols[0].isdigit() and cols[4] in ("PER", "LOC"):
                gold.add((int(cols[0]), int(cols[1]), cols[4]))
        out.append((text, gold))
    return out


def _recall(stage: EntityStage, docs: list[tuple[str, set[tuple[int, int, str]]]]) -> float:
    found = total = 0
    for text, gold in docs:
        mentions, _ = stage.extract(text, tokenize(text), "ru")
        predicted = {(m.span.start, m.span.end, m.type) for m in mentions}
        found += len(gold & predicted)
        total += len(gold)
    return found / total


def test_russian_model_ships_small() -> None:
    assert RU_MODEL.exists()
    assert RU_MODEL.stat().st_size < 1_000_000


def test_crf_finds_most_gold_persons_and_places() -> None:
    docs = _documents(20)
    assert sum(len(g) for _, g in docs) > 50
    assert _recall(EntityStage(russian_ner="crf"), docs) > 0.7


def test_crf_tags_a_russian_sentence() -> None:
    text = "Премьер-министр Великобритании Тереза Мэй встретилась в Брюсселе с Жан-Клодом Юнкером."
    mentions, _ = EntityStage().extract(text, tokenize(text), "ru")
    found = {(m.text, m.type, m.canonical) for m in mentions if m.score >= 1.0}
    assert ("Тереза Мэй", "PER", "Тереза Мэй") in found
    assert ("Брюсселе", "LOC", "Брюссель") in found


@pytest.mark.skipif(not russian.available(), reason="natasha (slovnet) not installed")
def test_slovnet_stays_available() -> None:
    docs = _documents(5)
    assert _recall(EntityStage(russian_ner="slovnet"), docs) > 0.7


def test_missing_russian_model_falls_back_to_slovnet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if not russian.available():
        pytest.skip("natasha (slovnet) not installed")
    from storyline.entities import stage as stage_module

    monkeypatch.setattr(stage_module, "RU_MODEL", tmp_path / "none.crf.gz")
    assert _recall(EntityStage(), _documents(5)) > 0.7

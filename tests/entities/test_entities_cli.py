"""``storyline entities`` and ``storyline entity NAME`` over a store filled from the seeds."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app
from storyline.entities import EntityStage
from storyline.model import Article, Paragraph
from storyline.store import Store
from storyline.store.articles import article_id_for


def seed_article(path: Path, article_id: str) -> Article:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return Article(id=article_id, title=lines[0], body=[Paragraph(x) for x in lines[1:]], language="uk")


def test_entities_and_entity_commands(tmp_path: Path, seed_unn: Path, seed_zn: Path) -> None:
    db = tmp_path / "s.db"
    store = Store.open(db)
    stage = EntityStage()
    batch = []
    for path, key in ((seed_unn, "000"), (seed_zn, "003")):
        article = seed_article(path, key)
        article.id = article_id_for("test:" + key)
        article.content_hash = article.id
        store.save_articles([article])
        batch.append(stage(article))
    stage.finish(store, batch)
    store.close()
    runner = CliRunner()
    listed = runner.invoke(app, ["entities", "--db", str(db), "--json", "--type", "PER"])
    assert listed.exit_code == 0, listed.output
    names = {e["canonical"] for e in json.loads(listed.output)}
    assert {"Ентоні Блінкен", "Сергій Лавров"} <= names
    shown = runner.invoke(app, ["entity", "Лавровим", "--db", str(db), "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["entity"]["canonical"] == "Сергій Лавров"
    assert len(data["articles"]) == 2
    missing = runner.invoke(app, ["entity", "Неіснуючий Персонаж", "--db", str(db)])
    assert missing.exit_code == 3

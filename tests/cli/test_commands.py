"""The command list is pinned: adding or renaming a command is a visible, reviewed change."""

from __future__ import annotations

import typer.main

from storyline.cli import app

COMMANDS = [
    "analyze",
    "articles",
    "backfill",
    "cluster",
    "compare",
    "demo",
    "entities",
    "entity",
    "event",
    "events",
    "export",
    "ingest",
    "search",
    "serve",
    "show",
    "storyline",
    "storylines",
    "summary",
    "timeline",
    "train-ner",
]


def test_command_list_is_pinned():
    assert sorted(typer.main.get_command(app).commands) == COMMANDS


def test_every_command_offers_json_except_servers_and_training():
    commands = typer.main.get_command(app).commands
    for name, command in commands.items():
        if name in ("serve", "train-ner", "export"):
            continue
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert "--json" in options, name

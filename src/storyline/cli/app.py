"""The typer application object that every CLI module registers its commands on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="storyline",
    help="storyline: news articles from many outlets into events and storylines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

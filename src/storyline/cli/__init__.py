"""The ``storyline`` command line: thin over the library, one module per area.

Each area module (``cli/ingest.py``, ``cli/analyze.py`` …) defines its commands on the shared ``app``;
this package imports them in one place so the command list is stable (see tests/cli/test_commands.py).
"""

from __future__ import annotations

# Registration: importing a module adds its commands to ``app``.
from storyline.cli import analyze as _analyze  # noqa: F401
from storyline.cli import articles as _articles  # noqa: F401
from storyline.cli import backfill as _backfill  # noqa: F401
from storyline.cli import cluster as _cluster  # noqa: F401
from storyline.cli import demo as _demo  # noqa: F401
from storyline.cli import entities as _entities  # noqa: F401
from storyline.cli import ingest as _ingest  # noqa: F401
from storyline.cli import views as _views  # noqa: F401
from storyline.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]

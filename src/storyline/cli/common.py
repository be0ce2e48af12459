"""What every CLI command shares: the store option, JSON output, exit codes, error printing.

Exit codes mean something to scripts:
    0  success
    1  partial success: some inputs were rejected (the rest was processed and committed)
    2  usage error (bad arguments; typer/click's own code)
    3  nothing found (an id or name that does not exist)
    4  storage or model error (nothing usable happened)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from storyline.model import to_dict
from storyline.store import Store

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_NOT_FOUND = 3
EXIT_FAILURE = 4

console = Console()
err_console = Console(stderr=True)

# A string, not a Path: Path("postgresql://u@h/db") collapses "//" and the URL becomes a file name.
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="STORYLINE_DB",
        help="SQLite file or database URL (default: ~/.local/share/storyline/storyline.db).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def open_store(db: Path | str | None) -> Store:
    from storyline.errors import StorageError

    try:
        return Store.open(db)
    except StorageError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_FAILURE) from exc


@contextlib.contextmanager
def store_errors(command: str, db: Path | str | None) -> Iterator[None]:
    """Turn a database failure in the middle of a command into one line and exit code 4.

    Work is committed batch by batch, so what was committed before the failure stays; the message
    says so, and names the store, instead of a traceback.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from storyline.errors import StorageError

    try:
        yield
    except (SQLAlchemyError, StorageError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        err_console.print(
            f"[red]error:[/red] {command} stopped: the store {db or 'storyline.db'} failed ({reason}); "
            "batches committed before this are kept, run it again to continue"
        )
        raise typer.Exit(EXIT_FAILURE) from exc


def progress_bar(*, disable: bool = False, transient: bool = True, remaining: bool = False) -> Progress:
    """The one progress bar of long commands, on stderr (stdout stays clean for --json): the task's
    description, bar, done/total, and time elapsed (or, for long runs, time remaining)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn() if remaining else TimeElapsedColumn(),
        console=err_console,
        disable=disable,
        transient=transient,
    )


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_dict(data), ensure_ascii=False, indent=2, default=str) + "\n")


def iso_date_option(value: str | None) -> dt.datetime | None:
    """A --since/--until value as a datetime; a bad value is a usage error (exit 2) naming it."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO date: {value!r}") from exc


def not_found(what: str) -> typer.Exit:
    err_console.print(f"[red]not found:[/red] {what}")
    return typer.Exit(EXIT_NOT_FOUND)


def day(value: dt.datetime | None) -> str:
    """A timestamp as its ISO date for a table cell, "—" when unknown."""
    return value.date().isoformat() if value else "—"


def print_table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """The human form of a listing: one rich table of string cells on stdout."""
    table = Table(*columns)
    for row in rows:
        table.add_row(*row)
    console.print(table)

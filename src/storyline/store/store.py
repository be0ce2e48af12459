"""The Store: one object over one database, SQLite by default, PostgreSQL by URL.

Why SQLAlchemy Core and not the ORM: the stages exchange dataclasses from :mod:`storyline.model`, not
ORM objects, so Core's tables plus explicit conversions are simpler and faster. The schema is owned by
Alembic migrations, which run on open, so an old database file is upgraded in place.

Each group of records has its repository mixin in its own module (articles, analyses, entities,
events); :class:`Store` combines them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from storyline.errors import StorageError
from storyline.store.analyses import AnalysesMixin
from storyline.store.articles import ArticlesMixin
from storyline.store.entities import EntitiesMixin
from storyline.store.events import EventsMixin

MIGRATIONS = Path(__file__).with_name("migrations")


def default_db_path() -> Path:
    """``$STORYLINE_DB``, else the XDG data dir: ``~/.local/share/storyline/storyline.db``."""
    env = os.environ.get("STORYLINE_DB")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "storyline" / "storyline.db"


# Plain PostgreSQL URLs name no driver; SQLAlchemy would pick psycopg2, which storyline does not ship.
# The driver we pin (the ``postgres`` extra) is psycopg 3.
_DRIVERLESS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


def database_url(db: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL from a path or URL; a plain path means an SQLite file.

    ``postgresql://`` and ``postgres://`` (as servers and hosting services print them) get the psycopg 3
    driver; a URL that names its driver (``postgresql+psycopg2://``) is left alone.
    """
    if db is None:
        db = default_db_path()
    text = str(db)
    if "://" in text:
        scheme, rest = text.split("://", 1)
        return f"{_DRIVERLESS.get(scheme.lower(), scheme)}://{rest}"
    path = Path(text).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _unicode_case(convert: Callable[[str], str]) -> Callable[[object], object]:
    def apply(value: object) -> object:
        return convert(value) if isinstance(value, str) else value

    return apply


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL: readers (the API, the web UI) do not block the ingest writer. Foreign keys are off by
    # default in SQLite; we want ON DELETE CASCADE to work as on PostgreSQL.
    # SQLite's lower()/upper() fold ASCII only, so `--outlet` filters, title ILIKE and entity prefixes
    # missed Cyrillic ("Лавров" vs "лавров") where PostgreSQL finds them: Python's folding on both.
    dbapi_connection.create_function("lower", 1, _unicode_case(str.lower), deterministic=True)
    dbapi_connection.create_function("upper", 1, _unicode_case(str.upper), deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Store(ArticlesMixin, AnalysesMixin, EntitiesMixin, EventsMixin):
    """All persistent state of storyline. Open with :meth:`open`; close with :meth:`close`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Store:
        url = database_url(db)
        try:
            # A server may close idle connections (a restart, a proxy's timeout, an admin); the pool
            # checks each one before handing it out instead of failing the next command with it.
            server = not url.startswith("sqlite")
            engine = create_engine(url, future=True, pool_pre_ping=server)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            store = cls(engine)
            if migrate:
                store.migrate()
        except SQLAlchemyError as exc:
            raise StorageError(f"cannot open store {url}: {exc}") from exc
        except ModuleNotFoundError as exc:
            raise StorageError(
                f"cannot open store {url}: driver missing ({exc.name}); "
                "for PostgreSQL install the extra: pip install 'storyline[postgres]'"
            ) from exc
        return store

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (idempotent)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        # Not the URL itself: Alembic's config is a ConfigParser, and "%" (a percent-encoded password)
        # is interpolation syntax there. env.py runs on the connection handed over below.
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work: all of it is committed, or none of it."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StorageError(f"store error: {exc}") from exc

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StorageError(f"store error: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""A throwaway PostgreSQL server for the store's server tests: found, started, stopped by the tests.

Why a real server and not a mock: the store's PostgreSQL path differs from SQLite in the dialect (JSON
types, booleans, LIKE, transactions, search without FTS5); only a real server says whether it works.
Why not a dependency of CI: a machine without PostgreSQL binaries skips these tests with a reason.

The cluster lives in a fresh directory under the system temp dir, listens on 127.0.0.1 on a free port
(no Unix socket: nothing outside the test touches it) and trusts local connections. PostgreSQL refuses
to run as root, so under root the server runs as the ``postgres`` system user (``runuser``), which owns
the cluster directory. ``STORYLINE_TEST_PG_URL`` names an existing server instead (its user must be
allowed to create databases).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ENV_URL = "STORYLINE_TEST_PG_URL"
SUPERUSER = "storyline"


class Unavailable(Exception):
    """No PostgreSQL to test against; the message is the skip reason."""


def find_binaries() -> Path:
    """The directory holding ``initdb``, ``pg_ctl`` and ``postgres``: PATH first, then Debian's layout."""
    on_path = shutil.which("initdb")
    candidates = [Path(on_path).resolve().parent] if on_path else []
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    candidates += [Path(p) for p in versions]
    for directory in candidates:
        if all((directory / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return directory
    raise Unavailable(
        "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin"
    )


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parent.name
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running cluster (or the one ``STORYLINE_TEST_PG_URL`` names) and how to reach it."""

    url: str  # SQLAlchemy URL of the maintenance database ("postgres")
    data_dir: Path | None = None
    bin_dir: Path | None = None
    run_as: str | None = None

    def database_url(self, name: str) -> str:
        """The URL of database ``name`` on this server."""
        base, _, _ = self.url.rpartition("/")
        return f"{base}/{name}"

    def create_database(self, prefix: str = "storyline_test") -> str:
        """A new empty database; returns its URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        self._admin(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
        return self.database_url(name)

    def drop_database(self, url: str) -> None:
        name = url.rpartition("/")[2]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()

    def stop(self) -> None:
        """Stop the server we started and remove its directory (a no-op for an external server)."""
        if self.data_dir is None or self.bin_dir is None:
            return
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            _run(
                self.run_as,
                [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "stop"],
            )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def _run(user: str | None, argv: list[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    if user is not None:
        argv = ["runuser", "-u", user, "--", *argv]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=True)


def _server_user() -> str | None:
    """None when we are not root; else a system user PostgreSQL will run as."""
    if os.geteuid() != 0:
        return None
    if shutil.which("runuser") is None:
        raise Unavailable("running as root and no runuser to start PostgreSQL as another user")
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise Unavailable("running as root and there is no 'postgres' user to run the server as") from exc
    return "postgres"


def _require_driver() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise Unavailable(
            "the PostgreSQL driver is not installed: pip install 'storyline[postgres]'"
        ) from exc


def start() -> Server:
    """Start a throwaway cluster (or adopt ``STORYLINE_TEST_PG_URL``); raises Unavailable to skip."""
    _require_driver()
    external = os.environ.get(ENV_URL)
    if external:
        from storyline.store import database_url

        return Server(database_url(external))
    bin_dir = find_binaries()
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data_dir = root / "data"
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    server = Server("", data_dir, bin_dir, user)
    try:
        _run(
            user,
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data_dir),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            timeout=120,
        )
        port = _start_on_free_port(server, root)
    except subprocess.CalledProcessError as exc:
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr or exc.stdout}") from exc
    server.url = f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/postgres"
    return server


def _start_on_free_port(server: Server, root: Path, attempts: int = 3) -> int:
    """Start the server; a port taken between probing and binding gets another try."""
    assert server.bin_dir is not None and server.data_dir is not None
    log = root / "server.log"
    for attempt in range(attempts):
        port = free_port()
        options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
        try:
            _run(
                server.run_as,
                [
                    str(server.bin_dir / "pg_ctl"),
                    "-D",
                    str(server.data_dir),
                    "-l",
                    str(log),
                    "-o",
                    options,
                    "-w",
                    "start",
                ],
                timeout=120,
            )
            return port
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)
    raise AssertionError("unreachable")


@contextlib.contextmanager
def running() -> Iterator[Server]:
    server = start()
    try:
        yield server
    finally:
        server.stop()

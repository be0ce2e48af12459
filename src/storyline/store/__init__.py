"""Persistent storage: SQLite by default, PostgreSQL by URL, one schema through Alembic."""

from storyline.store.articles import SaveResult
from storyline.store.store import Store, database_url, default_db_path

__all__ = ["SaveResult", "Store", "database_url", "default_db_path"]

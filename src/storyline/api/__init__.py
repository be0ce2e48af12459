"""The HTTP JSON API and the web UI, one FastAPI app over one store: ``create_app(db)``."""

from storyline.api.app import create_app

__all__ = ["create_app"]

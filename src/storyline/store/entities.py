"""Entities in the store: the corpus-wide entity table, aliases and per-article mentions.

Owned by the entities stage (issue: Entities); see storyline.entities.
"""

from __future__ import annotations


class EntitiesMixin:
    """Repository of entities and mentions; mixed into :class:`storyline.store.Store`."""

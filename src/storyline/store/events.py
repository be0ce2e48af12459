"""Events, storylines and version groups in the store.

Owned by the clustering stage (issue: Events and storylines); see storyline.cluster.
"""

from __future__ import annotations


class EventsMixin:
    """Repository of version groups, events and storylines; mixed into :class:`storyline.store.Store`."""

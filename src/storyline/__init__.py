"""storyline: a news story engine — raw articles from many outlets into events and storylines.

The flat public API; everything else is reached through its stage package (``storyline.ingest``,
``storyline.clean``, ``storyline.analyze``, ``storyline.entities``, ``storyline.cluster``,
``storyline.views``). Heavy models load lazily, so importing this costs little.
"""

from storyline.errors import StorylineError
from storyline.model import Analysis, Article, Draft, Entity, Event, Storyline
from storyline.pipeline import Pipeline
from storyline.store import Store

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Draft",
    "Entity",
    "Event",
    "Pipeline",
    "Store",
    "Storyline",
    "StorylineError",
    "__version__",
]

"""storyline's exceptions: one tree, so callers catch what they can handle.

    StorylineError
    ├── InputError            an input (file, URL, feed, line) could not be turned into articles
    │   ├── EmptyInput        nothing there (empty file, blank text, no items)
    │   ├── BinaryInput       bytes that are not text (NULs, an image, a zip)
    │   ├── EncodingError     text in an encoding we could not decode with confidence
    │   ├── TooLarge          over the configured size limit
    │   ├── MalformedInput    broken HTML / JSON / XML feed
    │   ├── FetchError        network: timeout, refused, HTTP error status
    │   └── ArticleRejected   parsed, but not an article (no title, no body): carries ``reason``
    ├── StorageError          the store failed (sqlite3/psycopg errors are translated to this)
    ├── ModelError            a trained model is missing or cannot be loaded
    ├── ConfigError           bad settings
    └── NotFound              an id or name that names nothing (an event, a storyline, an entity)

Every ``InputError`` names the input it is about, so a one-line message tells the user what and where.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""


class InputError(StorylineError):
    """An input could not be read as articles; ``source`` names it, ``reason`` says why."""

    kind = "input"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class EmptyInput(InputError):
    kind = "empty"


class BinaryInput(InputError):
    kind = "binary"


class EncodingError(InputError):
    kind = "encoding"


class TooLarge(InputError):
    kind = "too-large"


class MalformedInput(InputError):
    kind = "malformed"


class FetchError(InputError):
    kind = "fetch"


class ArticleRejected(InputError):
    kind = "rejected"


class StorageError(StorylineError):
    """The store failed; the original driver error is chained as ``__cause__``."""


class ModelError(StorylineError):
    """A trained model is missing, stale or unreadable."""


class ConfigError(StorylineError):
    """Settings that cannot work."""


class NotFound(StorylineError):
    """An id or name that names nothing; ``what`` says which kind of record was asked for."""

    def __init__(self, what: str, ident: str) -> None:
        super().__init__(f"{what} not found: {ident}")
        self.what = what
        self.ident = ident

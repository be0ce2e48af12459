"""Clean: boilerplate removal, Unicode normalisation, glued-word repair, metadata inference."""

from storyline.clean.cleaner import CleanOptions, clean

__all__ = ["CleanOptions", "clean"]

"""Ingest: plain text, HTML, RSS/Atom, JSONL from files, folders, URLs, feeds and stdin."""

from storyline.ingest.fetch import Fetcher
from storyline.ingest.reader import ReadOptions, read_inputs, read_path
from storyline.model import Draft

__all__ = ["Draft", "Fetcher", "ReadOptions", "read_inputs", "read_path"]

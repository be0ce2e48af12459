"""What a reader gets: event summaries, storyline timelines, outlet comparison, search, entity pages,
exports. Every view is a plain dataclass (JSON via :func:`storyline.model.to_dict`), built from the store
by the functions in :mod:`storyline.views.reader` that the CLI and the HTTP API share.
"""

from storyline.views.compare import Comparison, compare_articles, compare_event
from storyline.views.digest import top_storylines
from storyline.views.entity_page import EntityPage, entity_page
from storyline.views.export import export
from storyline.views.reader import event_comparison, event_summary, storyline_summary, storyline_timeline
from storyline.views.search import Filters, SearchResult, search
from storyline.views.summary import EventSummary, summarize_event
from storyline.views.timeline import Timeline, build_timeline, plot_articles_per_day

__all__ = [
    "Comparison",
    "EntityPage",
    "EventSummary",
    "Filters",
    "SearchResult",
    "Timeline",
    "build_timeline",
    "compare_articles",
    "compare_event",
    "entity_page",
    "event_comparison",
    "event_summary",
    "export",
    "plot_articles_per_day",
    "search",
    "storyline_summary",
    "storyline_timeline",
    "summarize_event",
    "top_storylines",
]

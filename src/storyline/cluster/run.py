"""Clustering the store: the incremental (online) run and the full rebuild, as the CLI calls them.

Incremental: load the clusterer state saved by the last run, feed it the articles that are in no event
yet (oldest first), save the new complete result and state. Rebuild: the same from an empty state over
every stored article. Both go through :class:`~storyline.cluster.engine.ClusterEngine`, so a rebuild
equals the sequence of incremental runs whenever the articles arrived in time order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.cluster.engine import ClusterEngine
from storyline.cluster.events import ClusterParams

if TYPE_CHECKING:
    from storyline.store import Store

#: Articles read from the store per step: bounds memory on a large store, and the order is kept.
READ_BATCH = 2000


@dataclass(slots=True)
class ClusterRunSummary:
    mode: str  # "incremental" or "rebuild"
    articles_added: int
    articles_total: int
    events: int
    storylines: int
    new_events: int
    versions: int  # articles that are near copies of an earlier one


def cluster_store(
    store: Store, rebuild: bool = False, params: ClusterParams | None = None
) -> ClusterRunSummary:
    """Cluster new articles into the store's events (or everything from scratch with ``rebuild``)."""
    blob = None if rebuild else store.load_cluster_state()
    engine = ClusterEngine.loads(blob) if blob else ClusterEngine(params)
    if rebuild or blob is None:
        ids = [a.id for a in store.iter_articles()]
    else:
        ids = store.unclustered_article_ids()
    new_events = versions = 0
    for start in range(0, len(ids), READ_BATCH):
        chunk = list(store.iter_articles(ids=ids[start : start + READ_BATCH], with_analysis=True))
        for member in engine.add_articles(chunk):
            new_events += member.reason.get("rule") == "new"
            versions += member.reason.get("rule") == "version"
    result = engine.result()
    total = sum(len(e.members) for e in result.events)
    store.save_clustering(result, engine.dumps(), total)
    return ClusterRunSummary(
        mode="rebuild" if rebuild or blob is None else "incremental",
        articles_added=len(ids),
        articles_total=total,
        events=len(result.events),
        storylines=len(result.storylines),
        new_events=new_events,
        versions=versions,
    )

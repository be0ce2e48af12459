"""Events and storylines: online clustering of articles, storyline linking and ranking.

Public API::

    from storyline.cluster import ClusterEngine, cluster_articles
    result = cluster_articles(articles)   # batch: the online algorithm over all articles in time order
    result.events, result.storylines       # ranked Event / Storyline records

Modules: :mod:`.text` (language-neutral keys), :mod:`.features` (what an article is for clustering),
:mod:`.vectors` (sparse TF-IDF), :mod:`.events` (the online clusterer), :mod:`.storylines`,
:mod:`.ranking`, :mod:`.engine` (the whole path); near-duplicates are :mod:`storyline.dedupe`.
"""

from storyline.cluster.engine import ClusterEngine, ClusterResult, cluster_articles, order_key
from storyline.cluster.events import ClusterParams, OnlineClusterer
from storyline.cluster.features import Features, extract_features
from storyline.cluster.ranking import RankingWeights

__all__ = [
    "ClusterEngine",
    "ClusterParams",
    "ClusterResult",
    "Features",
    "OnlineClusterer",
    "RankingWeights",
    "cluster_articles",
    "extract_features",
    "order_key",
]

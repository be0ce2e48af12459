"""Linguistic analysis of articles: language, sentences, tokens and lemmas, dates, quotes, keywords.

``Analyzer`` is the pipeline stage; the modules beside it each hold one concept and can be used alone
(``morphology`` is shared with the entities stage).
"""

from storyline.analyze.analyzer import Analyzer

__all__ = ["Analyzer"]

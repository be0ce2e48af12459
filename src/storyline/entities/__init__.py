"""Entities: Ukrainian NER (a CRF trained from ner-uk), canonical names, in-article and corpus-level
resolution with aliases, misspellings and uk/ru/en linking.

    EntityStage       the pipeline stage (``name="entities"``): mentions, canonical forms, quote speakers;
                      ``finish(store, articles)`` links the batch into the store's entity tables
    canonical()       nominative canonical form of a mention ("Сергієм Лавровим" -> "Сергій Лавров")
    entity_id()       stable, language-neutral id of a name ("PER:blnkn" for Блінкен/Блинкен/Blinken)
    NerTagger, train  the CRF tagger and its trainer (``storyline train-ner``)
"""

from storyline.entities.canonical import canonical
from storyline.entities.linking import entity_id, name_key
from storyline.entities.ner import NerTagger, train
from storyline.entities.stage import EntityStage

__all__ = ["EntityStage", "NerTagger", "canonical", "entity_id", "name_key", "train"]

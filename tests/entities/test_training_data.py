"""Training data: the by-document dev split of ner-uk train, and the Russian silver texts that must not
overlap SlavicNER (the evaluation set)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import shared_path

from storyline.entities.distill import russian_texts, shingles, without_overlap
from storyline.entities.iob import read_iob
from storyline.entities.split import is_dev, sentence_documents, split_sentences, train_documents


def _ner_uk() -> Path:
    return shared_path("data", "ner-uk", "v2.0")


def test_every_train_sentence_belongs_to_a_train_document() -> None:
    root = _ner_uk()
    docs = sentence_documents(root / "iob" / "train.iob", root / "data")
    assert len(docs) == sum(1 for _ in read_iob(root / "iob" / "train.iob"))
    assert set(docs) <= set(train_documents(root / "data"))
    assert len(set(docs)) > 300


def test_dev_split_is_by_document_and_about_a_fifth() -> None:
    root = _ner_uk()
    docs = sentence_documents(root / "iob" / "train.iob", root / "data")
    dev_docs = {d for d in docs if is_dev(d)}
    assert 0.1 < len(dev_docs) / len(set(docs)) < 0.3
    train, dev = split_sentences(root / "iob" / "train.iob", root / "data")
    assert len(train) + len(dev) == len(docs)
    assert 0.1 < len(dev) / len(docs) < 0.3
    # dev holds exactly the sentences of dev documents: no document is split between the parts
    assert len(dev) == sum(is_dev(d) for d in docs)


def test_overlap_filter_drops_a_text_sharing_a_run_of_words() -> None:
    reference = [
        "Президент США Джо Байден заявил в среду журналистам в Белом доме что переговоры продолжатся"
    ]
    copied = "Как сообщает агентство, президент США Джо Байден заявил в среду журналистам в Белом доме"
    other = "Сборная Германии по футболу выиграла товарищеский матч у команды Нидерландов со счётом два один"
    assert without_overlap([copied, other], reference) == [other]
    assert shingles("один два") == set()


def test_russian_silver_texts_exist_and_are_russian() -> None:
    texts = russian_texts(shared_path("data"))
    assert len(texts) > 300
    assert sum("ы" in t for t in texts) / len(texts) > 0.9  # Russian letters, not Ukrainian

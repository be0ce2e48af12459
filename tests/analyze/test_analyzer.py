"""The analyze stage on the real seeds: quotes with speakers, dates, sentences, the stage contract."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.analyze import Analyzer
from storyline.model import Article, Paragraph, PublishedDate, from_dict, to_dict


def seed_text(path: Path) -> str:
    """The seed as analyzer text: first line the title, every further non-empty line a paragraph."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "\n\n".join(lines)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def quote_starting(analysis, prefix: str):
    return next(q for q in analysis.quotes if q.text.startswith(prefix))


def test_unn_seed_quotes_attributed_to_lavrov_and_state_department(analyzer, seed_unn):
    an = analyzer.analyze_text(seed_text(seed_unn), published="2022-02-01")
    lavrov = quote_starting(an, "Коли ми отримали американську реакцію")
    assert lavrov.kind == "direct"
    assert lavrov.speaker_canonical == "Лавров"
    state = quote_starting(an, "Держсекретар Ентоні Блінкен провів сьогодні бесіду")
    assert state.speaker_canonical == "Держдепартамент США"  # "— йдеться в повідомленні" → the source
    assert state.cue == "йдеться"


def test_unn_seed_indirect_speech(analyzer, seed_unn):
    an = analyzer.analyze_text(seed_text(seed_unn), published="2022-02-01")
    said = quote_starting(an, "США у питаннях гарантій безпеки")
    assert (said.kind, said.speaker_canonical) == ("indirect", "Лавров")
    # "За словами міністра закордонних справ" → the minister named earlier
    words = quote_starting(an, "реакція США на вимогу РФ")
    assert words.kind == "indirect"
    assert words.speaker_canonical.endswith("Лавров")


def test_zn_seed_quote_attributed_to_blinken(analyzer, seed_zn):
    an = analyzer.analyze_text(seed_text(seed_zn), published="2022-01-21")
    q = quote_starting(an, "Дуже важливо бути взаємно відвертим")
    assert q.kind == "direct"
    assert q.speaker_canonical == "Блінкен"
    assert q.text.endswith("принцип «відкритих дверей» НАТО")  # nested quotes stay inside


def test_zn_seed_date_range_resolves_against_publication(analyzer, seed_zn):
    an = analyzer.analyze_text(seed_text(seed_zn), published="2022-01-21")
    d = next(d for d in an.dates if d.text == "10-13 січня")
    assert (d.start, d.end, d.precision) == (dt.date(2022, 1, 10), dt.date(2022, 1, 13), "day")


def test_without_publication_date_relative_dates_stay_unresolved(analyzer, seed_zn):
    an = analyzer.analyze_text(seed_text(seed_zn))
    d = next(d for d in an.dates if d.text == "10-13 січня")
    assert d.start is None and d.end is None and d.relative


def test_unn_seed_dates(analyzer, seed_unn):
    an = analyzer.analyze_text(seed_text(seed_unn), published="2022-02-01")
    found = {d.text: (d.start, d.end, d.precision) for d in an.dates}
    assert found["вівторок, 1 лютого"] == (dt.date(2022, 2, 1), dt.date(2022, 2, 1), "day")
    assert found["у січні"] == (dt.date(2022, 1, 1), dt.date(2022, 1, 31), "month")


def test_sentences_keep_dateline_and_quotations_whole(analyzer, seed_unn):
    text = seed_text(seed_unn)
    an = analyzer.analyze_text(text, published="2022-02-01")
    sentences = [text[s.start : s.end] for s in an.sentences]
    assert any(s.startswith("КИЇВ. 1 лютого. УНН. У вівторок") for s in sentences)
    assert any(s.startswith("“Держсекретар") and s.endswith("— йдеться в повідомленні.") for s in sentences)


def test_tokens_carry_offsets_lemmas_and_sentences(analyzer, seed_unn):
    text = seed_text(seed_unn)
    an = analyzer.analyze_text(text, published="2022-02-01")
    for t in an.tokens:
        assert text[t.start : t.end] == t.text
    lemmas = {t.text: t.lemma for t in an.tokens}
    assert lemmas["Лавровим"] == "Лавров"
    assert lemmas["Сергієм"] == "Сергій"
    assert lemmas["Женеві"] == "Женева"
    assert lemmas["Держдепартаменті"] == "Держдепартамент"
    assert [t.sentence for t in an.tokens] == sorted(t.sentence for t in an.tokens)


def test_stage_contract_on_article(analyzer, seed_unn):
    lines = [line.strip() for line in seed_unn.read_text(encoding="utf-8").splitlines() if line.strip()]
    article = Article(
        id="x",
        title=lines[0],
        body=[Paragraph(p) for p in lines[1:]],
        published=PublishedDate(dt.datetime(2022, 2, 1), "day", "explicit"),
        content_hash="abc",
    )
    out = analyzer(article)
    assert out is article
    assert article.language == "uk"
    an = article.analysis
    assert an.content_hash == "abc" and an.version == Analyzer.version
    assert len(an.paragraph_languages) == len(article.body)
    for q in an.quotes:
        assert article.text[q.span.start : q.span.end] == q.text
    assert "лавров" in {k.term for k in an.keywords}
    assert from_dict(type(an), to_dict(an)) == an  # stored as JSON and back


def test_russian_article_from_shared_corpus(analyzer):
    from tests.conftest import shared_path

    from storyline.analyze.corpus import shared_news

    shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    text, _lang, date = next(item for item in shared_news() if item[1] == "ru")
    an = analyzer.analyze_text(text, published=date)
    assert an.language.code == "ru"
    assert an.sentences and all(t.lemma for t in an.tokens)


def test_analysis_pauses_the_collector_and_leaves_no_cycles(analyzer, seed_unn, seed_zn):
    """The collector is paused while an article is analysed (see Analyzer._analyze) and put back as
    it was; that is safe because an analysis makes no reference cycles: with the collector off,
    nothing is left for it to find."""
    import gc

    texts = [seed_text(seed_unn), seed_text(seed_zn)]
    for text in texts:  # models loaded (loading makes cycles of its own), caches filled
        analyzer.analyze_text(text, published="2022-02-01")
    from storyline.analyze.morphology import clear_word_caches

    clear_word_caches()  # every word looked up again, pymorphy3 included
    assert gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for text in texts:
            analysis = analyzer.analyze_text(text, published="2022-02-01")
            assert analysis.tokens and analysis.quotes
            assert not gc.isenabled()  # a host that turned it off keeps it off
        del analysis
        assert gc.collect() == 0
    finally:
        gc.enable()
    analyzer.analyze_text(texts[0])
    assert gc.isenabled()

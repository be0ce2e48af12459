"""The analysis building blocks on real phrases from the seeds and the shared news corpora."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.analyze import dates, language, morphology, tokens


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Лавровим", "Лавров"),
        ("Сергієм", "Сергій"),
        ("Женеві", "Женева"),
        ("Держдепартаменті", "Держдепартамент"),
        ("Києві", "Київ"),
        ("НАТО", "НАТО"),
        ("Путіна", "Путін"),
        ("Зеленським", "Зеленський"),
    ],
)
def test_proper_names_lemmatise_as_names(word, lemma):
    assert morphology.lemma(word, "uk") == lemma


def test_function_words_are_not_nouns_or_names():
    assert morphology.morph("про", "uk").pos == "ADP"
    assert morphology.morph("Про", "uk", True).pos == "ADP"
    assert morphology.morph("вона", "uk").lemma == "вона"
    lemma, pos, tag = morphology.lemma_pos_tag("Лавровим", "uk")
    assert (lemma, pos) == ("Лавров", "PROPN") and "Surn" in tag
    assert morphology.lemmatize_phrase(["Держдепартаменті", "США"]) == "Держдепартамент США"


def test_sentence_splitter_handles_initials_abbreviations_and_quotes():
    text = (
        "Президент В. Зеленський провів розмову з Дж. Байденом. Ціна зросла на 5 млрд грн. "
        "Уряд ухвалив т. зв. реформу, ст. 15 Закону. «Дуже важливо. Одним із них є принцип», - заявив Блінкен."
    )
    got = [text[s:e] for s, e in tokens.split_sentences(text)]
    assert got == [
        "Президент В. Зеленський провів розмову з Дж. Байденом.",
        "Ціна зросла на 5 млрд грн.",
        "Уряд ухвалив т. зв. реформу, ст. 15 Закону.",
        "«Дуже важливо. Одним із них є принцип», - заявив Блінкен.",
    ]


def test_dateline_opens_the_first_sentence():
    text = "КИЇВ. 19 липня. УНН. Прем'єр заявив про реформу. Далі буде."
    assert (
        next(text[s:e] for s, e in tokens.split_sentences(text))
        == "КИЇВ. 19 липня. УНН. Прем'єр заявив про реформу."
    )


def test_tokens_agree_with_tokenize_uk_on_real_text():
    """Word tokens match tokenize-uk's on a real article (apart from its apostrophe normalisation)."""
    tokenize_uk = pytest.importorskip("tokenize_uk")
    from tests.conftest import shared_path

    from storyline.analyze.corpus import shared_news

    shared_path("data", "news", "bruk_press.jsonl")
    texts = [t for t, lang, _ in shared_news() if lang == "uk"][:20]
    same = total = 0
    for text in texts:
        ours = [w for w, _, _ in tokens.tokenize(text)]
        theirs = [w for w in tokenize_uk.tokenize_words(text)]
        norm = lambda ws: [w.replace("’", "'").replace("ʼ", "'") for w in ws]  # noqa: E731
        ours_set, theirs_list = set(norm(ours)), norm(theirs)
        same += sum(w in ours_set for w in theirs_list)
        total += len(theirs_list)
    assert same / total > 0.97


def test_sentence_boundaries_agree_with_tokenize_uk_on_real_text():
    tokenize_uk = pytest.importorskip("tokenize_uk")
    from tests.conftest import shared_path

    from storyline.analyze.corpus import shared_news

    shared_path("data", "news", "bruk_press.jsonl")
    agree = total = 0
    for text, _lang, _ in list(shared_news())[-40:]:
        for para in text.split("\n\n")[1:]:
            ours = {para[s:e].rstrip()[-15:] for s, e in tokens.split_sentences(para)}
            theirs = [s.rstrip()[-15:] for s in tokenize_uk.tokenize_sents(para)]
            agree += sum(t in ours for t in theirs)
            total += len(theirs)
    assert agree / total > 0.9


REF = dt.date(2022, 2, 1)  # a Tuesday, as in the UNN seed


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("1 лютого", "2022-02-01", "2022-02-01", "day"),
        ("У вівторок, 1 лютого", "2022-02-01", "2022-02-01", "day"),
        ("у січні", "2022-01-01", "2022-01-31", "month"),
        ("наступного тижня", "2022-02-07", "2022-02-13", "week"),
        ("вчора", "2022-01-31", "2022-01-31", "day"),
        ("минулого місяця", "2022-01-01", "2022-01-31", "month"),
        ("21 січня 2022 року", "2022-01-21", "2022-01-21", "day"),
        ("10 грудня", "2021-12-10", "2021-12-10", "day"),
        ("в понедельник", "2022-01-31", "2022-01-31", "day"),
        ("на прошлой неделе", "2022-01-24", "2022-01-30", "week"),
        ("31 января", "2022-01-31", "2022-01-31", "day"),
        ("on February 3, 2022", "2022-02-03", "2022-02-03", "day"),
        ("last month", "2022-01-01", "2022-01-31", "month"),
        ("у 2014 році", "2014-01-01", "2014-12-31", "year"),
        ("з 30 січня по 2 лютого", "2022-01-30", "2022-02-02", "day"),
    ],
)
def test_dates_resolve_against_publication(phrase, start, end, precision):
    (found,) = dates.find_dates(phrase, REF)
    assert (str(found.start), str(found.end), found.precision) == (start, end, precision)
    assert phrase[found.span.start : found.span.end] == found.text


def test_dates_are_not_invented_from_numbers():
    assert dates.find_dates("3 з 10 депутатів, 2022 гривні, they may go", REF) == []


def test_language_by_letters_and_lingua():
    ident = language.LanguageIdentifier()
    assert ident.guess("Держсекретар підкреслив готовність США продовжувати переговори").code == "uk"
    assert ident.guess("Мы приступили к её изучению, сообщил министр").code == "ru"
    assert ident.guess("The State Department said on Tuesday that the talks will continue.").code == "en"
    short = ident.guess("Привет как дела")
    assert short.code == "ru" and short.confidence < 0.5  # short text: a guess, not a certainty
    assert (
        ident.guess("Der Außenminister sagte am Dienstag in Berlin, die Gespräche gehen weiter.").code
        == "other"
    )


# ------------------------------------------------------------------------------------------------
# The fast paths give what the plain ones give, on real news.


def _real_articles(n: int) -> list[tuple[str, str, str | None]]:
    from tests.conftest import shared_path

    from storyline.analyze.corpus import shared_news

    shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    return list(shared_news())[:n]


def test_article_dates_match_a_paragraph_by_paragraph_search():
    """find_article_dates (words from the tokens) = find_dates on each paragraph, anchors carried over."""
    from storyline.analyze.analyzer import _as_date, line_segments

    checked = 0
    for text, _lang, published in _real_articles(
        500
    ):  # from ~280 on: "п'ятницю" (a token with an apostrophe)
        ref = _as_date(published)
        segments = line_segments(text)
        expected, anchor = [], None
        for s, e in segments:
            found = dates.find_dates(text[s:e], ref, s, anchor)
            for d in reversed(found):
                if dates.is_anchor(d.start, d.end, d.precision, ref):
                    anchor = d.start
                    break
            expected.extend(found)
        words = [[w for w, _, _ in tokens.tokenize(text[s:e])] for s, e in segments]
        assert dates.find_article_dates(text, segments, ref, words) == expected
        assert dates.find_article_dates(text, segments, ref) == expected
        checked += len(expected)
    assert checked > 300  # real articles are full of dates: the comparison is not vacuous


def test_guarded_alternation_matches_what_the_plain_one_matches():
    """The first-letter look-ahead in front of the month forms changes speed, not matches."""
    import re

    long_forms = "|".join(map(re.escape, dates._LONG_MONTHS))
    short_forms = "|".join(map(re.escape, dates._SHORT_MONTHS))
    plain = re.compile(rf"(?<![\w-])(?:{long_forms}|(?:{short_forms})\.?)(?!\w)")
    guarded = re.compile(rf"(?<![\w-]){dates._M}(?!\w)")
    text = " ".join(t for t, _, _ in _real_articles(60))
    want = [m.span() for m in plain.finditer(text)]
    assert [m.span() for m in guarded.finditer(text)] == want and len(want) > 50


def test_keywords_are_the_top_terms_by_rounded_score():
    """The memoised scorer ranks exactly as scoring every term, rounding, and sorting would."""
    import math
    from collections import Counter

    from storyline.analyze import Analyzer, keywords

    n_docs, df = keywords.document_frequencies()
    analyzer = Analyzer()
    for text, _lang, published in _real_articles(40):
        toks = analyzer.analyze_text(text, published=published).tokens
        scored = []
        for term, tf in Counter(keywords.candidate_terms(toks)).items():
            phrase = " " in term
            if phrase and tf < 2:
                continue
            idf = math.log((1 + n_docs) / (1 + keywords._df(term, df))) + 1.0
            score = (1 + math.log(tf)) * idf * (keywords.PHRASE_BOOST if phrase else 1.0)
            scored.append((round(score, 3), term))
        scored.sort(key=lambda st: (-st[0], st[1]))
        assert [(k.score, k.term) for k in keywords.keywords(toks)] == scored[: keywords.TOP_K]


def test_morph_tables_hold_what_morph_returns(seed_unn):
    from storyline.analyze import Analyzer

    text = seed_unn.read_text(encoding="utf-8")
    morphology.clear_word_caches()
    assert not morphology.morph_table("uk", False)
    Analyzer().analyze_text(text)
    table = morphology.morph_table("uk", False)
    assert len(table) > 100
    for word, cached in table.items():
        assert cached == morphology.morph(word, "uk", False)
    morphology.clear_word_caches()
    assert not morphology.morph_table("uk", False) and morphology.morph.cache_info().currsize == 0


def test_analyzer_tokens_are_the_tokenizer_tokens_of_each_sentence():
    """The split-and-map token path gives exactly TOKEN_RE's tokens and offsets, sentence by sentence,
    with the morphology the plain lookup gives (sentence-start analysis for the first word)."""
    from storyline.analyze import Analyzer
    from storyline.analyze.analyzer import _SENTENCE_OPENERS

    analyzer = Analyzer()
    checked = 0
    for text, _lang, published in _real_articles(80):
        analysis = analyzer.analyze_text(text, published=published)
        expected = [
            (m.group(), m.start(), m.end(), k)
            for k, span in enumerate(analysis.sentences)
            for m in tokens.TOKEN_RE.finditer(text, span.start, span.end)
        ]
        got = [(t.text, t.start, t.end, t.sentence) for t in analysis.tokens]
        assert got == expected
        lang = analysis.language.code
        if lang in morphology.PYMORPHY_LANGUAGES and all(
            g.code == lang for g in analysis.paragraph_languages
        ):
            at_start, sentence = True, -1
            for tok in analysis.tokens:
                at_start = at_start or tok.sentence != sentence
                sentence = tok.sentence
                m = morphology.morph(tok.text, lang, at_start and tok.text[:1].isupper())
                if not (tok.pos == "ADJ" and tok.lemma[:1].isupper()):  # adjectives agree with their noun
                    assert (tok.lemma, tok.pos) == (m.lemma, m.pos), tok
                at_start = at_start and m.pos == "PUNCT" and tok.text in _SENTENCE_OPENERS
                checked += 1
    assert checked > 5000


def test_split_tokens_is_the_full_token_split_with_or_without_urls():
    texts = [t for t, _, _ in _real_articles(300)]
    texts += [
        "Деталі на https://www.unn.com.ua/uk/news/1 та www.pravda.com.ua, пишіть на press@mfa.gov.ua.",
        "Email: info@example.org; сайт: http://example.org/a_b/ (архів).",
    ]
    with_marks = 0
    for text in texts:
        for line in text.split("\n"):
            assert tokens.split_tokens(line) == tokens.TOKEN_SPLIT_RE.split(line)
            with_marks += "@" in line or "://" in line or "www." in line
    assert with_marks >= 2


def test_letter_counts_are_those_of_a_character_scan():
    """The byte-level letter counting of LanguageIdentifier.guess equals counting character by character."""
    ident = language.LanguageIdentifier()
    texts = [p for t, _, _ in _real_articles(300) for p in t.split("\n\n")]
    texts += ["Ўсё добра, дзякуй", "п'ять сім'я, мʼясо", "ВВС США", "abc \ud83d def"]
    for text in texts:
        head = text[: language.EVIDENCE_CHARS]
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in head)
        latin = sum(c.isascii() and c.isalpha() for c in head)
        uk = sum(c in language.UK_LETTERS for c in head)
        ru = sum(c in language.RU_LETTERS for c in head)
        be = sum(c in language.BE_LETTER for c in head)
        if cyrillic >= latin and cyrillic:
            uk += len(language._APOSTROPHE_IN_WORD.findall(head))
        guess = ident.guess(text, use_lingua=False)
        if guess is None or guess.code == "en":
            continue
        markers = {"uk": uk, "ru": ru}[guess.code]
        assert not be and markers >= language.MIN_MARKERS and uk * ru == 0
        assert guess.confidence == language._evidence_confidence(markers, cyrillic)


def test_tag_fields_are_pymorphys():
    """The per-tag records the ranking reads say what pymorphy3's own tag properties say."""
    words = {
        "uk": "Лавровим заявила Києві про нова тисяча НАТО США Ната вона Кий Сергієм Блінкен",
        "ru": "заявил Лаврова о новая НАТО Мэй Путиным",
    }
    for lang, text in words.items():
        for word in text.split():
            for parse in morphology._pymorphy(lang).parse(word):
                tag = parse.tag
                assert morphology._fields(tag) == (
                    tag.POS and str(tag.POS),
                    tag.gender and str(tag.gender),
                    tag.number and str(tag.number),
                )
                info = morphology._info(tag)
                grammemes = tag.grammemes
                assert info.text == str(tag)
                assert info.name == bool(grammemes & morphology.NAME_TAGS)
                assert info.strong_name == bool(grammemes & morphology.STRONG_NAME_TAGS)
                assert info.abbreviation == bool(grammemes & morphology.ABBREVIATION_TAGS)
                assert (info.abbr, info.fixd) == ("Abbr" in grammemes, "Fixd" in grammemes)
                assert info.person == bool(grammemes & morphology.PERSON_TAGS)
                assert info.nominative == (tag.case == "nomn")


def test_date_digit_triggers_from_tokens_match_the_text():
    """Digits, four-digit runs and year words found from the tokens (the non-letter ones, joined) are
    those found in the text itself, on every title and paragraph of the shared news."""
    from storyline.analyze.analyzer import line_segments

    digit_kinds = {"digit", "year4", "yearword"}
    segments_with_years = 0
    for text, _lang, _published in _real_articles(2000):
        for s, e in line_segments(text):
            segment = text[s:e]
            words = [w for w, _, _ in tokens.tokenize(segment)]
            from_tokens = dates._triggers(segment, words) & digit_kinds
            assert from_tokens == dates._triggers(segment) & digit_kinds, segment
            segments_with_years += "year4" in from_tokens
    assert segments_with_years > 500


def test_short_lines_ask_lingua_once():
    """A short line that needs lingua ("ua", a photo credit) is answered from the memo the second
    time, with what lingua said the first time; a long paragraph is asked each time."""
    from storyline.analyze.analyzer import line_segments

    fresh = language.LanguageIdentifier()  # memo emptied before every line: lingua asked each time
    short, long = [], []
    for text, _lang, _published in _real_articles(900):
        for s, e in line_segments(text):
            line = text[s:e]
            if fresh.guess(line, use_lingua=False) is None:
                (short if len(line) <= language.SHORT_MEMO_CHARS else long).append(line)
    assert len(short) > 50 and len(set(short)) < len(short) and long
    ident = language.LanguageIdentifier()
    asked: set[str] = set()
    for line in short:
        before = fresh.lingua_calls
        fresh.clear_memo()
        assert ident.guess(line) == fresh.guess(line)
        if fresh.lingua_calls > before:
            asked.add(line)
    assert len(asked) > 20 and ident.lingua_calls == len(asked)
    ident.guess(long[0])
    ident.guess(long[0])
    assert ident.lingua_calls == len(asked) + 2
    ident.clear_memo()
    ident.guess(next(iter(asked)))
    assert ident.lingua_calls == len(asked) + 3

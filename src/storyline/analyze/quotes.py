"""Direct and indirect quotes with their speakers.

Direct quotes are text in “…”, «…», „…“ or "…" that news attributes to someone: a speech verb right
after the closing mark ("…», — заявив Лавров"), before the opening one ("Лавров заявив: «…»", "За
словами Лаврова, «…»"), or a whole paragraph in quotes after one that ends in a colon. Quoted text
without attribution (names, titles, scare quotes like "гарантії безпеки") is not a quote.

Indirect quotes are "За словами X, …", "Як заявив X, …" and "X заявив, що …" (and ru/en equivalents).

Speakers are resolved the way a reader does it:
- a pronoun ("— сказав він") → the nearest preceding person named in the nominative, outside quotes,
  agreeing in gender with the verb;
- a document ("— йдеться в повідомленні") → the source named before ("Про це повідомили у
  Держдепартаменті США");
- a role without a name ("За словами міністра закордонних справ") → the person that role was given to
  earlier ("з міністром закордонних справ Росії Сергієм Лавровим"), else the last person quoted.

``speaker_canonical`` is a nominative lemma of the speaker phrase; the entities stage replaces it with
the entity's canonical name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, islice, repeat
from operator import attrgetter, itemgetter, methodcaller

from storyline import calendar
from storyline.analyze.morphology import WordMorph, agreeing_adjective, lemmatize_phrase, morph
from storyline.analyze.quote_spans import (
    DASHES,
    OPEN_CUE_RE,
    dash_line,
    interruptions,
    lines,
    piece_end,
    scan,
    trailing_attribution,
)
from storyline.analyze.quote_speakers import load_model, rerank
from storyline.model import Quote, Span, Token

SPEECH_VERBS = frozenset(
    str.split("""
    заявити заявляти сказати казати зазначити зазначати наголосити наголошувати підкреслити підкреслювати
    додати додавати повідомити повідомляти пояснити пояснювати написати писати розповісти розповідати
    зауважити зауважувати відзначити відзначати визнати визнавати запевнити запевняти відповісти
    відповідати нагадати нагадувати уточнити уточнювати констатувати підсумувати резюмувати
    прокоментувати коментувати попередити попереджати закликати оголосити оголошувати стверджувати
    вказати вказувати висловитися говорити переконувати поскаржитися наполягати припустити твердити
    йтися говоритися зазначатися наголошуватися повідомлятися інформувати цитувати передавати
    заявить заявлять сказать говорить отметить отмечать подчеркнуть подчеркивать добавить добавлять
    сообщить сообщать пояснить пояснять написать рассказать рассказывать заметить признать признавать
    заверить ответить напомнить уточнить констатировать подытожить прокомментировать предупредить
    призвать объявить утверждать указать говориться сообщаться отмечаться передать передавать писать
    застерегти застерігати пообіцяти обіцяти запевнити наполягти визнати зізнатися пригрозити погрожувати
    звинуватити звинувачувати заперечити заперечувати підтвердити підтверджувати прогнозувати анонсувати
    предупреждать пообещать обещать заверять настаивать признаться пригрозить обвинить подтвердить
    отрицать опровергнуть прогнозировать анонсировать объяснить
    указывать объяснять уточнять напоминать уверять резюмировать признаваться повторить
    повторять проинформировать информировать разъяснить разъяснять
    зізнаватися повторити повторювати проінформувати поінформувати роз'яснити роз'яснювати
    say tell add note stress write explain claim state announce warn argue insist
    """)
)
#: Verbs of naming: a quoted word after them is the subject's own ("назвав це «…»").
NAMING_VERBS = frozenset(
    str.split("назвати називати охарактеризувати назвать называть охарактеризовать call describe")
)
#: Verbs that attribute a quote only where they stand right after it ("…», — заключил он", "…, –
#: вважає співробітник інституту", "…», – згадує науковець"): opinion, manner and sequence verbs
#: that report no clause of their own ("считает, что" is a belief, "продолжает расти" no speech).
#: Counted on the shared corpus: the most frequent verbs after a closing quote and a dash that the
#: speech verbs above miss.
ATTRIBUTION_VERBS = NAMING_VERBS | frozenset(  # (naming: "«…», — так охарактеризував їх офіцер")
    str.split("""
    заключить заключать считать полагать думать комментировать рассуждать размышлять вспоминать вспомнить
    делиться поделиться продолжить продолжать шутить пошутить спросить спрашивать жаловаться
    пожаловаться соглашаться согласиться замечать обратить обращать удивляться возмущаться
    вважати думати міркувати розмірковувати згадувати згадати пригадувати пригадати ділитися
    поділитися продовжити продовжувати жартувати пожартувати запитати запитувати спитати скаржитися
    погоджуватися погодитися дивуватися обурюватися проголосити підсумовувати
    """)
)
#: Speech verbs of two words: "дал понять, что …", "даючи зрозуміти, що …" (the first word's lemma →
#: the second word's).
PHRASAL_SPEECH = {
    "дать": "понять",
    "давать": "понять",
    "дати": "зрозуміти",
    "давати": "зрозуміти",
    "обратить": "внимание",
    "обращать": "внимание",
    "звернути": "увага",
    "звертати": "увага",
}
PHRASAL_SECOND = frozenset(PHRASAL_SPEECH.values())
#: Nouns naming a news medium: in the present tense it relays ("как пишет газета", "повідомляє видання").
MEDIA_LEMMAS = frozenset(
    str.split("""видання издание газета телеканал канал агентство агенція журнал портал сайт радіостанція
    радиостанция медіа медиа змі сми""")
)
#: Words of conviction that attribute a quote right after it, as a verb would ("…», — уверен эксперт",
#: "…», – переконана Іванченко"): adjectives and short participles, by their lemma.
CONVINCED_LEMMAS = frozenset(
    {"впевнений", "упевнений", "переконаний", "уверенный", "убежденный", "убедить", "переконати"}
)
#: Header lines some scrapes put before the headline: a document number, a language code, a URL.
HEADER_LINE_RE = re.compile(r"\s*(?:\d+|[a-z]{2}|https?://\S+)\s*$")
#: A site's name closing a headline: "| UACRISIS.ORG", "— 5 канал", "- ZIK".
SITE_SUFFIX_RE = re.compile(r"\s+(?:\|\s.*|[—–-]\s+(?:\d+\s+\w+|[A-Z0-9.]+))\s*$")
#: A sentence end inside a headline: "… візового режиму. Наступний етап …".
HEADLINE_SENTENCE_RE = re.compile(r"[.!?]\s+(?=[A-ZА-ЯІЇЄҐЁ])")
#: A headline that opens with a quote and a colon: "«Не вынесла душа поэта»: Захарова …".
TITLE_QUOTE_RE = re.compile(r"^[«\"“„](?P<words>[^«»\"“”„]{3,}?)[»\"”“]\s*:\s+")
#: Question words: after a headline's colon they open a rubric ("«…»: как проходят выборы"), not a subject.
QUESTION_WORDS = frozenset(
    str.split(
        "как что зачем почему кому кто где куда чем чего какой какие як що навіщо чому кому хто де куди який які"
    )
)
#: How many words may stand between a speech verb and the quoted words it governs ("закликав міліцію «…»").
GOVERNED_WORDS = 2
#: How far into a quoted fragment its first two words are looked for (characters).
MAX_FRAGMENT_LEAD = 40
#: Demonstratives standing for the person just named as a verb's subject ("Та розповіла, що …").
DEMONSTRATIVE_SUBJECTS = frozenset({"Та", "Той", "Тот", "Та ж"})
#: A sentence opened by a speech word with no subject: "Каже, …", "Мовляв, …", "Зізнається, …" (the
#: person spoken of just before says it; Ukrainian and Russian news retell so). "Кажуть," (rumour)
#: names no one and is not one of them.
LEAD_CUE_RE = re.compile(r"(?P<cue>Каже|Мовляв|Мол|Зізнається|Признается|Признаётся)\s*,\s+(?=\w)")
#: The same words set between commas inside a clause: "її, каже, зробили винною …".
INNER_CUE_RE = re.compile(r",\s+(?P<cue>каже|мовляв|мол|зізнається|признается),\s+(?=\w)")
#: Lead cues that repeat someone else's claim ("Мовляв, …") rather than the subject's own words.
HEARSAY_CUES = frozenset({"мовляв", "мол"})
#: Words of news agencies' names written in Cyrillic ("Франс Пресс", "РИА Новости", "Інтерфакс").
AGENCY_WORDS = frozenset(
    str.split("""пресс прес ассошиэйтед ассошиейтед асошіейтед рейтер рейтерс тасс итар-тасс риа ріа новости
    интерфакс інтерфакс інтерфакс-україна уніан униан укрінформ укринформ рбк рбк-україна блумберг""")
)
#: Sentences that say where the reporter's information came from: "Про це повідомляє …", "Об этом
#: говорится в …", "Як повідомили в …" — the source a later "йдеться в повідомленні" means.
SOURCING_RE = re.compile(r"(?:Про це|Про це також|Об этом|Об этом также|About this)\b")
#: Where a document is published: "на сайте Кремля", "на сторінці МЗС".
SITE_LEMMAS = frozenset(str.split("сайт сайті сторінка страница портал веб-сайт вебсайт аккаунт акаунт"))
#: Impersonal speech verbs: no subject agrees with them ("зазначається", "говорится", "йдеться").
IMPERSONAL_SPEECH = frozenset(
    str.split("""йтися говоритися зазначатися наголошуватися повідомлятися стверджуватися говориться
    сообщаться отмечаться утверждаться подчеркиваться""")
)
#: Pronouns that are a subject of their own, naming no one ("ніхто не називав", "кто-то сказал").
INDEFINITE_PRONOUNS = frozenset(
    str.split("ніхто хтось дехто хто-небудь будь-хто хто никто кто-то кто-нибудь некто кто кое-кто")
)
#: First- and second-person pronouns: inside a quotation they are the speaker and the addressee.
SPEAKING_PERSONS = frozenset(str.split("я ми мы ти ты ви вы i we you"))
#: Words that open an embedded clause ("…, що Трамп не планує …"), whose subject is not the main verb's.
SUBORDINATORS = frozenset(
    str.split("""що щоб якщо коли де куди чи хоча оскільки бо як что чтобы если когда где куда ли хотя
    поскольку потому как который которая которое которые який яка яке які котрий котра that if when
    because""")
)
#: Tokens that end a clause to the left of a word.
CLAUSE_BOUNDARIES = frozenset(",;:—–()")
#: Denials: negated, they report what was admitted ("Тенор не заперечував, що співав …").
DENIAL_VERBS = frozenset(
    str.split("заперечувати заперечити спростовувати спростувати отрицать опровергать опровергнуть deny")
)
#: Negations that turn a speech verb into no attribution ("чиновники не повідомили громадянам").
NEGATIONS = frozenset({"не", "ні", "ни", "not"})
#: Demonstratives that a "що"/"что" clause may depend on instead of the verb ("напоминали те, что",
#: "объяснял свои действия тем, что"): such a phrase is no speaker.
DEMONSTRATIVES = frozenset(str.split("те то тем том того тому той та ту тим тих тієї тією тот"))
#: Nouns counting repetitions between a speech verb and its subject ("— кілька разів повторила прем'єрка").
REPETITION_LEMMAS = frozenset({"раз"})
#: Verbs that relay a report ("передає УНН", "пише «Інтерфакс-Україна»"): never the source itself.
RELAY_VERBS = frozenset(
    {"передавати", "писати", "передать", "передавать", "цитувати", "цитировать", "write", "quote"}
)
#: Forms simplemma does not lemmatise the way the verb set expects.
ENGLISH_FORMS = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "tells": "tell",
    "added": "add",
    "noted": "note",
    "wrote": "write",
    "stated": "state",
    "stressed": "stress",
    "claimed": "claim",
    "announced": "announce",
    "warned": "warn",
    "explained": "explain",
    "argued": "argue",
}
PRONOUNS: dict[str, str | None] = {
    "він": "masc",
    "вона": "femn",
    "вони": None,
    "он": "masc",
    "она": "femn",
    "они": None,
    "he": "masc",
    "she": "femn",
    "they": None,
}
#: Nouns naming a document: the speaker is whoever issued it, named earlier.
DOCUMENT_LEMMAS = frozenset(
    str.split("""повідомлення заява документ лист звернення текст пресреліз прес-реліз реліз публікація допис
    комюніке резолюція постанова рішення ухвала указ наказ доповідь звіт протокол меморандум декларація
    коментар стаття матеріал інтерв'ю огляд інформація твіт пост запис комментарий статья материал интервью
    обзор информация твит запись
    сообщение заявление документ письмо обращение публикация резолюция постановление решение указ приказ
    доклад отчет отчёт протокол меморандум декларация пресс-релиз релиз коммюнике оповещение
    statement release""")
)
#: Nouns naming a role: the speaker is the person given that role before.
ROLE_LEMMAS = frozenset(
    str.split("""міністр держсекретар президент прем'єр прем'єр-міністр речник речниця спікер глава голова посол
    канцлер генсек генсекретар депутат мер губернатор лідер очільник керівник директор представник
    представниця радник радниця секретар політик експерт посадовець дипломат командувач
    министр госсекретарь президент премьер премьер-министр пресс-секретарь глава председатель посол
    канцлер генсек депутат мэр губернатор лидер руководитель директор представитель советник
    minister secretary president spokesman spokeswoman spokesperson ambassador chancellor""")
)
#: "За словами X,", "За її словами,", "По мнению X,", "По ее оценке,", "На думку X,", "На переконання X,",
#: "According to X,", and "Як/Как/As"
#: (a speech verb must follow those: "Як заявив X,", "Как отметили в X,"; "Як відомо," is no opener).
INDIRECT_OPENERS = re.compile(
    r"(?:^|(?<=,\s))(?:"
    r"(?:[Зз]а|[Пп]о)\s+(?:(?P<poss>його|її|їх|їхніми|его|ее|её|их)\s+)?"
    r"(?:словами|словам|(?P<source>даними|данным|інформацією|информации)|оцінками|оценкам|мнению|оцінкою"
    r"|оценке|убеждению)"
    r"|[Нн]а\s+(?:(?P<poss2>його|її|їх|їхню|їхнє)\s+)?(?:думку|переконання)"
    r"|[Зз]і?\s+(?:(?P<poss3>його|її|їх)\s+)?слів"
    r"|[Аа]ccording\s+to"
    r"|(?P<as>[Яя]к|[Кк]ак|[Aa]s)"
    r")(?=[\s,])\s*"
)


_AFTER_COMMA = re.compile(r",\s")
#: What may stand between a closing quote mark and its attribution: "», — ", "\" - ", ",” ".
_AFTER_CLOSE_RE = re.compile(rf"^\s*[,.!?…]*\s*[{DASHES}]?\s*")


def opener_matches(text: str) -> Iterator[re.Match[str]]:
    """``INDIRECT_OPENERS.finditer(text)``, trying only where an opener may start: at 0 and after
    ", " (what its anchor and look-behind allow), instead of at every character."""
    end = 0
    for at in itertools.chain((0,), map(_END_OF, _AFTER_COMMA.finditer(text))):
        if at < end:
            continue
        m = INDIRECT_OPENERS.match(text, at)
        if m is not None:
            end = m.end()
            yield m


def _sourcing(m: re.Match[str]) -> bool:
    """ "За даними телеканалу", "По информации агентства": where the reporter got it, not anyone's words
    ("за її інформацією" is hers, though)."""
    return bool(m.group("source")) and not m.group("poss")


#: Words every non-verb opener contains: a cheap test before the opener regex.
OPENER_HINT_WORDS = (
    "слов",
    "слів",
    "дани",
    "данн",
    "нформац",
    "оцінк",
    "оценк",
    "мнени",
    "думк",
    "переконан",
    "убежден",
    "ccording",
)
OPENER_HINT = re.compile("|".join(OPENER_HINT_WORDS))
#: A headline ending in " – Name" (one to four words, capitalised) or starting with "Name: ".
TITLE_TAIL_RE = re.compile(r"\s[-–—]\s+(?P<who>[A-ZА-ЯІЇЄҐЁ][\w'’.-]*(?:\s+[\w'’.-]+){0,3})\s*$")
TITLE_TIME_RE = re.compile(r"^\d{1,2}:\d{2}\s+")
TITLE_HEAD_RE = re.compile(r"^(?P<who>[A-ZА-ЯІЇЄҐЁ][\w'’.-]*(?:\s+[A-ZА-ЯІЇЄҐЁ][\w'’.-]*){0,3}):\s+")
POSSESSIVE_PRONOUNS = {
    "його": "masc",
    "її": "femn",
    "їхніми": None,
    "їх": None,
    "его": "masc",
    "ее": "femn",
    "её": "femn",
    "их": None,
    "his": "masc",
    "her": "femn",
    "their": None,
}
COMPLEMENTIZERS = frozenset({"що", "что", "that"})
#: What every form of a naming verb contains ("назвав", "називає", "назовёт", "called").
NAMING_HINT = re.compile(r"(?i)назв|назив|назов|назыв|охарактериз|call|describ")
#: Conjunctions that join a second predicate of the same subject ("…, і додав, що …").
COORDINATORS = frozenset(str.split("і й та а але проте однак и но однако and but"))
#: Abbreviations of a common noun ("засоби масової інформації"), not of a name: as a plural verb's
#: subject they are a group. The dictionary tags them like "МЗС" or "НВО", so they are listed.
GENERIC_ABBREVIATIONS = frozenset({"ЗМІ", "СМИ", "ЗМИ"})
#: Endings of adjectival surnames in an oblique case ("Безусової", "Толстого"): not indeclinable.
OBLIQUE_ADJECTIVE_ENDINGS = ("ої", "ого", "ому", "ою", "ій", "ой", "ым", "ей")
#: Coordinators joining two predicates of one subject ("заявила …, и настаивала"; not "а", "але").
SUBJECT_SHARING = frozenset(str.split("і й та и and"))
COMPLEMENTIZER_RE = re.compile(r"\b(?:що|что|[Tt]hat)\b")
RELATIVE_PRONOUNS = frozenset({"який", "котрий", "чий", "который", "чей", "who", "which", "whose"})
#: Words that make a reported clause the speaker's own words ("Мы ожидаем …, сказал Песков").
FIRST_PERSON = frozenset(
    str.split("""я ми мене нас нам мені мною нами мій моя моє мої наш наша наше наші
    мы меня мне мной мой моя моё мои i we me us my our""")
)
STOP_LEMMAS = frozenset(
    {
        "і",
        "й",
        "та",
        "але",
        "а",
        "и",
        "що",
        "что",
        "and",
        "but",
        "that",
        "щодо",
        "після",
        "під",
        "перед",
        "під час",
        "during",
        "after",
    }
)
#: How a dialogue line without an attribution ends when it is someone's words (not "…," or "…?").
UTTERANCE_ENDS = frozenset('.!…»"”')
#: Up to this length an all-capital word is an abbreviation ("ВООЗ", "НАТО"), not a surname in capitals.
MAX_ABBREVIATION = 5
#: Up to this length a sentence-initial capitalised word on its own is no name ("По", "Як", "Но").
MAX_FUNCTION_WORD = 2
#: A quote needs at least this many words when attributed; more when it stands alone as a paragraph.
MIN_ATTRIBUTED_WORDS = 3
MIN_STANDALONE_WORDS = 6
#: Up to this many words a capitalised quoted phrase mid-sentence is a name or title.
MAX_TITLE_WORDS = 4
#: A whole quoted sentence continuing the speaker before it needs this many characters.
MIN_STANDALONE_CHARS = 30
#: A quoted fragment inside reported speech needs this many characters ("безуспішно" yes, «ні» no).
MIN_FRAGMENT_CHARS = 4
#: How far back (in characters) a document or role reference looks for its source or person.
LOOKBACK_CHARS = 3000
MAX_SPEAKER_WORDS = 6
#: How many words after an institution's noun complete its name ("суд Одеської області").
MAX_ORG_COMPLEMENT = 3
#: How many words after a role noun a name may follow it as apposition ("міністр … Гернот Блюмель").
APPOSITION_WINDOW = 20
#: Imperfective report verbs that after "Як"/"Как" point back to earlier reporting ("Як повідомляв
#: УНН", "Как сообщалось"), unlike the perfective "Як повідомив Лавров".
BACKREFERENCE_LEMMAS = frozenset(
    {
        "повідомляти",
        "повідомлятися",
        "писати",
        "передавати",
        "інформувати",
        "сообщать",
        "сообщаться",
        "писать",
        "передавать",
        "информировать",
    }
)
#: Where an attribution can start after the reported clause: ", повідомили …", " — заявив …".
CLAUSE_CUT_RE = re.compile(r", | - | — | – ")
#: Where a relay can start inside a reported clause: "…, передає УНН".
RELAY_CUT_RE = re.compile(r", ")
#: How many such cuts, from the sentence end, are tried (the attribution plus relays after it).
MAX_ATTRIBUTION_CUTS = 3
QUOTE_MARKS = "«»„“”\"'"
OPENERS = {"«": "»", "„": "“”", "“": "”", '"': '"'}


@dataclass(slots=True)
class _Speaker:
    text: str
    span: tuple[int, int]
    canonical: str
    person: bool = False
    gender: str | None = None
    named: bool = False  # a first name is part of it, so its gender is that name's (not a guess)


@dataclass(slots=True)
class QuoteContext:
    """The analysed article the quote finder works on: text, tokens with morphology, sentences."""

    text: str
    tokens: Sequence[Token]
    morphs: Sequence[WordMorph]
    sentences: Sequence[tuple[int, int]]
    paragraphs: Sequence[tuple[int, int]]
    title: tuple[int, int] | None = None
    lang: str = "uk"


def _is_initial(word: str) -> bool:
    return (len(word) == 1 and word.isupper()) or word in ("Дж", "Ж", "Ch")


@lru_cache(maxsize=8192)
def is_role(lemma: str) -> bool:
    """ "міністр", "Прем'єрка", "прем'єр-міністра": a role noun, by its lemma or the lemma's start.

    Cached: role lookups walk back over thousands of tokens per article.
    """
    low = lemma.lower()
    for prefix in DEPUTY_PREFIXES:
        if low.startswith(prefix) and len(low) > len(prefix) + 1:
            low = low[len(prefix) :]  # "віце-мер", "віцемер", "экс-премьер": the role itself
            break
    return low in ROLE_LEMMAS or low.startswith(ROLE_PREFIXES)


#: Prefixes of a deputy's or former holder's title ("віце-мер", "вице-премьер", "экс-министр").
DEPUTY_PREFIXES = ("віце-", "вице-", "віце", "вице", "екс-", "экс-")
#: Grammemes of proper names: a noun tagged so names someone, it is no role ("Тереза", "Мей", "Київ").
NAME_GRAMMEMES = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad")


@lru_cache(maxsize=4096)
def person_noun(tag: str) -> bool:
    """A singular animate common noun ("співак", "чиновник", "заступник", "сенатор", "ксендз"): a
    person named by what they are, whom the article names elsewhere.

    Read from pymorphy's tag rather than a word list, so roles nobody listed still resolve. Plural
    ("волонтери", "прибічники") is a group, which the gold leaves unnamed.
    """
    return (
        tag.startswith("NOUN")
        and "anim" in tag
        and "plur" not in tag
        and not any(g in tag for g in NAME_GRAMMEMES)
    )


#: Role stems that inflect or derive beyond what pymorphy knows ("прем'єрка", "Прем'єр-Міністр").
ROLE_PREFIXES = (
    "прем'єр",
    "прем’єр",
    "премьер",
    "міністр",
    "министр",
    "президент",
    "речни",
    "спікер",
    "посл",
)
#: Prepositions of "в уряді заявили", "у МЗС повідомили": the institution that speaks.
LOCATIVE_PREPOSITIONS = frozenset({"в", "у", "во", "in"})
#: Prepositions after a speech verb that introduce what was said about, not who said it.
TOPIC_PREPOSITIONS = frozenset({"про", "щодо", "о", "об", "about", "on"})
TEMPORAL_LEMMAS = frozenset(
    str.split(
        """сьогодні вчора учора завтра напередодні сегодня вчера завтра накануне today yesterday тоді раніше
    понеділок вівторок середа четвер п'ятниця субота неділя понедельник вторник среда четверг пятница
    суббота воскресенье ранок вечір день ніч тиждень"""
    )
)


#: Month and weekday names in every case ("Июль" of a scraped dateline "20:02, 9 Июль, 2018"): never
#: a speaker on their own, however the dictionary reads them; after a first name they are a surname
#: ("Тереза Май", "Theresa May").
CALENDAR_FORMS = frozenset(
    calendar.select(
        calendar.MONTH_WORDS + calendar.WEEKDAY_WORDS, ("nominative", "genitive", "locative", "accusative")
    )
)
#: Parts of speech that no surname takes, even one the dictionary does not know.
NOT_NAME_POS = frozenset({"PUNCT", "NUM", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "DET", "SYM"})

_START = attrgetter("start")
_POS = attrgetter("pos")
_LEMMA = attrgetter("lemma")
_PREFIX5 = itemgetter(slice(0, 5))
_PERSON = attrgetter("person")
_START_OF = methodcaller("start")
_END_OF = methodcaller("end")
_POS_CODE = {"VERB": ord("V"), "X": ord("X")}
_OTHER = ord(".")
_VERB_CODE_RE = re.compile(rb"[VX]")


def _verbs_of(lemma: str) -> list[str]:
    """The lexicon forms a lemma may stand for: itself and, for a gerund, its verbs; "ё" read as "е"
    (the Russian dictionary writes "подчёркивать")."""
    low = lemma.lower().replace("ё", "е")
    return [low, *gerund_verbs(low)]


@lru_cache(maxsize=16384)
def _speech_form(text: str, lemma: str, tag: str, lexicon: frozenset[str] = SPEECH_VERBS) -> bool:
    """Whether a verb form attributes speech ("заявив", "said", "наголосивши"): a verb of ``lexicon`` by
    its lemma (English by its form, a gerund by its verb), and finite or a gerund ("мають інформувати"
    attributes nothing; "…, наголосивши, що …" reports what the clause's subject said)."""
    if tag.startswith("GRND"):
        return any(v in lexicon for v in _verbs_of(lemma))
    low = ENGLISH_FORMS.get(text.lower(), lemma.lower().replace("ё", "е"))
    if tag.startswith("PRTS") and "neut" in tag and "pssv" in tag:
        return low in lexicon  # "В документе указано, что …": impersonal, its source a document
    return low in lexicon and not _non_finite(tag, text)


#: What a lemma may be, as a verb or a gerund's verb: a per-process memo of _lemma_class.
NO_SPEECH, SPEECH, PHRASAL, ATTRIBUTION = 0, 1, 2, 3
_LEMMA_MAY_SPEAK: dict[str, int] = {}
_LEMMA_MEMO_LIMIT = 200_000


def _lemma_may_speak(lemma: str) -> int:
    if len(_LEMMA_MAY_SPEAK) >= _LEMMA_MEMO_LIMIT:
        _LEMMA_MAY_SPEAK.clear()
    verbs = _verbs_of(lemma)
    if any(v in SPEECH_VERBS for v in verbs):
        kind = SPEECH
    elif any(v in PHRASAL_SPEECH for v in verbs):
        kind = PHRASAL
    elif any(v in ATTRIBUTION_VERBS for v in verbs):
        kind = ATTRIBUTION
    else:
        kind = NO_SPEECH
    _LEMMA_MAY_SPEAK[lemma] = kind
    return kind


#: Gerund endings and the infinitive endings they may come from: the Ukrainian dictionary gives a
#: gerund as its own lemma ("наголосивши", "говорячи"); the Russian one gives the verb already.
GERUND_ENDINGS = (
    ("вшись", ("тися",)),
    ("вши", ("ти",)),
    ("ючись", ("тися", "итися")),
    ("ячись", ("итися", "ятися")),
    ("ючи", ("ти", "ати", "увати")),
    ("ячи", ("ити", "яти")),
    ("ачи", ("ати",)),
)


def gerund_verbs(gerund: str) -> list[str]:
    """The infinitives a gerund may come from: "наголосивши" → "наголосити", "говорячи" → "говорити"."""
    for ending, infinitives in GERUND_ENDINGS:
        if gerund.endswith(ending):
            stem = gerund[: -len(ending)]
            return [stem + inf for inf in infinitives]
    return [gerund]


@lru_cache(maxsize=4096)
def _verb_form(tag: str, word: str, gender: str | None) -> tuple[str, str | None] | None:
    """See QuoteFinder._verb_form: per tag, form and gender (a handful of distinct values)."""
    if _non_finite(tag, word) or "impr" in tag or "Impe" in tag:
        return None  # (an infinitive, imperative or impersonal "зазначено" agrees with no subject)
    if "past" in tag:
        return ("past", "plur" if "plur" in tag else gender)
    return ("npst", "plur" if "plur" in tag else None)


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")


def _caseless(tag: str) -> bool:
    """A noun the dictionary lists without a case ("тенор": "NOUN,anim masc"): it may be the subject."""
    return tag.startswith("NOUN") and not any(c in tag for c in _CASES)


def _non_finite(tag: str, word: str) -> bool:
    """Infinitives and participles attribute nothing: "мають інформувати", "была признана виновной".

    A Ukrainian "-ть" form is taken as the present tense ("говорить", "твердить"): the dictionary
    also reads it as a colloquial infinitive, which news hardly uses.
    """
    if tag.startswith(("INFN", "PRTF", "PRTS")):
        return True
    return " infn" in tag and word.endswith(("ти", "тись", "тися"))


#: ``agreeing_adjective`` parses the word with pymorphy on every call: remembered here.
_agreeing_adjective = lru_cache(maxsize=4096)(agreeing_adjective)


@lru_cache(maxsize=1024)
def _function_word(word: str, lang: str) -> bool:
    """Whether a lower-case word is a preposition, conjunction or particle ("по", "но", "як")."""
    return morph(word, lang, False).pos in ("ADP", "CCONJ", "SCONJ", "PART")


def _lemmatize_name(words: list[str], lang: str) -> str:
    """:func:`lemmatize_phrase`, keeping a capital the dictionary dropped: an unknown surname's lemma
    comes back lower-case ("Терезой Мэй" → "Тереза мэй"), but a name stays a name."""
    lemmas = lemmatize_phrase(words, lang).split(" ")
    if len(lemmas) != len(words):
        return " ".join(lemmas)
    return " ".join(
        (w if w.isupper() else lem[:1].upper() + lem[1:]) if w[:1].isupper() and lem[:1].islower() else lem
        for w, lem in zip(words, lemmas, strict=True)
    )  # (a common noun that opened a sentence is put in lower case again by the caller)


def _find_all(seq: list[str], value: str, lo: int, hi: int) -> list[int]:
    """Every index of ``value`` in ``seq[lo:hi]``, ascending: ``list.index`` runs at C speed."""
    found = []
    try:
        while True:
            lo = seq.index(value, lo, hi)
            found.append(lo)
            lo += 1
    except ValueError:
        return found


class QuoteFinder:
    """Finds the quotes of one analysed article; build one per article (it keeps per-article indexes)."""

    def __init__(self, ctx: QuoteContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        # Asked for every token of every sentence by several rules: computed once per article (token
        # starts for bisecting, speech verbs for the rules that need one), at C speed where possible.
        tokens = ctx.tokens
        self.starts: list[int] = list(map(_START, tokens))
        morphs = ctx.morphs
        # verbs found by a regex over one byte per token (a C loop; a Python one over every token
        # cost more than the rules)
        codes = bytes(map(_POS_CODE.get, map(_POS, tokens), repeat(_OTHER)))
        # (a lemma that no speech verb or gerund has is dropped by a dict lookup before the full
        # test, which most verbs would otherwise pay for: a third less than testing every verb)
        self.speech_idx: list[int] = []
        attribution: list[int] = []
        verb_idx = list(map(_START_OF, _VERB_CODE_RE.finditer(codes)))
        verbs = [tokens[i] for i in verb_idx]
        # (each verb's lemma class from a per-process memo, at C speed; only the few that may speak,
        # and the lemmas seen for the first time, are visited in Python)
        kinds = list(map(_LEMMA_MAY_SPEAK.get, map(_LEMMA, verbs)))
        if None in kinds:
            kinds = [_lemma_may_speak(t.lemma) if k is None else k for t, k in zip(verbs, kinds, strict=True)]
        if ctx.lang == "en":  # forms simplemma lemmatises its own way ("said" → "said")
            kinds = [
                SPEECH if not k and t.text.lower() in ENGLISH_FORMS else k
                for t, k in zip(verbs, kinds, strict=True)
            ]
        for i, tok, kind in compress(zip(verb_idx, verbs, kinds, strict=True), kinds):
            if (
                i
                and tokens[i - 1].text.lower() in NEGATIONS
                and not any(v in DENIAL_VERBS for v in _verbs_of(tok.lemma))
            ):
                continue  # "не повідомили", "не заявлял": who did not say it is no source (but
                # "не заперечував, що …" admits it)
            tag = morphs[i].tag
            if "impr" in tag:
                continue  # "напишите в комментариях", "зверніть увагу": the reader is addressed
            if kind == SPEECH:
                if _speech_form(tok.text, tok.lemma, tag):
                    self.speech_idx.append(i)
            elif kind == PHRASAL:
                if self._phrasal(i):
                    self.speech_idx.append(i)
            elif _speech_form(tok.text, tok.lemma, tag, ATTRIBUTION_VERBS):
                attribution.append(i)
        self.speech = frozenset(self.speech_idx)
        self._person_memo: list[bool | None] = [None] * len(tokens)
        self._persons: list[int] | None = None
        self.attribution = self.speech.union(attribution)
        self.quoted: list[tuple[int, int]] = []
        self.found: list[Quote] = []
        self.speakers: list[tuple[int, _Speaker]] = []  # (quote start, speaker) of resolved quotes
        self.sentence_starts = [s for s, _ in ctx.sentences]
        self._quote_index: tuple[int, list[int], list[int]] = (0, [], [])
        self._runs_memo: tuple[tuple[int, int, int], list[list[int]]] = ((-1, -1, -1), [])
        self.headline_span: tuple[int, int] | None = None  # (set by ``headline``)
        self.namey_pairs: list[int] | None = None  # (the speaker ranker's, made when it needs them)

    # ----------------------------------------------------------------------------------- helpers
    def _tokens(self, start: int, end: int) -> range:
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))

    def _lemma(self, i: int) -> str:
        tok = self.ctx.tokens[i]
        lower = tok.text.lower()
        return ENGLISH_FORMS.get(lower, tok.lemma.lower())

    def _is_speech_verb(self, i: int) -> bool:
        return i in self.speech

    def _is_attribution_verb(self, i: int) -> bool:
        """A speech verb, or one that attributes only right after a quote ("— заключил он")."""
        return i in self.attribution

    def _phrasal(self, i: int) -> bool:
        """ "дал понять", "даючи зрозуміти": the verb, finite or a gerund, with its second word next."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        if _LEMMA_MAY_SPEAK.get(tokens[i].lemma) != PHRASAL:
            return False  # (the memo was filled for every verb of the article)
        if i + 1 >= len(tokens) or _non_finite(morphs[i].tag, tokens[i].text):
            return False
        second = {PHRASAL_SPEECH.get(v) for v in _verbs_of(tokens[i].lemma)}
        return tokens[i + 1].lemma.lower() in second

    def _is_word(self, i: int) -> bool:
        return self.ctx.tokens[i].pos not in ("PUNCT",)

    def _inside_quote(self, pos: int) -> bool:
        """Strictly inside a quote span (between its marks); an index rebuilt when spans are added."""
        if not self.quoted:
            return False
        size, starts, ends = self._quote_index
        if size != len(self.quoted):
            starts, ends = [], []
            for s, e in sorted(self.quoted):
                if starts and s < ends[-1]:
                    ends[-1] = max(ends[-1], e)  # nested or overlapping: one interval
                else:
                    starts.append(s)
                    ends.append(e)
            self._quote_index = (len(self.quoted), starts, ends)
        k = bisect.bisect_left(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    def _speech_in(self, first: int, stop: int) -> list[int]:
        """Indices of the speech verbs among tokens ``first..stop-1``."""
        idx = self.speech_idx
        return idx[bisect.bisect_left(idx, first) : bisect.bisect_left(idx, stop)]

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        if k >= 0:
            s, e = self.ctx.sentences[k]
            if s <= pos < e:
                return s, e
        return pos, pos

    def _is_person(self, i: int) -> bool:
        """A person-name token, or a capitalised word right after a first name ("Іван Підгорський").

        Asked several times per token by the look-ups: remembered per token of the article.
        """
        known = self._person_memo[i]
        if known is not None:
            return known
        known = self._person_memo[i] = self._person_token(i)
        return known

    def _person_token(self, i: int) -> bool:
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        if tokens[i].text.isupper() and len(tokens[i].text) > 1:
            # "РБК", "ЗМІ": an abbreviation, whatever surname reading it has; but a surname set in
            # capitals after a first name ("Геннадія СВІРСЬКОГО") is a surname
            return (
                len(tokens[i].text) > MAX_ABBREVIATION
                and i > 0
                and "Name" in morphs[i - 1].tag
                and morphs[i].person
                and tokens[i - 1].sentence == tokens[i].sentence
            )
        if (
            len(tokens[i].text) <= MAX_FUNCTION_WORD
            and (i == 0 or tokens[i - 1].sentence != tokens[i].sentence)
            and (
                not (i + 1 < len(tokens) and morphs[i + 1].person)
                or _function_word(tokens[i].text.lower(), self.ctx.lang)
            )
        ):
            return False  # "По словам …", "По словам Майка Пенса": a sentence-initial function word
            # read as a surname (Poe)
        if morphs[i].person and tokens[i].pos == "PROPN":
            return True
        if not (i > 0 and tokens[i].text[:1].isupper()):
            return False
        if tokens[i].pos not in ("PROPN", "ADJ", "NOUN", "X"):
            # "Тереза Мэй": a capitalised word the dictionary does not know ("Мэй" read as an
            # adverb) right after a first name is its surname
            return (
                "UNKN" in morphs[i].tag
                and tokens[i].pos not in NOT_NAME_POS
                and "Name" in morphs[i - 1].tag
                and tokens[i - 1].sentence == tokens[i].sentence
            )
        if "Name" in morphs[i - 1].tag:
            return True
        # "Г.Блюмель", "Б. Джонсон": a capitalised word after an initial is a surname
        return i > 1 and tokens[i - 1].text == "." and _is_initial(tokens[i - 2].text)

    def _latin(self, i: int) -> bool:
        """A Latin-script word in a Cyrillic article ("The Times", "Reuters"): a name, whatever its POS."""
        return self.ctx.lang != "en" and "LATN" in self.ctx.morphs[i].tag

    def _lemma_hits(self, value: str, lo: int, hi: int, *, prefix: bool = False) -> list[int]:
        """Tokens ``lo..hi-1`` whose lemma (or its first five letters) is ``value`` in any usual case
        ("міністр", "Міністр", "МІНІСТР"), ascending; by ``list.index`` over the window's lemmas,
        listed at C speed (the window only: a long article's whole list cost more than the look-up)."""
        seq = list(map(_LEMMA, self.ctx.tokens[lo:hi]))
        if prefix:
            seq = list(map(_PREFIX5, seq))
        variants = {value, value.capitalize(), value.upper()}
        return sorted(lo + i for v in variants for i in _find_all(seq, v, 0, len(seq)))

    def _role(self, i: int) -> bool:
        """A role or other person noun: listed ("міністр", "речниця") or tagged so ("співак")."""
        return is_role(self.ctx.tokens[i].lemma) or person_noun(self.ctx.morphs[i].tag)

    def _named_subject(self, i: int) -> bool:
        """A person name that can be the subject (not "голова Хмельницької … федерації": a genitive)."""
        return self._is_person(i) and self.ctx.morphs[i].nominative is not False

    def _run_gender(self, idx: list[int]) -> str | None:
        """A name's gender: its first name's when it has one ("Тереза Мей"), else its last word's.

        An indeclinable first name is a transliteration whose dictionary gender may be a namesake's
        ("Мішель" femn in "Мішель Барньє"): there the surname's gender, when known, decides.
        """
        morphs = self.ctx.morphs
        name = next((i for i in idx if "Name" in morphs[i].tag), None)
        surname = next((morphs[i].gender for i in reversed(idx) if "Surn" in morphs[i].tag), None)
        if name is not None and "Fixd" in morphs[name].tag and surname:
            return surname
        return morphs[name].gender if name is not None else morphs[idx[-1]].gender

    def _speaker_from_tokens(self, idx: list[int], *, nominative: bool = False) -> _Speaker:
        """A speaker from a phrase: its person tail if it ends in a name, else the whole phrase.

        ``nominative``: the phrase stands where the syntax makes it nominative (the subject of a
        speech verb), so it is its own canonical form; lemmatising it would only add the dictionary's
        errors ("Масіх" → "Масоха", "Мария Захарова" → "Мария Захаров"). Elsewhere ("за словами
        Лаврова", "з міністром Сергієм Лавровим") the phrase is lemmatised.
        """
        while (
            len(idx) > 1
            and self.ctx.tokens[idx[-1]].pos in ("ADV", "PART")
            and self.ctx.tokens[idx[-1]].text.islower()
        ):
            idx = idx[:-1]  # "В Пентагоне также заявляли": the adverb is no part of the name
        toks = [self.ctx.tokens[i] for i in idx]
        words = [t.text for t in toks]
        person_tail = []
        for i in reversed(idx):
            if self._is_person(i):
                person_tail.insert(0, i)
            else:
                break
        if (
            person_tail
            and nominative
            and len(person_tail) < len(idx)
            and not self._name_case(person_tail, True)
        ):
            person_tail = []  # "виборчий штаб Джо Байдена": a genitive name completes the subject
        if person_tail:  # "Держсекретар Сполучених Штатів Ентоні Блінкен" → the person
            idx = person_tail
            toks = [self.ctx.tokens[i] for i in idx]
            words = [t.text for t in toks]
            nominative = self._name_case(idx, nominative)
        start, end = toks[0].start, toks[-1].end
        gender = self._run_gender(idx)
        canonical = self.text[start:end] if nominative else _lemmatize_name(words, self.ctx.lang)
        if not nominative and not person_tail and words[0][:1].islower():
            canonical = self._common_np(idx) or canonical  # "у податковій інспекції" → "податкова інспекція"
        if len(person_tail) == 1 and "Name" in self.ctx.morphs[idx[0]].tag:
            canonical = self._full_name_of(idx[0], canonical) or canonical  # "зізнається Наталія"
        if (
            not person_tail
            and toks[0].lemma[:1].islower()
            and not self._latin(idx[0])
            and not toks[0].text.isupper()
            and "UNKN" not in self.ctx.morphs[idx[0]].tag
        ):
            canonical = canonical[:1].lower() + canonical[1:]  # "Джерело телеканалу" opened a sentence
        # (a first name before a surname: one word alone may be a surname the dictionary guessed a
        # first name of, "Ковитиди", and its gender with it)
        named = len(idx) > 1 and any("Name" in self.ctx.morphs[i].tag for i in idx[:-1])
        return _Speaker(
            self.text[start:end],
            (start, end),
            canonical,
            person=bool(person_tail),
            gender=gender,
            named=named,
        )

    def _common_np(self, idx: list[int]) -> str | None:
        """The nominative of a common noun phrase in an oblique case: its adjectives agreeing with the
        head noun, the head's lemma, the complement as written ("податковій інспекції" → "податкова
        інспекція", "в официальном заявлении" → "официальное заявление"); None where the phrase is not
        that shape or the head is plural."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        head = next((k for k, i in enumerate(idx) if tokens[i].pos == "NOUN"), None)
        if head is None or any(tokens[i].pos != "ADJ" for i in idx[:head]):
            return None
        noun = idx[head]
        if "plur" in morphs[noun].tag:
            return None  # (a plural's lemma is singular: "многих экспертов" is not "эксперт")
        out = []
        for i in idx[:head]:
            adjective = _agreeing_adjective(tokens[i].text, self.ctx.lang, morphs[noun].gender, False)
            if adjective is None:
                return None
            out.append(adjective.lower() if tokens[i].text.islower() else adjective)
        out.append(tokens[noun].lemma)
        out.extend(tokens[i].text for i in idx[head + 1 :])
        return " ".join(out)

    def _name_case(self, idx: list[int], nominative: bool) -> bool:
        """Whether a name found where a subject stands is really in the nominative: not where its
        first name has no nominative reading ("Сергія Міщенка, який повідомив": the relative pronoun
        is the subject) or where every word is oblique ("Джангирову, который сказал")."""
        if not nominative:
            return False
        morphs = self.ctx.morphs

        def oblique(i: int) -> bool:
            # (a plural reading of a name, "Джен" as the genitive plural of "Джена", is the
            # dictionary's artefact: one person is singular)
            tag = morphs[i].tag
            return morphs[i].nominative is False and "plur" not in tag and not _caseless(tag)

        before = idx[0] - 1
        if before >= 0 and self.ctx.tokens[before].pos == "ADJ" and morphs[before].nominative is False:
            return False  # "мама 14-річної Олени": an oblique adjective agrees with an oblique name
        if "Name" in morphs[idx[0]].tag:
            return not oblique(idx[0])
        return not all(map(oblique, idx))

    def _full_name_of(self, first: int, name: str) -> str | None:
        """The full name a bare first name (``name``, its canonical form) stands for: the last "first
        name + surname" before it with the same first name and gender ("Наталія Карпенко" … "–
        зізнається Наталія"), so that every quote of one person carries one canonical name. A
        patronymic ("Людмила Ільківна"), a place, or a surname of the other gender ("Віталія" is not
        "Віталія Федоровича") is no match; an oblique surname the dictionary cannot lemmatise is
        left out rather than written in the wrong case."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        lemma, gender = tokens[first].lemma.lower(), morphs[first].gender
        for run in reversed(self._name_runs(0, tokens[first].start)):
            pair = [i for i in run[:2] if tokens[i].sentence == tokens[run[0]].sentence]
            if len(pair) < 2 or tokens[pair[0]].lemma.lower() != lemma:
                continue
            tag = morphs[pair[1]].tag
            if "Name" not in morphs[pair[0]].tag or (
                morphs[pair[1]].gender not in (None, gender) and not tokens[pair[1]].text.endswith("о")
            ):
                continue  # (a surname in "-о" is either gender's: "Марина Дяченко", read masculine)
            if "Surn" not in tag or any(g in tag for g in ("Name", "Patr", "Geox", "Orgn")):
                continue
            surname = tokens[pair[1]].text
            indeclinable = (
                "Fixd" in tag
                and tokens[pair[1]].lemma == surname
                and not any(part.endswith(OBLIQUE_ADJECTIVE_ENDINGS) for part in surname.split("-"))
            )  # "Карпенко", but not "Безусової-Попович"
            if not indeclinable and not all("nomn" in morphs[i].tag for i in pair):
                lemma_form = lemmatize_phrase([tokens[pair[0]].text, surname], self.ctx.lang).split()[-1]
                if lemma_form == surname:
                    return None
                surname = lemma_form
            return f"{name} {surname}"
        return None

    # ----------------------------------------------------------------------------------- noun phrases
    def _np_after(self, first: int, limit: int) -> list[int]:
        """The noun phrase after a speech verb: "Блінкен", "в повідомленні", "речниця МЗС Олена Іванова"."""
        idx: list[int] = []
        i = first
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        while i < limit:
            tok = tokens[i]
            if tok.pos in ("ADV", "PART") and not tok.text[:1].isupper():
                i += 1  # "— зазначив також він"
            elif tok.lemma.lower() in TEMPORAL_LEMMAS:
                i += 1  # "повідомили у п'ятницю в уряді"
            elif i == first and tok.lemma.lower() in PHRASAL_SECOND:
                i += 1  # "звернули увагу етнографи": the second word of the verb
            elif (
                tok.pos in ("NUM", "ADJ", "DET", "ADV")
                and i + 1 < limit
                and tokens[i + 1].lemma.lower() in REPETITION_LEMMAS
            ):
                i += 2  # "— кілька разів повторила прем'єрка", "не раз говорил"
            elif tok.pos == "ADP" and i + 1 < limit and tokens[i + 1].lemma.lower() in TEMPORAL_LEMMAS:
                i += 2
            elif (
                tok.pos == "NOUN"
                and "datv" in morphs[i].tag
                and not tok.text[:1].isupper()
                and i + 1 < limit
                and tokens[i + 1].pos != "PUNCT"
            ):
                i += 1  # "сказав журналістам Лавров", "заявив виданню …"
            elif self._latin(i) and (after := self._after_latin(i, limit)) is not None:
                i = after  # "повідомила NovaKahovka.City заступник … Лариса Масюк": the outlet was told
            else:
                break
        if i < limit and tokens[i].pos == "ADP":
            idx.append(i)  # "у Держдепартаменті США", "в повідомленні": kept, the caller strips it
            i += 1
        while i < limit and len(idx) < MAX_SPEAKER_WORDS:
            tok = tokens[i]
            if (
                tok.pos == "PUNCT"
                and tok.text not in '«»"“”„-'
                and not (tok.text == "." and idx and _is_initial(tokens[idx[-1]].text))
            ):
                break  # (but "Г.Блюмель": an initial's full stop stays inside the name)
            if tok.pos in ("ADP", "CCONJ", "VERB") or tok.lemma.lower() in STOP_LEMMAS:
                break
            if tok.pos != "PUNCT":
                if (
                    idx
                    and tokens[idx[-1]].pos != "ADP"
                    and morphs[i].nominative is False
                    and tok.pos == "NOUN"
                    and not tok.text[:1].isupper()
                    and (tokens[idx[-1]].text[:1].isupper() or tokens[idx[-1]].text.lower() in PRONOUNS)
                ):
                    break  # "Блінкен журналістам", "он участникам митинга": the addressee ends it
                idx.append(i)
            i += 1
        while i < limit and idx and self._is_person(idx[-1]) and self._is_person(i):
            idx.append(i)  # a name is not cut at the word limit ("… відділу статистики Лариса Масюк")
            i += 1
        if idx and tokens[idx[0]].pos == "ADP":
            # "повідомив в коментарі DW голова в'язниці …": the medium, then the speaker in the
            # nominative — a role noun that no preposition governs
            head = next(
                (
                    k
                    for k, j in enumerate(idx[2:], 2)
                    if tokens[j - 1].pos != "ADP"
                    and not tokens[j].text[:1].isupper()
                    and self._role(j)
                    and morphs[j].nominative
                    and "nomn" in morphs[j].tag
                ),
                None,
            )
            if head is not None:
                return idx[head:]
            beyond = self._subject_past_phrases(i, limit)
            if beyond is not None:
                return self._np_after(beyond, limit)
        return idx

    def _subject_past_phrases(self, i: int, limit: int) -> int | None:
        """Where the speaker's phrase starts after prepositional phrases that follow the verb: "—
        написала на своей странице в Facebook инфекционист", "заявив у четвер у Брюсселі речник
        Єврокомісії Ерік Мамер": a nominative role or person noun no preposition governs, within a
        few words and before any punctuation or verb; else None."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        for j in range(i, min(limit, i + APPOSITION_WINDOW)):
            tok = tokens[j]
            if (tok.pos == "PUNCT" and tok.text not in '«»"“”') or tok.pos == "VERB":
                return None
            if tok.pos == "ADP" or tokens[j - 1].pos == "ADP":
                continue
            if (self._role(j) and "nomn" in morphs[j].tag) or (
                self._is_person(j) and morphs[j].nominative and tok.pos == "PROPN"
            ):
                return j
        return None

    def _speaker_phrase(self, after: list[int], start: int, verb: int) -> list[int]:
        """The phrase after the verb, unless it is a place or medium and a subject stands before.

        ("Трамп написав у Twitter: «…»", "Греф говорил в конце 2018 года, что …": the subject speaks;
        "повідомили в уряді": the place is the source, no subject being named.)
        """
        if after and self.ctx.tokens[after[0]].pos != "ADP":
            if self._object_phrase(after):
                # "Ашіг Масіх повідомив DW, що", "запевнив кореспондента «ВЗ», що": the addressee
                subject = self._subject_before(start, verb)
                if any(self._is_person(i) or self._role(i) for i in subject):
                    return subject
            return after
        subject = self._subject_before(start, verb)
        if subject and (not after or self.ctx.tokens[subject[0]].pos != "ADP"):
            return subject
        return after

    def _outlet(self, idx: list[int]) -> bool:
        """A news outlet's name: a medium noun ("видання", "газета"), a name in quote marks
        («Ведомости») or in Latin script ("Reuters"), and no person in it."""
        tokens = self.ctx.tokens
        words = [i for i in idx if tokens[i].pos != "PUNCT"]
        if words and words[-1] == idx[-1] and tokens[words[-1]].text.lower() in AGENCY_WORDS:
            return True  # "Франс Пресс" ("Франс" read as a first name)
        if not words or any(self._is_person(i) for i in words):
            return False
        head = words[0]
        quoted = head > 0 and tokens[head - 1].text in '«"“„'
        return quoted or self._latin(head) or tokens[head].lemma.lower() in MEDIA_LEMMAS

    def _object_phrase(self, idx: list[int]) -> bool:
        """A phrase after a verb that cannot be its subject: no person or role in it, and every word
        oblique or a Latin-script name (the medium told, "DW", "кореспондента «ВЗ»")."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        words = [i for i in idx if tokens[i].pos != "PUNCT"]
        return bool(words) and all(
            (morphs[i].nominative is False or self._latin(i)) and not self._is_person(i) and not self._role(i)
            for i in words
        )

    def _after_latin(self, i: int, limit: int) -> int | None:
        """Past a Latin-script name followed by a Cyrillic noun phrase, else None.

        After a speech verb such a name is the addressee (dative, which Latin script cannot show) and
        the phrase after it the speaker; a Latin name on its own ("…, передає Reuters") is the subject.
        """
        tokens = self.ctx.tokens
        j = i
        while j < limit and (self._latin(j) or tokens[j].text == "."):
            j += 1
        if j < limit and tokens[j].pos in ("NOUN", "PROPN", "ADJ") and tokens[j].text[:1].isalpha():
            return j
        return None

    def _subject_before(self, start: int, verb: int) -> list[int]:
        """The nominative noun phrase before a verb in its clause ("Держсекретар … Блінкен заявив")."""
        rng = list(self._tokens(start, self.ctx.tokens[verb].start))
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        if self._impersonal(verb):
            return self._document_locative(rng)
        runs: list[list[int]] = []
        run: list[int] = []
        for i in rng:
            tok = tokens[i]
            capital = (
                tok.text[:1].isupper()
                and tok.pos not in ("PUNCT", "NUM")
                and (tok.text.lower() not in CALENDAR_FORMS or self._is_person(i))
            )  # (a dateline's "9 Июль" is no subject; "Тереза Май" is)
            if capital or (run and tok.text in '-«»"“”'):
                if self._inside_quote(tok.start):
                    run = []  # (a name inside a quote is no subject of the attribution)
                    continue
                run.append(i)
                continue
            if run:
                runs.append(run)
            run = []
        if run:
            runs.append(run)
        candidates: list[list[int]] = []
        for r in reversed(runs):
            words = [i for i in r if tokens[i].pos != "PUNCT"]
            while (
                words
                and tokens[words[0]].pos in ("ADV", "CCONJ", "ADP", "PART", "PRON")
                and not self._latin(words[0])
                and len(words) > 1
            ):
                words = words[1:]  # "Раніше Меркель", "Але Джонсон": a capitalised opener is no name
            if len(words) == 1 and tokens[words[0]].text in DEMONSTRATIVE_SUBJECTS and words[0] + 1 == verb:
                return words  # "Та розповіла, що …": "та" is no conjunction right before the verb
            if not words or (
                len(words) == 1
                and not self._latin(words[0])
                and (
                    (
                        tokens[words[0]].pos in ("ADV", "CCONJ", "ADP", "PART")
                        and "UNKN" not in morphs[words[0]].tag
                    )
                    or (
                        len(tokens[words[0]].text) <= MAX_FUNCTION_WORD
                        and words[0] == rng[0]
                        and not tokens[words[0]].text.isupper()
                    )
                )
            ):
                continue  # "По мнению …": a sentence-initial function word (read as "Poe") is no subject
            tail = []
            for i in reversed(words):
                if not self._is_person(i):
                    break
                tail.insert(0, i)
            if tail and len(tail) < len(words):
                words = tail  # "щодо Brexit Мішель Барньє" → "Мішель Барньє"
            while (
                len(words) > 1
                and morphs[words[0]].nominative is False
                and self._is_person(words[0])
                and "Name" in morphs[words[1]].tag
            ):
                words = words[1:]  # "лицо Трампа Роджер Стоун": a new name starts after the genitive
            before = words[0] - 1
            if before >= 0 and tokens[before].pos == "ADP":
                continue  # "з Лавровим", "у Брюсселі"
            if (
                before >= 0
                and tokens[before].pos == "NOUN"
                and tokens[before].text[:1].islower()
                and morphs[before].nominative is False
                and ("datv" in morphs[before].tag or tokens[before].lemma.lower() in MEDIA_LEMMAS)
                and self._latin(words[0])
            ):
                continue  # "в интервью порталу Axios": the name of an oblique noun, not the subject
            if self._other_clause(words[0], words[-1], verb) or self._disagrees(words, verb):
                continue  # "…, що президент Трамп не планує …, штаб попередив"; "Трамп … заявило"
            if (
                before >= rng[0]
                and not tokens[before].text[:1].isupper()
                and self._role(before)
                and morphs[before].nominative
                and not any(self._is_person(i) for i in words)
            ):
                return [before, *words]  # "Обраний президент США заявив": the role speaks, not "США"
            # (a Latin-script name in a Cyrillic text, "The Times", has no case: it may be the subject)
            nominative = (
                morphs[words[-1]].nominative
                or tokens[words[-1]].pos == "X"
                or self._latin(words[-1])
                or _caseless(morphs[words[-1]].tag)
                or ("UNKN" in morphs[words[-1]].tag and not tokens[words[-1]].text.isupper())
            )  # ("Мэй": a name the dictionary does not know; not an abbreviation, "(МКА)")
            if nominative and any(morphs[i].nominative is False and self._is_person(i) for i in words):
                nominative = False  # "Владимира Путина": the surname may read nominative, the name not
            if nominative:
                first_pos = tokens[words[0]].pos
                if first_pos == "PRON" or (
                    words[0] == rng[0]
                    and tokens[words[0]].pos not in ("PROPN", "NOUN", "X")
                    and not self._latin(words[0])
                ):
                    org = self._institution(words, rng[-1] + 1)
                    if org:
                        candidates.append(org)
                    continue
                candidates.append(words)
        # a person outranks an organisation or place nearer the verb ("Барньє … ЄС заявив")
        for words in candidates:
            if any(self._is_person(i) for i in words):
                return words
        if candidates:
            words = candidates[0]
            if len(words) == 1 and tokens[words[0]].pos == "NOUN" and tokens[words[0]].lemma[:1].islower():
                # "Відділ охорони здоров'я … наголошує": a common noun capitalised as the sentence
                # starts, with its complement
                return self._noun_subject(words[0], verb, rng[0]) or words
            return words
        # no capitalised subject: a role noun or a pronoun in the nominative ("Міністр заявив", "Він додав")
        for i in reversed(rng):
            low = tokens[i].text.lower()
            if low in PRONOUNS:
                return [i]
            if tokens[i].lemma.lower() in RELATIVE_PRONOUNS and morphs[i].nominative:
                return self._antecedent(rng[0], i)
            if self._role(i) and (morphs[i].nominative or _caseless(morphs[i].tag)):
                return [i]  # ("Тенор поскаржився": the dictionary gives some nouns no case at all)
            if tokens[i].pos == "NOUN":
                noun = self._noun_subject(i, verb, rng[0])
                if noun:
                    return noun
            elif tokens[i].lemma.lower() in INDEFINITE_PRONOUNS:
                break  # "той голод ніхто не називав": a pronoun is the subject, no noun behind it
        return self._impersonal_source(rng, verb)

    def _verb_form(self, v: int) -> tuple[str, str | None] | None:
        """A finite verb's agreement: ("past", gender or "plur") or ("npst", "plur" or None)."""
        m = self.ctx.morphs[v]
        if not m.tag.startswith("VERB"):
            return None
        return _verb_form(m.tag, self.ctx.tokens[v].text, m.gender)

    def _other_clause(self, first: int, last: int, verb: int) -> bool:
        """Whether a subject candidate (tokens ``first..last``) is the subject of an embedded clause
        that ends before the speech verb: "На тлі повідомлень, що президент Трамп не планує …, штаб
        попередив" (a subordinator opens the candidate's clause, whose own finite verb follows it).
        Coordinated predicates and clauses after the candidate ("Грин не уточнила, какие обвинения
        выдвинет, но сказала") leave it the subject."""
        tokens = self.ctx.tokens
        k = first - 1
        while (
            k >= 0
            and tokens[k].text not in CLAUSE_BOUNDARIES
            and tokens[k].sentence == tokens[first].sentence
        ):
            if tokens[k].text.lower() in SUBORDINATORS:
                break
            k -= 1
        if k < 0 or tokens[k].text.lower() not in SUBORDINATORS:
            return False
        form = self._verb_form(verb)
        return any(
            self._verb_form(j) not in (None, form)  # ("что Алла поставила прививку и заявила")
            and not self._is_speech_verb(j)
            and not self._inside_quote(tokens[j].start)
            for j in range(last + 1, verb)
        )

    def _disagrees(self, words: list[int], verb: int) -> bool:
        """Whether a past-tense verb's gender rules a candidate out: no person is neuter ("міністерство
        … заявило"), and one capitalised noun with a dictionary gender ("Китай") agrees."""
        form = self._verb_form(verb)
        if form is None or form[0] != "past" or form[1] in (None, "plur"):
            return False
        persons = [i for i in words if self._is_person(i)]
        if not persons:
            # one capitalised noun with a dictionary gender: "Китай … заявило" is not its subject
            # (an abbreviation's gender is a guess: "МЗС заявив" and "МЗС заявило" both occur)
            word = words[-1]
            return (
                len(words) == 1
                and self.ctx.tokens[word].pos in ("NOUN", "PROPN")
                and not self.ctx.tokens[word].text.isupper()
                and "plur" not in self.ctx.morphs[word].tag
                and "Fixd" not in self.ctx.morphs[word].tag  # ("Битти": a guessed indeclinable)
                and self.ctx.morphs[word].gender not in (None, form[1])
            )
        # (a first name's dictionary gender is no proof: "Герман" is read as a case of "Германа")
        return form[1] == "neut"

    def _noun_subject(self, i: int, verb: int, first: int) -> list[int]:
        """A common noun heading the subject of a speech verb, agreeing with it ("міністерство оборони
        Китаю заявило", "виборчий штаб Джо Байдена попередив", "ведомство сообщило"): the noun
        phrase from its adjectives through its genitive complement up to the verb, else []."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        tok = tokens[i]
        tag = morphs[i].tag
        if tok.pos != "NOUN" or self._inside_quote(tok.start):
            return []
        if not tok.text[:1].islower() and not (i == first and tok.lemma[:1].islower()):
            return []  # (a name is no common noun; "Відділ охорони здоров'я …" opens the sentence)
        if not ("nomn" in tag or _caseless(tag)) or tok.lemma.lower() in TEMPORAL_LEMMAS:
            return []  # (the chosen reading: "Белого дома" may read as a nominative plural, not as this)
        if (i > first and tokens[i - 1].text.lower() in NEGATIONS) or (
            i + 1 < verb and (morphs[i + 1].tag.startswith("INFN") or tokens[i + 1].text == ".")
        ):
            return []  # "не став прогнозувати": a verb the dictionary read as a noun ("став", a pond);
            # "ст. 58-1": an abbreviation
        if tokens[verb].lemma.lower() in IMPERSONAL_SPEECH:
            return []  # "у п. 1 ст. 58 зазначається": an impersonal verb has no subject
        form = self._verb_form(verb)
        if form is None:
            return []
        plural = "plur" in tag
        tense, agree = form
        if (agree == "plur") != plural or (tense == "past" and agree not in (None, "plur", morphs[i].gender)):
            return []
        if tense == "npst" and tok.lemma.lower() in MEDIA_LEMMAS:
            return []  # "издание отмечает": an outlet relaying
        head, k = i, i - 1
        while k >= first and tokens[k].pos in ("NOUN", "ADJ") and not self._inside_quote(tokens[k].start):
            if (
                tokens[k].pos == "NOUN"
                and ("nomn" in morphs[k].tag or _caseless(morphs[k].tag))
                and ("plur" in morphs[k].tag) == plural
                and (tense != "past" or agree in (None, "plur", morphs[k].gender))
            ):
                head = k  # "міністерство охорони здоров'я оголосило": the head, not its complement
            k -= 1
        i = head
        start = i
        while start - 1 >= first and tokens[start - 1].pos == "ADJ" and tokens[start - 1].text[:1].islower():
            start -= 1  # "виборчий штаб"
        if start - 1 >= first and tokens[start - 1].pos == "ADP":
            return []  # "в міністерстві": a place, which _impersonal_source reads
        phrase = list(range(start, i + 1))
        for k in range(i + 1, verb):
            if tokens[k].pos not in ("NOUN", "PROPN", "ADJ", "X") or len(phrase) >= MAX_SPEAKER_WORDS:
                break
            phrase.append(k)
        if phrase[-1] + 1 < verb and any(self._verb_form(k) for k in range(phrase[-1] + 1, verb)):
            return []  # a clause of its own stands between the noun and the verb
        return phrase

    def _impersonal(self, verb: int) -> bool:
        """An impersonal speech form: "зазначено", "указано", "зазначається", "говорится"."""
        tag = self.ctx.morphs[verb].tag
        return (
            "Impe" in tag
            or tag.startswith("PRTS")
            or self.ctx.tokens[verb].lemma.lower() in IMPERSONAL_SPEECH
        )

    def _document_locative(self, rng: list[int]) -> list[int]:
        """ "В документе указано", "У заяві МЗС зазначено": the document an impersonal verb reports
        from, with its preposition (its issuer is resolved from it), else []."""
        tokens = self.ctx.tokens
        for k in range(len(rng) - 1, -1, -1):
            i = rng[k]
            if self._verb_form(i) is not None:
                return []  # (another clause)
            if tokens[i].pos == "ADP" and tokens[i].text.lower() in LOCATIVE_PREPOSITIONS:
                phrase = [j for j in rng[k:] if tokens[j].pos != "PUNCT" or tokens[j].text in '«»"“”']
                noun = next((j for j in phrase[1:] if tokens[j].pos == "NOUN"), None)
                if noun is not None and tokens[noun].lemma.lower() in DOCUMENT_LEMMAS:
                    return phrase[:MAX_SPEAKER_WORDS]
                return []
        return []

    def _antecedent(self, first: int, rel: int) -> list[int]:
        """The person a relative pronoun stands for: "Бориса Джонсона, который накануне обвинил …" →
        Джонсон (the name right before the comma that opens the relative clause), else no one."""
        tokens = self.ctx.tokens
        j = rel - 1
        if j < first or tokens[j].text != ",":
            return []
        run: list[int] = []
        k = j - 1
        while k >= first and self._is_person(k) and not self._inside_quote(tokens[k].start):
            run.insert(0, k)
            k -= 1
        return run

    def _institution(self, words: list[int], stop: int) -> list[int]:
        """ "Норвезьке агентство з лікарських засобів повідомило": a capitalised adjective opening the
        sentence, then a common noun in the nominative, is an institution's name up to the verb."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        noun = words[-1] + 1
        if not (
            len(words) == 1
            and tokens[words[0]].pos == "ADJ"
            and noun < stop
            and tokens[noun].pos == "NOUN"
            and not tokens[noun].text[:1].isupper()
            and morphs[noun].nominative
            and not self._role(noun)
        ):
            return []
        phrase = [words[0], noun]
        for k in range(noun + 1, stop):
            if tokens[k].pos in ("PUNCT", "VERB", "CCONJ") or len(phrase) >= MAX_SPEAKER_WORDS:
                return []  # (a clause, not a name, stands between the noun and the verb)
            phrase.append(k)
        return phrase

    def _impersonal_source(self, rng: list[int], verb: int) -> list[int]:
        """ "в уряді зазначили, що", "У МЗС заявили": a plural verb with no subject, and right before it
        the institution it speaks for, in a locative phrase (kept with its preposition)."""
        tokens = self.ctx.tokens
        if "plur" not in self.ctx.morphs[verb].tag:
            return []
        phrase: list[int] = []
        for i in reversed(rng):
            if tokens[i].pos in ("PUNCT", "VERB", "CCONJ") or len(phrase) > MAX_SPEAKER_WORDS:
                return []
            phrase.insert(0, i)
            if tokens[i].pos == "ADP":
                lead = tokens[i].text.lower()
                return phrase if lead in LOCATIVE_PREPOSITIONS and len(phrase) > 1 else []
        return []

    # ----------------------------------------------------------------------------------- resolution
    def _resolve(
        self, idx: list[int], at: int, gender: str | None, *, subject: bool = True, plural: bool = False
    ) -> _Speaker | None:
        """Turn a raw speaker phrase into a speaker: pronoun, document, role or a name as written.

        ``subject``: the phrase is the subject of the attribution (nominative), not the object of an
        opener ("за словами Лаврова"). ``plural``: the speech verb is plural ("отметили", "заявили"),
        so a subject without a name is a group ("судьи", "они", "британські ЗМІ"), never one person.
        """
        if not idx:
            return None
        tokens = self.ctx.tokens
        prep = tokens[idx[0]].pos == "ADP"
        subject = subject and not prep
        if prep and tokens[idx[0]].text.lower() in TOPIC_PREPOSITIONS:
            return None  # "заявив про готовність": the topic, not the source
        words = idx[1:] if prep else idx
        if subject and len(words) == 1 and tokens[words[0]].text in DEMONSTRATIVE_SUBJECTS and gender:
            # "Та розповіла, що …", "Тот ответил, что …": the person named last, in any case ("…
            # звернулася до … Алли Мороз. Та розповіла"), of the verb's gender
            for run in reversed(self._person_runs(max(0, at - LOOKBACK_CHARS), at, nominative_only=False)):
                if self._run_gender(run) in (None, gender):
                    return self._speaker_from_tokens(run)
            return None
        if not words or (
            tokens[words[0]].pos in ("CCONJ", "PART", "ADV", "VERB", "NUM")
            and not self._latin(words[0])
            and not (tokens[words[0]].text[:1].isupper() and "UNKN" in self.ctx.morphs[words[0]].tag)
        ):
            return None  # "щоб", "пока не": no speaker there (but "Мэй", a name read as an adverb)
        head = tokens[words[0]]
        low = head.text.lower()
        if low in SPEAKING_PERSONS:
            return None  # "мы говорили", "я вважаю": inside someone's speech, the quoted speaker's own
        if plural and subject and self._group(words):
            if low in PRONOUNS and self._nearest_person(at, None) is None:
                return None  # (as before: a pronoun with no one named before it attributes nothing)
            return self._group_speaker(words)
        if low in PRONOUNS and len(words) == 1:
            return self._nearest_person(at, PRONOUNS[low] or None if gender is None else gender)
        doc = next((i for i in words if tokens[i].pos == "NOUN"), words[0])
        if tokens[doc].lemma.lower() in DOCUMENT_LEMMAS and all(
            tokens[i].pos == "ADJ" for i in words[: words.index(doc)]
        ):
            # "в повідомленні", "в официальном заявлении МИД", "в решении суда": whoever issued it
            return self._document_issuer(doc, words[words.index(doc) + 1 :]) or self._source_before(at)
        role_i = next((i for i in words if tokens[i].pos == "NOUN" or self._role(i)), words[0])
        role_word = tokens[role_i]
        names_itself = self._full_name(words) or (
            self._is_person(words[-1]) and ("nomn" in self.ctx.morphs[words[-1]].tag or not subject)
        )  # ("пан Клінтон": the name ends the phrase; "голова комітету … Ради": a genitive; but "За
        # словами лідера сенатської більшості Чака Шумера": an opener's phrase is all genitive)
        if self._role(role_i) and role_i == words[0] and not names_itself:
            named = self._apposition(words[-1] + 1)
            if named is not None and named.person and " " in named.text:
                return named  # "голова комітету Верховної Ради … Михайло Радуцький" (not "Ради")
        if (
            self._role(role_i)
            and "plur" in self.ctx.morphs[role_i].tag
            and not role_word.text[:1].isupper()
            and not any(self._is_person(i) for i in words)
        ):
            return self._speaker_from_tokens(words, nominative=subject)  # "На думку експертів": a group
        if self._role(role_i) and not names_itself and not any(self._named_subject(i) for i in words):
            named = self._apposition(words[-1] + 1)
            if named is not None:
                return named  # "міністр … у справах ЄС та культури Австрії Гернот Блюмель"
            qualifiers = {
                tokens[i].lemma.lower()
                for i in words
                if tokens[i].text[:1].isupper() and tokens[i] is not role_word and i != words[0]
            }
            role = role_word.lemma.lower()
            if is_role(role):
                holder = self._role_holder(role, at, qualifiers)
            else:
                # a bare noun refers back ("— додав співак"); one with a complement describes
                # someone perhaps never named ("Адвокат женщины сообщил"): no guess then
                nxt = role_i + 1
                bare = nxt >= len(tokens) or tokens[nxt].pos not in ("NOUN", "PROPN", "ADJ", "NUM", "X")
                holder = self._person_noun_holder(role_i, at, anaphoric=subject and bare, gender=gender)
            return holder or self._speaker_from_tokens(words, nominative=subject)
        if low in POSSESSIVE_PRONOUNS:
            return self._nearest_person(at, POSSESSIVE_PRONOUNS[low])
        if len(words) == 1 and not head.text[:1].isupper() and "inan" in self.ctx.morphs[words[0]].tag:
            named = self._named_org(head.lemma.lower(), at)
            if named is not None:
                return named  # "суд встановив" after "Господарський суд Одеської області"
        return self._speaker_from_tokens(words, nominative=subject)

    def _plural(self, verb: int) -> bool:
        """Whether the verb at ``verb`` is plural ("заявили", "отмечают"): its subject is a group or
        several people, not the one person a pronoun or a role noun would otherwise resolve to."""
        return "plur" in self.ctx.morphs[verb].tag

    def _group(self, words: list[int]) -> bool:
        """Whether a plural verb's subject names no one: no person's name, no Latin-script name, no
        place or organisation name ("судьи", "Они", "представители Меллона", "британські ЗМІ"; but
        not "Pfizer и BioNTech", "Лев і Світлана Нерівні", "США")."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        if any(self._is_person(i) or self._latin(i) for i in words):
            return False
        head = tokens[words[0]]
        if head.text.lower() in PRONOUNS:
            return PRONOUNS[head.text.lower()] is None  # "они", "вони" (not "она" inside a quote)
        if not morphs[words[0]].nominative or head.pos not in ("NOUN", "ADJ", "PROPN"):
            return False  # "обвинили ее в том", "повідомили прем'єрці": not the subject
        if head.lemma[:1].islower():
            return True  # a common noun or adjective ("Судьи", "Последние", "британские СМИ")
        return head.text in GENERIC_ABBREVIATIONS

    def _group_speaker(self, words: list[int]) -> _Speaker:
        """A group as the speaker, written in lower case (as generic as "тренери"): "судьи", "они",
        "змі". What it said is still reported speech, but it is attributed to no named source."""
        start, end = self.ctx.tokens[words[0]].start, self.ctx.tokens[words[-1]].end
        written = self.text[start:end]
        head = self.ctx.tokens[words[0]].text
        canonical = (
            head.lower() + written[len(head) :] if head.isupper() else written[:1].lower() + written[1:]
        )
        return _Speaker(written, (start, end), canonical)

    def _named_org(self, lemma: str, at: int) -> _Speaker | None:
        """The named institution a bare noun refers back to: "театр" → "Харківський театр ляльок".

        The antecedent is the same noun after a capitalised adjective ("Харківського театру ляльок"),
        with the words that complete its name up to a verb or punctuation; the adjective is put in
        the nominative agreeing with the noun, the noun lemmatised, the complement kept as written.
        """
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        rng = self._tokens(max(0, at - LOOKBACK_CHARS), at)
        for j in reversed(self._lemma_hits(lemma, rng.start, rng.stop)):
            if j == 0:
                continue
            adj = j - 1
            if not (tokens[adj].pos == "ADJ" and tokens[adj].text[:1].isupper()):
                continue
            if self._inside_quote(tokens[j].start):
                continue
            plural = "plur" in morphs[j].tag
            adjective = (
                tokens[adj].text
                if morphs[adj].nominative and morphs[j].nominative
                else agreeing_adjective(tokens[adj].text, self.ctx.lang, morphs[j].gender, plural)
            )
            if adjective is None:
                continue
            noun = tokens[j].text if morphs[j].nominative else tokens[j].lemma
            rest: list[int] = []
            k = j + 1
            while (
                k < len(tokens)
                and len(rest) < MAX_ORG_COMPLEMENT
                and tokens[k].pos not in ("PUNCT", "VERB", "ADP", "CCONJ", "ADV")
                and tokens[k].sentence == tokens[j].sentence
            ):
                rest.append(k)
                k += 1
            end = tokens[rest[-1]].end if rest else tokens[j].end
            canonical = " ".join([adjective, noun, *(tokens[r].text for r in rest)])
            return _Speaker(self.text[tokens[adj].start : end], (tokens[adj].start, end), canonical)
        return None

    def _full_name(self, words: list[int]) -> bool:
        """Whether a phrase holds a first name and the name after it ("Сергій Лавров")."""
        return any(
            "Name" in self.ctx.morphs[a].tag and self._is_person(b) for a, b in itertools.pairwise(words)
        )

    def _apposition(self, first: int) -> _Speaker | None:
        """A person named right after a role phrase, within a few words and the same sentence."""
        tokens = self.ctx.tokens
        stop = min(len(tokens), first + APPOSITION_WINDOW)
        for j in range(first, stop):
            if (
                tokens[j].pos == "VERB"
                or tokens[j].text in ".;:!?"
                or tokens[j].text in DASHES[:-1]
                or tokens[j].sentence != tokens[first - 1].sentence
            ):
                return None
            if tokens[j - 1].pos == "ADP":
                continue  # "у справах ЄС", "в Раді"
            if self._is_person(j) or self._name_pair(j):
                run = [j]
                while run[-1] + 1 < stop and (
                    self._is_person(run[-1] + 1) or self._name_pair(run[-1], second=True)
                ):
                    run.append(run[-1] + 1)
                # a name in the nominative is its own canonical form ("голова … Салім Баіг")
                return self._speaker_from_tokens(
                    run, nominative=all(self.ctx.morphs[k].nominative for k in run)
                )
        return None

    def _name_pair(self, j: int, *, second: bool = False) -> bool:
        """Two capitalised out-of-dictionary-looking words in a row ("Гернот Блюмель") after a role.

        ``second``: whether the word after ``j`` continues such a pair.
        """
        tokens = self.ctx.tokens
        k = j + 1
        if k >= len(tokens):
            return False
        a, b = tokens[j], tokens[k]

        def namey(t: Token) -> bool:
            return t.pos == "PROPN" and t.text[:1].isupper() and not t.text.isupper() and len(t.text) > 2

        return namey(a) and namey(b) and (second or self.ctx.morphs[k].nominative)

    def _person_runs(self, start: int, end: int, *, nominative_only: bool) -> list[list[int]]:
        key = (start, end, len(self.quoted))
        if self._runs_memo[0] != key:  # (asked twice in a row: nominative names first, then any)
            self._runs_memo = (key, self._name_runs(start, end))
        runs = self._runs_memo[1]
        # "з Лондоном": the object of a preposition is not who speaks (and often a place with a surname parse)
        runs = [self._last_name(r) for r in runs if r[0] == 0 or self.ctx.tokens[r[0] - 1].pos != "ADP"]
        if nominative_only:  # all words: "Джастіна Трюдо" is genitive though "Трюдо" reads nominative
            runs = [r for r in runs if all(self.ctx.morphs[i].nominative for i in r)]
        return runs

    def _name_runs(self, start: int, end: int) -> list[list[int]]:
        """Runs of person-name tokens outside quotes among tokens ``start..end``: a run starts at a
        word the dictionary reads as a person ("Ашіг Масіх": the surname joins its first name).

        Only the tokens a person reading marks are visited (indexed once per article), not all.
        """
        if self._persons is None:
            self._persons = list(compress(count(), map(_PERSON, self.ctx.morphs)))
        rng = self._tokens(start, end)
        persons, tokens, is_person, memo = self._persons, self.ctx.tokens, self._is_person, self._person_memo
        runs: list[list[int]] = []
        reach, stop = rng.start, rng.stop
        for p in persons[bisect.bisect_left(persons, rng.start) : bisect.bisect_left(persons, stop)]:
            if p < reach:
                continue  # already inside the run before
            run: list[int] = []
            j = p
            while j < stop and (memo[j] if memo[j] is not None else is_person(j)):
                run.append(j)
                j += 1
            reach = j + 1 if not run else j
            # (a quote mark between two words ends a run: a run is inside a quote or outside whole)
            if run and not self._inside_quote(tokens[p].start):
                runs.append(run)
        return runs

    def _last_name(self, run: list[int]) -> list[int]:
        """ "Чоловік Бібі Ашіг Масіх": after an oblique name, a first name and a surname are the person
        meant ("Асии Биби" is one person: no surname follows the second name)."""
        morphs = self.ctx.morphs
        for k in range(len(run) - 2, 0, -1):
            if "Name" in morphs[run[k]].tag and morphs[run[k - 1]].nominative is False:
                return run[k:]
        return run

    def _nearest_person(self, at: int, gender: str | None) -> _Speaker | None:
        lo = max(0, at - LOOKBACK_CHARS)
        for nominative_only in (True, False):
            for run in reversed(self._person_runs(lo, at, nominative_only=nominative_only)):
                g = self._run_gender(run)
                if gender is None or g is None or g == gender:
                    return self._speaker_from_tokens(run, nominative=nominative_only)
        # transliterated first names have unreliable gender ("Мішель"): any person beats none
        return (
            self._last_person_speaker(at) or self._nearest_named_person(at) or self._last_speaker(at, gender)
        )

    def _last_speaker(self, at: int, gender: str | None) -> _Speaker | None:
        """Where no person is named at all, "він"/"вона" is the unnamed speaker quoted last, if its head
        is a person noun that agrees ("- заявив представник міністерства … Він також назвав …"): the head's gender,
        not the last word's ("представник … країни")."""
        tokens = self.ctx.tokens
        for start, sp in reversed(self.speakers):
            if start >= at or at - start > LOOKBACK_CHARS:
                continue
            k = bisect.bisect_left(self.starts, sp.span[0])
            head = self.ctx.morphs[k] if k < len(tokens) and tokens[k].start == sp.span[0] else None
            if head is not None and person_noun(head.tag) and gender in (None, head.gender):
                return sp  # (a person noun: "представник", not "сектор зв'язків")
            return None
        return None

    def _nearest_named_person(self, at: int, since: int | None = None) -> _Speaker | None:
        """The last person named in the nominative before ``at`` (and after ``since``), outside quotes."""
        runs = self._person_runs(max(0, at - LOOKBACK_CHARS, since or 0), at, nominative_only=True)
        return self._speaker_from_tokens(runs[-1], nominative=True) if runs else None

    def _last_person_speaker(self, at: int) -> _Speaker | None:
        for start, sp in reversed(self.speakers):
            if start < at and sp.person:
                return sp
        return None

    def _role_holder(
        self, role: str, at: int, qualifiers: frozenset[str] | set[str] = frozenset()
    ) -> _Speaker | None:
        """The person a role was given to: "міністром закордонних справ Росії Сергієм Лавровим".

        Looks back first; then forward, because a lead often names the role ("Держсекретар США
        зазначив…") that the first paragraph then gives a name ("Держсекретар … Ентоні Блінкен").
        ``qualifiers``: lemmas of the capitalised words of the role phrase ("Бельгия" in "премьер-министра
        Бельгии"); a holder of the role named with other qualifiers is someone else.
        """
        line = next((ln for ln in self.lines if ln[0] <= at < ln[1]), (at, at))
        return (
            self._role_in(role, self._tokens(max(0, at - LOOKBACK_CHARS), at), qualifiers, back=True)
            or self._nearest_named_person(at, since=line[0])  # "… Ги Верхофстадт настаивает … По
            or self._last_person_speaker(at)  # словам бывшего премьер-министра Бельгии, …"
            or self._nearest_named_person(at)
            or self._role_in(role, self._tokens(at, at + LOOKBACK_CHARS), qualifiers)
        )

    def _person_noun_holder(
        self, i: int, at: int, *, anaphoric: bool, gender: str | None = None
    ) -> _Speaker | None:
        """Who a person noun outside the role list means ("співак", "адвокат", "дівчина").

        The person given that noun before ("адвокат Саиф-уль-Мулук"); else, where the noun is the
        subject ("— додав співак": a definite reference to someone known), the person named in the
        same paragraph or last quoted, if the genders agree
        ("адвокат" is not "Асия Биби"). The verb's gender, where it shows one, is the person's: a
        profession noun is masculine for women too ("— написала … инфекционист"). In an opener
        ("за словами адвоката") the noun may introduce someone never named: no guess then.
        """
        role = self.ctx.tokens[i].lemma.lower()
        found = self._role_in(role, self._tokens(max(0, at - LOOKBACK_CHARS), at), back=True)
        if found is not None or not anaphoric:
            return found
        gender = gender or self.ctx.morphs[i].gender
        line = next((ln for ln in self.lines if ln[0] <= at < ln[1]), (at, at))
        for candidate in (self._nearest_named_person(at, since=line[0]), self._last_person_speaker(at)):
            if candidate is not None and (
                gender is None or not candidate.named or candidate.gender in (None, gender)
            ):
                return candidate  # (a surname's gender is a guess: "Гришко" reads feminine)
        return None

    def _role_in(
        self,
        role: str,
        rng: range,
        qualifiers: frozenset[str] | set[str] = frozenset(),
        *,
        back: bool = False,
    ) -> _Speaker | None:
        """The person named right after a mention of ``role`` among tokens ``rng`` (``back``: the
        nearest to the range's end first)."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        hits = self._lemma_hits(role[:5], rng.start, rng.stop, prefix=True) if rng else []
        if back:
            hits.reverse()  # (looking back: the nearest first)
        for i in hits:
            if tokens[i].lemma.lower() != role and not self._role(i):
                continue
            for j in range(i + 1, min(i + 8, len(tokens))):
                if tokens[j - 1].pos == "ADP":
                    continue
                if (
                    morphs[j].person and tokens[j].pos == "PROPN" and self._is_person(j)
                ) or self._adjectival_surname(
                    j, i
                ):  # (not "По" opening a sentence: a preposition read as a surname)
                    between = {
                        tokens[k].lemma.lower() for k in range(i + 1, j) if tokens[k].text[:1].isupper()
                    }
                    if qualifiers and between and not qualifiers & between:
                        break  # "премьер-министр Великобритании Тереза Мэй" is not Belgium's
                    run = [j]
                    n = j + 1
                    while n < len(tokens) and self._is_person(n):
                        run.append(n)  # ("врач Ольга Голубовская": an adjectival surname too)
                        n += 1
                    return self._speaker_from_tokens(run)
        return None

    def _document_issuer(self, doc: int, rest: list[int]) -> _Speaker | None:
        """Who issued a document, from the words after its noun: a capitalised name ("в заяві МЗС"),
        a genitive noun phrase ("в решении суда" → "суд"), or the site it was published on ("в
        сообщении, опубликованном на сайте Кремля", "…, опублікованому на переходной
        администрации"); None when the phrase names no one."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        named = [i for i in rest if tokens[i].text[:1].isupper()]
        if named:
            return self._speaker_from_tokens(named)
        if rest and tokens[rest[0]].pos == "NOUN" and "gent" in morphs[rest[0]].tag:
            return self._speaker_from_tokens(rest)
        k = doc + 1
        if not (k + 2 < len(tokens) and tokens[k].text == "," and morphs[k + 1].tag.startswith("PRTF")):
            return None
        k += 2
        while k < len(tokens) and tokens[k].pos in ("ADV", "ADP", "PUNCT") and tokens[k].text not in ".,;:":
            k += 1  # "опубликованном на"
        if k < len(tokens) and tokens[k].lemma.lower() in SITE_LEMMAS:
            k += 1  # "на сайте"
        phrase = []
        while (
            k < len(tokens)
            and tokens[k].pos in ("NOUN", "PROPN", "ADJ", "X")
            and len(phrase) < MAX_SPEAKER_WORDS
        ):
            phrase.append(k)
            k += 1
        return self._speaker_from_tokens(phrase) if phrase else None

    def _adjectival_surname(self, j: int, role: int) -> bool:
        """ "инфекционистка Голубовская рассказала": a capitalised adjective right after a role noun
        that no noun follows is a surname the dictionary reads as an adjective."""
        tokens = self.ctx.tokens
        return (
            j == role + 1
            and tokens[j].pos == "ADJ"
            and tokens[j].text[:1].isupper()
            and not tokens[j].text.isupper()
            and (j + 1 >= len(tokens) or tokens[j + 1].pos not in ("NOUN", "PROPN", "ADJ"))
        )

    def _source_before(self, at: int) -> _Speaker | None:
        """The source a document came from, in the sentences before: the nearest sourcing sentence
        ("Про це повідомляє представництво ЄС", "Об этом говорится в сообщении пресс-службы"), else
        the nearest reporting verb's phrase; a topic ("объявил о намерении") names no one."""
        lo = max(0, at - LOOKBACK_CHARS)
        # (the sentence of ``at`` counts up to it: a scrape may glue "Об этом говорится …" to it)
        sentences = [(a, min(b, at)) for a, b in reversed(self.ctx.sentences) if lo <= a < at]
        sourcing = [se for se in sentences if SOURCING_RE.match(self.text, se[0])]
        for group in (sourcing, sentences):
            for s, e in group:
                found = self._sentence_source(s, e)
                if found is not None:
                    return found
        return None

    def _sentence_source(self, s: int, e: int) -> _Speaker | None:
        """The source a sentence's first reporting verb names, if any."""
        tokens = self.ctx.tokens
        for i in self._tokens(s, e):
            if self._inside_quote(tokens[i].start):
                continue
            if self._is_speech_verb(i) and self._lemma(i) not in RELAY_VERBS:
                np = self._np_after(i + 1, self._tokens(s, e).stop)
                if np and tokens[np[0]].text.lower() in TOPIC_PREPOSITIONS:
                    np = []  # "объявил о намерении": the topic
                words = [j for j in np if tokens[j].pos != "ADP"]
                doc = next((j for j in words if tokens[j].pos == "NOUN"), None)
                if doc is not None and tokens[doc].lemma.lower() in DOCUMENT_LEMMAS:
                    issuer = self._document_issuer(doc, words[words.index(doc) + 1 :])
                    if issuer is not None:
                        return issuer
                elif words:
                    return self._speaker_from_tokens(words)
                subj = self._subject_before(s, i)
                if subj:
                    return self._resolve(subj, tokens[i].start, None)
        return None

    # ----------------------------------------------------------------------------------- direct quotes
    def _attribution_after(self, close: int, sent_end: int) -> tuple[_Speaker | None, str | None] | None:
        """ "…», — заявив Лавров" / "…», - Лавров заявив" / "…," said Blinken: speaker and cue."""
        rest = self.text[close + 1 : sent_end]
        m = _AFTER_CLOSE_RE.match(rest)
        begin = close + 1 + (m.end() if m else 0)
        inner_comma = self.text[close - 1 : close] in (",", "!", "?")  # “…,” Brogelli said
        marked = inner_comma or bool(m and any(c == "," or c in DASHES for c in m.group()))
        if m and not marked and not rest[m.end() : m.end() + 1].islower():
            return None
        rng = list(self._tokens(begin, sent_end))
        for k, i in enumerate(rng[: MAX_SPEAKER_WORDS + 1]):
            tok = self.ctx.tokens[i]
            if tok.pos == "PUNCT":
                break
            if k == 0 and marked and self._lemma(i).replace("ё", "е") in CONVINCED_LEMMAS:
                # "…», — уверен Волчков", "…”, – впевнений Трамп": a conviction stated as an attribution
                np = self._np_after(i + 1, rng[-1] + 1)
                return self._resolve(np, close, self.ctx.morphs[i].gender, plural=self._plural(i)), tok.text
            if self._is_attribution_verb(i):
                speech = self._is_speech_verb(i)
                if not speech and (k > 0 or not (inner_comma or (m and m.group().strip()))):
                    return None  # "…» продовжував діяти", "…» – вони думають": no attribution
                if k > 0 and not marked:
                    return None  # 'в эфире "Сніданку з 1+1" министр … заявил': the quote is a name
                gender = self.ctx.morphs[i].gender
                if k == 0 or all(self.ctx.tokens[j].pos in ("ADV", "PART") for j in rng[:k]):
                    np = self._np_after(i + 1, rng[-1] + 1 if rng else i + 1)
                else:
                    np = [j for j in rng[:k] if self.ctx.tokens[j].pos != "PUNCT"]
                if self._lemma(i) in RELAY_VERBS and not any(self._is_person(j) for j in np):
                    return None  # "…», пише видання": the outlet relays; the speaker is named elsewhere
                return self._resolve(np, close, gender, plural=self._plural(i)), tok.text
        return None

    def _attribution_before(self, open_: int, sent_start: int) -> tuple[_Speaker | None, str | None] | None:
        """ "Лавров заявив: «…»", "За словами Лаврова, «…»", "Лавров: «…»"."""
        before = self.text[sent_start:open_].rstrip()
        if not before or before[-1] not in ":,":
            return None
        opener = INDIRECT_OPENERS.match(before)
        if opener and not _sourcing(opener):
            np = self._np_after(
                self._tokens(sent_start + opener.end(), open_).start, self._tokens(0, open_).stop
            )
            return self._resolve(np, open_, None, subject=False), opener.group().strip()
        # "…, яка, за словами міністра, «…»": an opener whose phrase closes right before the quote
        # names the speaker, whatever verbs come earlier in the sentence
        late = [m for m in INDIRECT_OPENERS.finditer(before) if not m.group("as") and not _sourcing(m)]
        if late and before.find(",", late[-1].end()) == len(before) - 1:
            m = late[-1]
            return self._opener_speaker(sent_start, m, open_), m.group().strip()
        rng = list(self._tokens(sent_start, open_))
        verbs = [i for i in rng if self._is_speech_verb(i)]
        if verbs:
            v = verbs[-1]
            after = [j for j in self._np_after(v + 1, rng[-1] + 1)]
            np = self._speaker_phrase(after, sent_start, v)
            return (
                self._resolve(np, open_, self.ctx.morphs[v].gender, plural=self._plural(v)),
                self.ctx.tokens[v].text,
            )
        if (
            before[-1] == ":"
            and len([i for i in rng if self.ctx.tokens[i].pos != "PUNCT"]) <= MAX_SPEAKER_WORDS
        ):
            words = [i for i in rng if self.ctx.tokens[i].pos != "PUNCT"]
            return (self._resolve(words, open_, None), ":") if words else None
        return None

    def _previous_paragraph_cue(self, para_start: int) -> tuple[_Speaker | None, str | None] | None:
        """A paragraph-long quote after "Лавров заявив:" ending the paragraph before."""
        prev = [p for p in self.ctx.paragraphs if p[1] < para_start]
        if not prev:
            return None
        ps, pe = prev[-1]
        if not self.text[ps:pe].rstrip().endswith(":"):
            return None
        s, _ = self._sentence_of(pe - 1)
        return self._attribution_before(pe, s)

    def _previous_paragraph_speaker(self, para_start: int) -> tuple[_Speaker | None, str | None] | None:
        """A paragraph-long quote after a paragraph that ends by naming who spoke, with no colon:
        "Об этом она сообщила, выступая в Палате общин. ¶ «Мы не согласились …»", "Про це повідомив
        … Ігор Терехов. ¶ «…»". The last attribution of the paragraph before (sourcing included),
        if it names a person."""
        prev = next((ln for ln in reversed(self.lines) if ln[1] <= para_start), None)
        if prev is None:
            return None
        for s, e in reversed([se for se in self.ctx.sentences if prev[0] <= se[0] < prev[1]]):
            found = self._sentence_attribution(s, e)
            if found is not None:
                return found if found[0] is not None and found[0].person else None
        return None

    def direct(self) -> None:
        """Quotes in marks, cut where an attribution interrupts them, then dash dialogue."""
        self.lines = [ln for ps, pe in self.ctx.paragraphs for ln in lines(self.text, ps, pe)]
        self.line_starts = [a for a, _ in self.lines]
        marks = scan(self.text, self.lines)
        self.quoted = sorted(marks.spans + self._open_quotes(marks.open_ends))
        partial: list[tuple[int, int]] = []
        for open_, close in list(self.quoted):
            if self._interrupted(open_ + 1, close):
                continue
            inner = self.text[open_ + 1 : close]
            word_idx = [i for i in self._tokens(open_ + 1, close) if self.ctx.tokens[i].pos != "PUNCT"]
            if not word_idx or all(self.ctx.tokens[i].text[:1].isupper() for i in word_idx):
                continue  # «Інтерфакс-Україна», "Тернопіль": a name in quotes, not a quote
            s, e = self._sentence_of(open_)
            _, e2 = self._sentence_of(close)
            found = None
            if len(word_idx) >= MIN_ATTRIBUTED_WORDS:
                found = self._attribution_after(close, max(e, e2)) or self._attribution_before(open_, s)
                para = next((p for p in self.lines if p[0] <= open_ < p[1]), None)
                if found is None:
                    found = self._continued(open_, para)
                if found is None and para and open_ == para[0] and len(word_idx) >= MIN_STANDALONE_WORDS:
                    found = (
                        self._previous_paragraph_cue(para[0])
                        or self._previous_paragraph_speaker(para[0])
                        or (self._last_person_speaker(open_), None)
                    )
            if found is None:
                partial.append((open_, close))
                continue
            speaker, cue = found
            self._add(inner, open_ + 1, close, speaker, cue, "direct")
        self._partial = partial
        self._dialogue()

    def _open_quotes(self, open_ends: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Quotes opened and never closed, ended by their attribution: "Нинішня …, - сказав Масіх."."""
        spans = []
        for open_, line_end in open_ends:
            for m in OPEN_CUE_RE.finditer(self.text, open_ + 1, line_end):
                nxt = self._tokens(m.end(), line_end)
                if nxt and self._is_attribution_verb(nxt.start):
                    spans.append((open_, m.start()))
                    break
        return spans

    def _attribution_in(self, start: int, end: int) -> tuple[_Speaker | None, str] | None:
        """The speaker of an attribution between dashes: "говорить Олександр Тулупов", "каже він".

        The dashes already say it is an attribution, so any verb may open it ("— інтригує міський
        голова"); a speech verb may also follow its subject ("— Лавров заявив").
        """
        tokens = self.ctx.tokens
        rng = [i for i in self._tokens(start, end) if tokens[i].pos != "PUNCT"]
        for k, i in enumerate(rng[: MAX_SPEAKER_WORDS + 1]):
            if (
                self._is_speech_verb(i)
                or (k == 0 and tokens[i].pos == "VERB")
                or (k == 0 and self._lemma(i).replace("ё", "е") in CONVINCED_LEMMAS)
            ):  # ("— переконаний шериф Миколайович": a conviction word attributes as well)
                np = self._np_after(i + 1, rng[-1] + 1) if k == 0 else rng[:k]
                if np and tokens[np[0]].text.lower() in SPEAKING_PERSONS:
                    return None, tokens[i].text  # "— поцікавилися ми": the reporter's own question
                speaker = self._resolve(np, start, self.ctx.morphs[i].gender, plural=self._plural(i))
                return (speaker, tokens[i].text) if speaker is not None else None
        return None

    def _interrupted(self, start: int, end: int) -> bool:
        """ "«A, — говорить X. — B»": A and B are X's quotes, the attribution between is not."""
        cuts = interruptions(self.text, start, end)
        found = next(
            (f for m in cuts if (f := self._attribution_in(m.start("attr"), m.end("attr"))) is not None), None
        )
        if found is None:
            return False
        speaker, cue = found
        if speaker is None:
            return True  # the reporter's own words: no one's quote
        begin = start
        for m in cuts:
            self._add_piece(begin, piece_end(self.text, m.start()), speaker, cue)
            begin = m.end()
        self._add_piece(begin, end, speaker, cue)
        return True

    def _add_piece(self, start: int, end: int, speaker: _Speaker | None, cue: str | None) -> None:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in ".…"):
            end -= 1
        if end > start:
            self._add(self.text[start:end], start, end, speaker, cue, "direct")

    def _continued(
        self, open_: int, line: tuple[int, int] | None
    ) -> tuple[_Speaker | None, str | None] | None:
        """A quote that follows an attributed one in the same paragraph continues it.

        ("“We learned …,” Brogelli said … “The values …": the second quote is Brogelli's too.)
        """
        if line is None:
            return None
        prev = next((q for q in reversed(self.found) if q.kind == "direct" and q.span.end <= open_), None)
        if prev is None or prev.span.start < line[0]:
            return None
        _, prev_sentence_end = self._sentence_of(prev.span.end)
        gap = self.text[max(prev.span.end, prev_sentence_end) : open_]
        if gap.strip(' \xa0"”»“') and prev_sentence_end < open_:
            return None  # another sentence of the reporter's own in between
        speaker = self._speaker_of(prev)
        return (speaker, prev.cue) if speaker is not None else None

    def _utterance(self, start: int, end: int) -> bool:
        """Whether an unattributed dash line reads as someone's words, not a list item or a question.

        List items start in lower case or with a number and end in "," or ";" ("- записаться … на сайте
        mos.ru,"); an unattributed question is the interviewer's, not the interviewee's.
        """
        first, last = self.text[start], self.text[end - 1]
        return first.isalpha() and first.isupper() and last in UTTERANCE_ENDS

    def _dialogue(self) -> None:
        """Dash dialogue lines with their attribution: "— Це результат …, — зазначає Лариса Масюк. — …"."""
        self._open_lines: list[int] = []  # lines without an attribution, for continued()
        for k, (line_start, line_end) in enumerate(self.lines):
            begin = dash_line(self.text, line_start, line_end)
            if (
                begin is None
                or self._inside_quote(begin)
                or any(q.span.start <= begin < q.span.end for q in self.found)
            ):
                continue
            found = None
            pieces: list[tuple[int, int]] = []
            at = begin
            for m in interruptions(self.text, begin, line_end):
                found = found or self._attribution_in(m.start("attr"), m.end("attr"))
                pieces.append((at, piece_end(self.text, m.start())))
                at = m.end()
            tail = trailing_attribution(self.text, at, line_end)
            last = self._attribution_in(tail.start("attr"), tail.end("attr")) if tail else None
            if last is not None and tail is not None:
                found = found or last
                pieces.append((at, piece_end(self.text, tail.start())))
            else:
                pieces.append((at, line_end))
            if found is None and not pieces[:-1]:
                carried = self._carried_line(k)
                if carried is not None:
                    # "– У мене в голові не вкладається … ¶ Я вважаю … Я ж не провидиця! – заявляє
                    # мама …": the words go on into the next paragraph, which ends in the attribution
                    end, found = carried
                    pieces = [(begin, end)]
                    line_end = self.lines[k + 1][1]
            if found is None:
                words = len(self.text[begin:line_end].split())
                if words >= MIN_STANDALONE_WORDS and self._utterance(begin, line_end):
                    self._open_lines.append(k)  # someone's words: shielded now, attributed later
                    self.quoted.append((begin - 1, line_end))
                continue
            if found[0] is None:
                self.quoted.append((begin - 1, line_end))  # the interviewer's question: no quote
                continue
            for a, b in pieces:
                self._add_piece(a, b, *found)
            if tail is not None and last is not None:
                self._attribution_clause(tail.start("attr"), tail.end("attr"), found)
            self.quoted.append((begin - 1, line_end))

    def _attribution_clause(self, start: int, end: int, found: tuple[_Speaker | None, str]) -> None:
        """ "– обурюється жінка і уточнює, що жодної повістки … не отримувала": the speaker's second
        speech verb in a dialogue line's attribution reports a clause of its own (indirect)."""
        tokens = self.ctx.tokens
        rng = self._tokens(start, end)
        for i in rng:
            if (
                tokens[i].text.lower() in COMPLEMENTIZERS
                and i - 2 >= rng.start
                and tokens[i - 1].text == ","
                and self._is_speech_verb(i - 2)
                and tokens[i - 3].text.lower() in SUBJECT_SHARING
            ):
                self._add_clause(tokens[i].end, end, found[0], tokens[i - 2].text)
                return

    def _carried_line(self, k: int) -> tuple[int, tuple[_Speaker | None, str]] | None:
        """Where a dialogue line without an attribution goes on in the next paragraph (no dash of
        its own, a capital first, an attribution at its end): the quote's end and that attribution."""
        if k + 1 >= len(self.lines):
            return None
        start, end = self.lines[k + 1]
        if dash_line(self.text, start, end) is not None or not self.text[start].isupper():
            return None
        if self._inside_quote(start) or interruptions(self.text, start, end):
            return None
        tail = trailing_attribution(self.text, start, end)
        if tail is None:
            return None
        found = self._attribution_in(tail.start("attr"), tail.end("attr"))
        if found is None or found[0] is None:
            return None
        return piece_end(self.text, tail.start()), found

    def continued(self) -> None:
        """Dialogue lines without an attribution, once every other quote is known.

        Such a line continues a conversation under way: its speaker is the person quoted in the two
        lines before it (directly or not). An interview's answers after unattributed questions have
        none and are left alone, as are list items and questions (see ``_utterance``).
        """
        for k in self._open_lines:
            line_start, line_end = self.lines[k]
            begin = dash_line(self.text, line_start, line_end)
            if begin is None or any(q.span.start < line_end and line_start < q.span.end for q in self.found):
                continue
            recent = self.lines[max(0, k - 2)][0]
            person = next(
                (sp for start, sp in reversed(self.speakers) if recent <= start < line_start and sp.person),
                None,
            )
            if person is not None:
                self._add_piece(begin, line_end, person, self.text[line_start])

    def partial(self) -> None:
        """Words quoted inside reported speech: "…означатиме «глибоку невизначеність», заявила Мей".

        Run after the indirect quotes: a quoted fragment in a sentence that reports someone's words is
        that speaker's direct quote; in a sentence that reports no one it is a scare quote and skipped.
        """
        for open_, close in self._partial:
            if close - open_ - 1 < MIN_FRAGMENT_CHARS:
                continue  # «ні», «так»: too short to be anyone's words
            if self._title_in_quotes(open_, close):
                continue  # "проєкту «Культурная среда»", "КП «Харківський метрополітен»": a name
            if any(q.kind == "direct" and q.span.start <= open_ < q.span.end for q in self.found):
                continue  # «тіньової економіки» inside a dialogue line: part of that quote
            s, e = self._sentence_of(open_)
            owner = next(
                (q for q in self.found if q.kind == "indirect" and q.span.start <= open_ < q.span.end), None
            )
            if owner is None:
                owner = next(
                    (q for q in self.found if s <= q.span.start < e or q.span.start <= s < q.span.end), None
                )
            if owner is not None and open_ < owner.span.end:
                if open_ < owner.span.start:
                    # in the attribution ("За словами прибічників «жорсткого» Brexit, …"), unless a
                    # naming verb's object ("Байден назвал НАТО «…» и предупредил, что …")
                    named = self._naming(s, open_)
                    if named is not None and named[0] is not None:
                        self._add(
                            self.text[open_ + 1 : close], open_ + 1, close, named[0], named[1], "direct"
                        )
                    continue
                speaker = self._speaker_of(owner)
                self._add(self.text[open_ + 1 : close], open_ + 1, close, speaker, owner.cue, "direct")
                continue
            found = self._sentence_attribution(s, e, before=open_)
            if found is None or found[0] is None:
                found = self._naming(s, open_)
            if found is None or found[0] is None:
                found = self._governed_fragment(s, open_)
            if found is None or found[0] is None:
                found = self._quoted_sentence_after(s, e, open_, close)
            if found is not None and found[0] is not None:
                self._add(self.text[open_ + 1 : close], open_ + 1, close, found[0], found[1], "direct")

    def _governed_fragment(self, s: int, open_: int) -> tuple[_Speaker | None, str] | None:
        """ "закликав міліцію «справно виконувати свої обов'язки»", "обещал «парализовать страну …»":
        quoted words that open with an infinitive are what a speech verb a word or two before them
        called for or promised, in its subject's own words. (A quoted noun phrase there is as often
        the reporter's term: "обвинили в «богохульстве»", "пригрозил «последствиями»".)"""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        inner = [i for i in self._tokens(open_ + 1, open_ + MAX_FRAGMENT_LEAD) if tokens[i].pos != "PUNCT"][
            :2
        ]
        if not any(
            morphs[i].tag.startswith("INFN")
            or (" infn" in morphs[i].tag and _non_finite(morphs[i].tag, tokens[i].text))
            for i in inner
        ):
            return None
        rng = self._tokens(s, open_)
        if rng and tokens[rng.stop - 1].text.lower() in TOPIC_PREPOSITIONS:
            return None  # "заявили про «вакцинний націоналізм»": the topic, not the words
        for i in reversed(range(max(rng.start, rng.stop - GOVERNED_WORDS - 1), rng.stop)):
            if tokens[i].pos == "PUNCT" and tokens[i].text not in QUOTE_MARKS:
                return None
            if self._is_speech_verb(i) and not morphs[i].tag.startswith("GRND"):
                np = self._subject_before(s, self._first_conjunct(s, i))
                speaker = self._resolve(np, tokens[i].start, morphs[i].gender, plural=self._plural(i))
                return (speaker, tokens[i].text) if speaker is not None else None
        return None

    def _title_in_quotes(self, open_: int, close: int) -> bool:
        """A name or title in quote marks inside a sentence: a few words, the first capitalised, no
        punctuation of speech, right after a word ("програма «Екологічно безпечний Крим»", "в
        ефірі "Сніданку з 1+1""). Quoted speech mid-sentence starts in lower case ("заявив, що
        «безуспішно»") or follows a colon or dash ("додав: "Мы, народ, решаем"")."""
        inner = self.text[open_ + 1 : close]
        return (
            inner[:1].isupper()
            and len(inner.split()) <= MAX_TITLE_WORDS
            and not any(c in inner for c in ".,!?…:;")
            and open_ > 1
            and self.text[open_ - 1] == " "
            and self.text[open_ - 2].isalnum()
        )

    def _quoted_sentence_after(self, s: int, e: int, open_: int, close: int) -> tuple[_Speaker, str] | None:
        """A whole sentence in quotes right after a sentence that quotes a person, in the same
        paragraph: that person goes on speaking ("Мужчина рассказал, что его жена — «в хорошей
        форме». «Она сказала нам, что …»."). Only quoted text: an unquoted sentence after one is the
        reporter's own, more often than not."""
        if open_ != s or self.text[close + 1 : e].strip(" \xa0.!?…") or close - open_ < MIN_STANDALONE_CHARS:
            return None
        line = next((ln for ln in self.lines if ln[0] <= s < ln[1]), None)
        k = bisect.bisect_right(self.sentence_starts, s) - 2
        if line is None or k < 0 or self.ctx.sentences[k][0] < line[0]:
            return None
        ps, pe = self.ctx.sentences[k]
        owner = max(
            (q for q in self.found if ps <= q.span.start < pe and q.speaker_canonical),
            key=lambda q: q.span.start,
            default=None,
        )
        speaker = self._speaker_of(owner) if owner is not None else None
        return (speaker, owner.cue or "") if speaker is not None and speaker.person else None

    def _naming(self, s: int, open_: int) -> tuple[_Speaker | None, str] | None:
        """ "Сам Brexit он назвал «умирающей мечтой»", "назвав заворушення «малоймовірними»": the word
        someone called a thing is that person's own word, whoever the subject of the naming verb is."""
        if NAMING_HINT.search(self.text, s, open_) is None:
            return None  # (no form of a naming verb in the sentence: most fragments are scare quotes)
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        rng = self._tokens(s, open_)
        for i in reversed(rng):
            if self._inside_quote(tokens[i].start):
                continue
            if (
                self._lemma(i) in NAMING_VERBS
                and not _non_finite(morphs[i].tag, tokens[i].text)
                and tokens[i - 1].text.lower() not in NEGATIONS
            ):  # ("ніхто не називав Голодомором": no one's word)
                np = self._subject_before(s, self._first_conjunct(s, i))
                speaker = self._resolve(np, tokens[i].start, morphs[i].gender, plural=self._plural(i))
                return (speaker, tokens[i].text) if speaker is not None else None
        return None

    def _opener(self, start: int, end: int, *, anywhere: bool = False) -> re.Match[str] | None:
        """An indirect-speech opener at ``start`` (or after a comma inside the span when ``anywhere``)."""
        text = self.text[start:end]
        for m in opener_matches(text) if anywhere else [INDIRECT_OPENERS.match(text)]:
            if m is None or _sourcing(m):
                continue
            if m.group("as"):
                nxt = self._tokens(start + m.end(), end)
                if not nxt or not self._is_speech_verb(nxt.start):
                    continue  # "Як відомо," "Как известно,"
                if self._lemma(nxt.start) in BACKREFERENCE_LEMMAS:
                    continue  # "Як повідомляв УНН," "Как сообщалось,": an earlier report, not a quote
            return m
        return None

    def _opener_speaker(self, base: int, m: re.Match[str], limit: int) -> _Speaker | None:
        """Who an opener names: "За словами X" → X, "За її словами" → the nearest woman named before.

        ``m`` matched the text from ``base`` on (a sentence start); the phrase ends before ``limit``.
        """
        start = base + m.start()
        poss = m.group("poss") or m.group("poss2") or m.group("poss3")
        if poss:
            if POSSESSIVE_PRONOUNS.get(poss.lower()) is None:
                return self._plural_possessor(start, poss)  # "По их словам": a group
            return self._nearest_person(start, POSSESSIVE_PRONOUNS.get(poss.lower()))
        first = self._tokens(base + m.end(), limit).start
        if m.group("as"):
            first += 1  # past the speech verb
        np = self._np_after(first, self._tokens(start, limit).stop)
        if m.group("as"):
            verb = first - 1
            tokens, morphs = self.ctx.tokens, self.ctx.morphs
            if np and all(
                tokens[j].pos not in ("ADP", "PUNCT")
                and morphs[j].nominative is False
                and not _caseless(morphs[j].tag)
                and not self._latin(j)
                and not self._is_person(j)
                for j in np
            ):
                return None  # "Як пояснили вчителям-географам, …": the addressee, no one named
            if "pres" in self.ctx.morphs[verb].tag and self._outlet(np):
                return None  # "Как уточняют «Ведомости», …": an outlet relaying, as "передає УНН"
            return self._resolve(np, start, self.ctx.morphs[verb].gender, plural=self._plural(verb))
        # "За словами Лаврова": a genitive
        return self._resolve(np, start, None, subject=False)

    def _plural_possessor(self, start: int, poss: str) -> _Speaker:
        """ "По их словам", "За їхніми словами": several people, unnamed here — a group speaker in
        lower case (as "они"), so the reported clause is kept but no one person gets it."""
        group = {"uk": "вони", "ru": "они"}.get(self.ctx.lang, "they")
        at = self.text.find(poss, start)
        return _Speaker(poss, (at, at + len(poss)), group)

    def _speaker_of(self, quote: Quote) -> _Speaker | None:
        for start, sp in self.speakers:
            if start == quote.span.start:
                return sp
        return None

    def _sentence_attribution(
        self, s: int, e: int, before: int | None = None
    ) -> tuple[_Speaker | None, str | None] | None:
        """A speech verb or "за словами X" in the sentence, outside quotes.

        With ``before`` (a quoted fragment's position), only an attribution that introduces the
        reported content the fragment is in counts: an opener whose phrase closed with a comma, or a
        verb followed by "що"/"что"/"that" — not "заявив про готовність … «гарантій безпеки»".
        """
        opener = self._opener(s, e, anywhere=True)
        if opener:
            comma = self.text.find(",", s + opener.end(), e)
            if before is None or 0 <= comma < before:
                return self._opener_speaker(s, opener, e), opener.group().strip()
        rng = list(self._tokens(s, e))
        for i in self._speech_in(rng[0], rng[-1] + 1) if rng else ():
            if self._inside_quote(self.ctx.tokens[i].start):
                continue
            if before is not None and not any(
                self.ctx.tokens[j].text.lower() in COMPLEMENTIZERS
                for j in self._tokens(self.ctx.tokens[i].end, before)
            ):
                continue
            np = self._speaker_phrase(self._np_after(i + 1, rng[-1] + 1), s, i)
            return self._resolve(
                np, self.ctx.tokens[i].start, self.ctx.morphs[i].gender, plural=self._plural(i)
            ), self.ctx.tokens[i].text
        return None

    # ----------------------------------------------------------------------------------- indirect quotes
    def _headline_span(self) -> tuple[int, int] | None:
        """The headline: the title, or where a scrape put header lines first ("348", "ru", the URL:
        BSNLP's ec and trump documents), the first line after them that ends in no full stop. A
        site's name after a bar ("… – Олена Зеркаль | UACRISIS.ORG") or a last dash ("… -
        Єврокомісар — 5 канал") is cut off."""
        if self.ctx.title is None:
            return None
        s, e = self.ctx.title
        if HEADER_LINE_RE.match(self.text, s, e):
            after = [p for p in self.ctx.paragraphs if p[0] >= e]
            while after and HEADER_LINE_RE.match(self.text, *after[0]):
                after.pop(0)
            if not after or self.text[after[0][1] - 1] in ".!?…":
                return None
            s, e = after[0]
        site = SITE_SUFFIX_RE.search(self.text, s, e)
        return (s, site.start()) if site else (s, e)

    def headline(self) -> None:
        """Headline attributions: "США не обговорюватимуть … – Блінкен", "Тереза Мей: Наступні сім днів…"."""
        span = self.headline_span = self._headline_span()
        if span is None:
            return
        s, e = span
        title = self.text[s:e]
        tail = TITLE_TAIL_RE.search(title)
        head = TITLE_HEAD_RE.match(title)
        lead = TITLE_TIME_RE.match(title)
        begin = s + (lead.end() if lead else 0)  # "11:35 Британія вийде…": the time is no part of it
        if tail and not self._inside_quote(s + tail.start()):
            idx = [i for i in self._tokens(s + tail.start("who"), e) if self.ctx.tokens[i].pos != "PUNCT"]
            if (
                idx
                and not any(self.ctx.tokens[i].pos == "VERB" for i in idx)
                and (
                    any(map(self._is_person, idx))
                    or (len(idx) == 1 and self._role(idx[0]) and not self.ctx.tokens[idx[0]].text.isupper())
                )
            ):  # ("… – Блінкен", "… - Єврокомісар": the role's holder, named in the lead)
                last = max(
                    (m.end() for m in HEADLINE_SENTENCE_RE.finditer(title, 0, tail.start())), default=0
                )
                self._add_clause(
                    max(begin, s + last),
                    s + tail.start(),
                    self._resolve(idx, s, None),
                    tail.group().strip(" -–—"),
                )  # (of two sentences, the one next to the name: "… ухвалила звіт …. Наступний етап – … – Олена Зеркаль")
        elif quoted := TITLE_QUOTE_RE.match(title):
            self._title_quote(s + quoted.start("words"), s + quoted.end("words"), s + quoted.end(), e)
        elif head:
            idx = [i for i in self._tokens(s, s + head.end("who")) if self.ctx.tokens[i].pos != "PUNCT"]
            if (
                idx
                and all(self.ctx.tokens[i].text[:1].isupper() for i in idx)
                and any(map(self._is_person, idx))
                and self._name_case([i for i in idx if self._is_person(i)], True)
            ):  # ("Імпічмент Трампа: …" names a topic, not a speaker)
                self._add_clause(s + head.end(), e, self._resolve(idx, s, None), ":")

    def _title_quote(self, start: int, end: int, rest: int, title_end: int) -> None:
        """ "«Не вынесла душа поэта»: Захарова прокомментировала …", ""Ведем переговоры …": премьер
        обозначил сроки …": a headline opening with a quote, then a colon and a clause whose subject
        (a person or a role, before its verb) said it. "«Заговор молчания»: как публикации …" (a
        question after the colon) is a rubric, not a quote."""
        tokens = self.ctx.tokens
        words = [i for i in self._tokens(rest, title_end) if tokens[i].pos != "PUNCT"]
        if not words or tokens[words[0]].text.lower() in QUESTION_WORDS:
            return
        verb = next(
            (k for k, i in enumerate(words[: MAX_SPEAKER_WORDS + 1]) if tokens[i].pos == "VERB"), None
        )
        if not verb or not any(self._is_person(i) or self._role(i) for i in words[:verb]):
            return
        v = words[verb]
        speaker = self._resolve(words[:verb], rest, self.ctx.morphs[v].gender, plural=self._plural(v))
        if speaker is not None:
            self._add(self.text[start:end], start, end, speaker, tokens[v].text, "direct")

    def lead_cues(self) -> None:
        """ "Каже, …", "Мовляв, …" opening a sentence, and "…, каже, …" inside one: what follows is the
        words of the person spoken of just before (the last quoted person nearby, else the nearest
        person named), as "За її словами, …" would say it. Run before ``indirect``: a speech verb
        inside such a clause ("Каже, … вчителька і повідомила, що …") is part of it, not a quote of
        its own."""
        text = self.text
        for s, e in self.ctx.sentences:
            m = LEAD_CUE_RE.match(text, s, e)
            inner = None if m else INNER_CUE_RE.search(text, s, e)
            found = m or inner
            if found is None or self._inside_quote(s) or self._inside_quote(found.start()):
                continue
            if any(q.span.start <= found.start() < q.span.end for q in self.found):
                continue
            begin = found.end()
            if COMPLEMENTIZER_RE.match(text, begin):
                if inner is not None:
                    continue  # "заперечує, каже, що …": a speech verb with its clause (``indirect``)
                begin = text.find(" ", begin) + 1  # "Каже, що …": the clause after "що"
            if inner is not None:
                before = self._tokens(s, inner.start())
                if self._speech_in(before.start, before.stop) or self._opener(
                    s, inner.start(), anywhere=True
                ):
                    continue  # "…, й додав, мовляв, …": inside a clause reported already
            cue = found.group("cue")
            speaker = self._lead_cue_speaker(found.start(), cue.lower())
            self._add_clause(begin, e, speaker, cue)

    def _lead_cue_speaker(self, at: int, cue: str) -> _Speaker | None:
        """Who a subjectless cue at ``at`` means: a person quoted or named in the paragraph so far
        or in the two sentences before (for "Мовляв", the last one quoted first)."""
        k = bisect.bisect_right(self.sentence_starts, at) - 1
        since = self.ctx.sentences[max(0, k - 2)][0]
        line = next((ln for ln in self.lines if ln[0] <= at < ln[1]), (at, at))
        since = min(since, line[0])
        last = max(
            (
                q
                for q in self.found
                if since <= q.span.end <= at and (sp := self._speaker_of(q)) and sp.person
            ),
            key=lambda q: q.span.end,
            default=None,
        )
        quoted = self._speaker_of(last) if last is not None else None
        named = self._nearest_named_person(at, since=since)
        if cue in HEARSAY_CUES or named is None:
            return quoted or named
        if quoted is not None and last is not None and named.span[0] < last.span.end:
            return quoted  # ("… – згадує Марина. ¶ Каже, …": the one quoted last is the nearer)
        return named

    def indirect(self) -> None:
        # quotes found so far (direct, headline) as sorted intervals: a sentence starting inside one
        # is part of it; indirect clauses added below stay inside their own sentence
        covered = sorted((q.span.start, q.span.end) for q in self.found)
        starts, reach = [a for a, _ in covered], []
        for _, b in covered:
            reach.append(max(b, reach[-1]) if reach else b)  # furthest end so far
        for s, e in self._reporting_sentences():
            if (s, e) == self.ctx.title and covered and covered[0][0] < e:
                continue
            k = bisect.bisect_right(starts, s)
            if self._inside_quote(s) or (k and reach[k - 1] > s):
                continue
            sentence = self.text[s:e]
            rng = self._tokens(s, e)
            speech = bool(self._speech_in(rng.start, rng.stop))
            # (the regex of openers runs only where one may be: a speech verb for "Як заявив", a
            # telling word for "За словами", "На думку" — most sentences have neither)
            opener = self._opener(s, e, anywhere=True) if speech or OPENER_HINT.search(sentence) else None
            if not speech and opener is None:
                continue  # no speech verb and no "за словами": nothing reported here
            if opener and speech and self._that_clause(s, e):
                continue  # "За даними телеканалу, Джонсон заявив, що …": the named speaker wins
            if opener:
                # "За словами X, <clause>" / "<lead>, за її словами, <clause>": the clause after the
                # comma that closes the opener's phrase
                comma = sentence.find(",", opener.end())
                while comma > 0 and self._relative_clause(s + comma + 1, e):
                    comma = sentence.find(",", comma + 1)  # "За словами міністра, країна якого …, «…»"
                if comma > 0:
                    speaker = self._opener_speaker(s, opener, s + comma)
                    self._add_clause(s + comma + 1, e, speaker, opener.group().strip())
                elif opener.start() > 0:
                    # "…, в Кремле, по словам Пескова считают …": no comma closes the opener, so the
                    # whole sentence is what the speaker said
                    speaker = self._opener_speaker(s, opener, e)
                    self._add_clause(s, e, speaker, opener.group().strip())
                continue
            if speech and not self._that_clause(s, e):
                self._clause_then_cue(s, e)

    def _reporting_sentences(self) -> list[tuple[int, int]]:
        """The sentences that hold a speech verb or a word an opener needs ("словами", "думку"), in
        order: the only ones ``indirect`` can find anything in, found without visiting the others."""
        sentences, starts = self.ctx.sentences, self.sentence_starts
        tokens = self.ctx.tokens
        picked = {bisect.bisect_right(starts, tokens[i].start) - 1 for i in self.speech_idx}
        text = self.text
        for word in OPENER_HINT_WORDS:  # (str.find runs at C speed; the regex tries every position)
            at = text.find(word)
            while at >= 0:
                picked.add(bisect.bisect_right(starts, at) - 1)
                at = text.find(word, at + 1)
        return [sentences[k] for k in sorted(picked) if k >= 0]

    def _relative_clause(self, start: int, end: int) -> bool:
        """Whether the words at ``start`` open a relative clause ("країна якого", "который")."""
        first = [i for i in self._tokens(start, end) if self.ctx.tokens[i].pos != "PUNCT"][:2]
        return any(self.ctx.tokens[i].lemma.lower() in RELATIVE_PRONOUNS for i in first)

    def _clause_then_cue(self, s: int, e: int) -> None:
        """ "Новим міністром став Барклі, повідомили в уряді": reported clause first, attribution last.

        Cuts are tried from the sentence end backwards, past relays ("…, заявил журналистам Песков,
        передает корреспондент РБК" is Peskov's) and past trailing phrases ("…, сказав Масіх у
        відеозверненні, поширеному 4 листопада"). Where the attribution sits mid-sentence and a full
        clause follows it ("…, говорится в публикации, его уход может …"), that clause is reported too.
        """
        sentence = self.text[s:e]
        cuts = sorted({m.start() for m in CLAUSE_CUT_RE.finditer(sentence)}, reverse=True)
        rng = self._tokens(s, e)
        verbs = self._speech_in(rng.start, rng.stop)
        if not cuts or not verbs or self.ctx.tokens[verbs[-1]].start < s + cuts[-1]:
            return  # no speech verb after a cut: no attribution after the clause
        end = e
        relays: set[int] = set()
        for cut in cuts[:MAX_ATTRIBUTION_CUTS]:
            if cut <= 0 or self._inside_quote(s + cut):
                return
            span = self._tokens(s + cut + 1, end)
            tail = list(islice((i for i in span if self.ctx.tokens[i].pos != "PUNCT"), 4))
            verb = next((k for k, i in enumerate(tail) if self._is_speech_verb(i)), None)
            if verb is None:
                end = s + cut  # a trailing phrase: the attribution may stand before it
                continue
            i = tail[verb]
            np = self._np_after(i + 1, span.stop) if verb == 0 else tail[:verb]
            if np and self.ctx.tokens[np[0]].lemma.lower() in RELATIVE_PRONOUNS:
                return  # "…Джонсона, который обвинил …": a relative clause reports nothing before it
            relay = self._lemma(i) in RELAY_VERBS or (
                "pres" in self.ctx.morphs[i].tag and not (np and self.ctx.tokens[np[0]].pos == "ADP")
            )  # (but "говорится в публикации", "йдеться в заяві": a document, not an outlet relaying)
            if relay and not any(self._is_person(j) for j in np):
                # "…, передає УНН", "…, повідомляє УНІАН": an outlet relaying; look further left
                end = s + cut
                relays.add(end)
                continue
            if self._gerund_phrase(s, s + cut) or self._subordinate(s, s + cut):
                # "І вже сам нардеп, виступаючи в ефірі …, закликав …": a subject with a gerund
                # phrase, no clause; "За те, що дитина отруїлася …, звинуватили батьків": a reason
                return
            speaker = self._resolve(np, s, self.ctx.morphs[i].gender, plural=self._plural(i))
            if speaker is not None:
                cue = self.ctx.tokens[i].text
                self._add_clause(s, s + cut, speaker, cue, kind=self._person_of(s, s + cut))
                if (
                    end < e
                    and end not in relays
                    and self._finite_clause(end, e)
                    and not self._subordinate(end + 1, e, gerund=True)
                ):
                    self._add_clause(end + 1, e, speaker, cue)
            return

    def _gerund_phrase(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is a subject with a gerund phrase and no finite verb ("І вже сам
        нардеп, виступаючи в ефірі …"), not a clause."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        rng = self._tokens(start, end)
        tags = [morphs[i].tag for i in rng if not self._inside_quote(tokens[i].start)]
        return any(t.startswith("GRND") for t in tags) and not any(t.startswith("VERB") for t in tags)

    def _subordinate(self, start: int, end: int, *, gerund: bool = False) -> bool:
        """Whether the words at ``start`` open a subordinate clause, not a reported one: a relative
        pronoun ("…, которого цитирует Bloomberg"), "<за> те, що" ("За те, що дитина отруїлася …":
        a reason; but "О том, что …" is a topic, what was said), or, after an attribution
        (``gerund``), a subordinator or gerund ("…, выразив уверенность в том, что …": the speaker's
        own action, told by the reporter)."""
        tokens = self.ctx.tokens
        words = [i for i in self._tokens(start, end) if tokens[i].pos != "PUNCT"][:4]
        if not words:
            return False
        first = tokens[words[0]].text.lower()
        if tokens[words[0]].lemma.lower() in RELATIVE_PRONOUNS:
            return True
        if gerund and (first in SUBORDINATORS or self.ctx.morphs[words[0]].tag.startswith("GRND")):
            return True  # (a reported clause may open with "Якщо …, …" or "Хотя …, но …" itself)
        lead = [tokens[i].text.lower() for i in words]
        if tokens[words[0]].pos == "ADP" and lead[0] not in DEMONSTRATIVES:
            if lead[0] in TOPIC_PREPOSITIONS:
                return False  # "О том, что …, заявляла Мэй": the topic is what was said
            lead = lead[1:]
        return len(lead) > 1 and lead[0] in DEMONSTRATIVES and lead[1] in COMPLEMENTIZERS

    def _person_of(self, start: int, end: int) -> str:
        """ "direct" for first-person speech whose quote marks were lost ("Мы ожидаем …, сказал
        Песков"), else "indirect"."""
        words = (self.ctx.tokens[i].text.lower() for i in self._tokens(start, end))
        return "direct" if any(w in FIRST_PERSON for w in words) else "indirect"

    def _finite_clause(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` has a finite verb outside quotes (a clause, not a phrase)."""
        return any(
            self.ctx.morphs[i].tag.startswith("VERB") and not self._inside_quote(self.ctx.tokens[i].start)
            for i in self._tokens(start, end)
        )

    def _that_clause(self, s: int, e: int) -> bool:
        """ "X заявив, що …": the clause after the complementizer, up to the sentence end.

        A sentence may report several people in a row ("Даша казала, що …; Іван запевняв, що …, а
        Діана говорила, що …"): each clause then ends where the next speaker's attribution begins.
        """
        if COMPLEMENTIZER_RE.search(self.text, s, e) is None:
            return False  # (cheap test first: most sentences have no "що"/"что"/"that")
        heads = self._that_heads(s, e)
        if not heads:
            return False
        kept = [heads[0]]
        for head in heads[1:]:
            cut = self._next_attribution_cut(kept[-1][1], head[0])
            if cut is not None:
                kept[-1] = (*kept[-1][:3], cut)
                kept.append(head)
        for verb, comp, speaker, end in kept:
            end = self._second_predicate(verb, comp, end)
            self._add_clause(self.ctx.tokens[comp].end, end, speaker, self.ctx.tokens[verb].text)
        return True

    def _past_form(self, verb: int) -> str | None:
        """ "masc"/"femn"/"neut"/"plur" for a finite past-tense verb, else None: the form a second
        predicate of the same subject shares ("заявила … и настаивала")."""
        tag = self.ctx.morphs[verb].tag
        if not tag.startswith("VERB") or "past" not in tag:
            return None
        return "plur" if "plur" in tag else self.ctx.morphs[verb].gender

    def _after_coordinator(self, j: int, lo: int) -> int | None:
        """The coordinator ("и", "і", "та") right before token ``j`` (adverbs between allowed:
        "и бездоказательно обвинил"), if there is one after token ``lo``."""
        tokens = self.ctx.tokens
        k = j - 1
        while k > lo and tokens[k].text.islower() and (tokens[k].pos in ("ADV", "PART") or self._adverb(k)):
            k -= 1
        return k if k > lo and tokens[k].text.lower() in SUBJECT_SHARING else None

    def _adverb(self, i: int) -> bool:
        """A neuter short adjective, the tagger's reading of many adverbs ("бездоказательно")."""
        tag = self.ctx.morphs[i].tag
        return tag.startswith("ADJS") and "neut" in tag

    def _second_predicate(self, verb: int, comp: int, end: int) -> int:
        """Where a reported clause ends because the speaker's own second predicate starts: "Москва
        говорила, что не имеет отношения к случившемуся, и настаивала на расследовании", "заявил, что
        не согласен с … и подал в отставку". A past-tense verb after "и"/"і" that agrees with the
        speech verb belongs to its subject, unless the clause has a verb of that very form before it
        ("заявила, что она устала и ушла": the clause's own predicates, left whole).
        """
        form = self._past_form(verb)
        if form is None:
            return end
        tokens = self.ctx.tokens
        for j in self._tokens(tokens[comp].end, end):
            if self._inside_quote(tokens[j].start) or self._past_form(j) != form:
                continue
            if j + 1 < len(tokens) and tokens[j + 1].text.lower() in ("бы", "б"):
                continue  # "хотели бы уехать": a conditional is what was said, not a second act
            k = self._after_coordinator(j, comp + 1)
            if k is None:
                return end  # the clause's own verb of that form: whose the next one is, is unclear
            if tokens[k - 1].text.lower() == "так":
                # "…, но результаты выборов так и не признал": "так и не" (never) is no coordinator;
                # the second predicate starts at the clause boundary before it
                comma = next((c for c in range(k - 2, comp, -1) if tokens[c].text in ",;"), None)
                if comma is None or any(self._verb_form(c) for c in range(comma + 1, k)):
                    return end
                return tokens[comma].start
            return tokens[k - 1].start if tokens[k - 1].text == "," else tokens[k].start
        return end

    def _first_conjunct(self, s: int, verb: int) -> int:
        """The first of coordinated predicates that end at ``verb``: "Министр поблагодарил Джонсона и
        назвал его «…»" → "поблагодарил" (their subject stands before it, not "Джонсона")."""
        form = self._past_form(verb)
        if form is None:
            return verb
        first = self._tokens(s, self.ctx.tokens[verb].start).start
        k = self._after_coordinator(verb, first)
        while k is not None:
            j = next(
                (
                    j
                    for j in range(k - 1, first - 1, -1)
                    if self._past_form(j) == form and not self._inside_quote(self.ctx.tokens[j].start)
                ),
                None,
            )
            if j is None:
                break
            verb, k = j, self._after_coordinator(j, first)
        return verb

    def _that_heads(self, s: int, e: int) -> list[tuple[int, int, _Speaker, int]]:
        """(verb, complementizer, speaker, sentence end) of every "X заявив, що" in the sentence."""
        tokens = self.ctx.tokens
        rng = self._tokens(s, e)
        heads: list[tuple[int, int, _Speaker, int]] = []
        for i in self._speech_in(rng.start, rng.stop):
            if self._inside_quote(tokens[i].start):
                continue
            # the complementizer: "заявив, що", "заявив про те, що", "said that"
            window = range(i + 1, min(i + 9, rng.stop))
            comp = next((j for j in window if tokens[j].text.lower() in COMPLEMENTIZERS), None)
            if comp is None or self._inside_quote(tokens[comp].start):
                continue  # (a "що" inside a quote after the verb is the quoted speaker's own)
            between = [j for j in window if j < comp]
            if between and self._phrasal(i):
                between = between[1:]  # "дал понять, что": the second word is the verb's own
            if self.ctx.lang != "en" and not any(tokens[j].text == "," for j in between):
                continue
            if any(self._is_speech_verb(j) for j in between):
                continue
            # "добавил также, что": adverbs and particles between verb and comma name no one
            np = [j for j in between if tokens[j].pos not in ("PUNCT", "ADV", "PART")]
            if np and tokens[np[-1]].text.lower() in DEMONSTRATIVES:
                words = [j for j in between if tokens[j].pos != "PUNCT"]
                if len(np) == 1 and len(words) == 1:
                    continue  # "напоминали те, что имелись": a relative clause of "те", not speech
                np = []  # "поскаржився на те, що", "объяснял свои действия тем, что": no speaker
            if np and (
                tokens[np[0]].text.lower() in ("про", "о", "об")
                or (tokens[np[0]].pos in ("ADP", "PART") and all(tokens[j].pos == "PRON" for j in np[1:]))
            ):
                np = []  # "заявив про те, що", "поскаржився на те, що": the topic, not the speaker
            if not np and heads and self._coordinated(heads[-1][1], i) is not None:
                speaker = heads[-1][2]  # "Тенор не заперечував, що …, і додав, що …": the same subject
            elif not np and (main := self._main_verb(rng.start, i)) is not None:
                # "…», - сказав він після засідання Ради ЄС, додавши, що …": a gerund's subject is
                # the main verb's, not the nearest capitalised word
                after = self._np_after(main + 1, i)
                speaker_idx = self._speaker_phrase(after, s, main)
                speaker = self._resolve(
                    speaker_idx, tokens[main].start, self.ctx.morphs[main].gender, plural=self._plural(main)
                )
            elif not np and (main := self._finite_before(rng.start, i)) is not None:
                # "В Москве отвергли эти обвинения, заявив, что …", "представники … виступали проти
                # …, говорячи, що …": the gerund's subject is that of the verb it depends on
                speaker_idx = self._subject_before(s, main)
                if len(speaker_idx) > MAX_SPEAKER_WORDS - 2:
                    speaker_idx = []  # "В Мінекології цей пафос дещо збавили": no clean subject phrase
                speaker = self._resolve(
                    speaker_idx, tokens[main].start, self.ctx.morphs[main].gender, plural=self._plural(main)
                )
            else:
                speaker_idx = self._speaker_phrase(np, heads[-1][1] + 1 if heads else s, i)
                speaker = self._resolve(
                    speaker_idx, tokens[i].start, self.ctx.morphs[i].gender, plural=self._plural(i)
                )
            if speaker is not None:
                heads.append((i, comp, speaker, e))
        return heads

    def _main_verb(self, first: int, gerund: int) -> int | None:
        """The finite speech verb before a speech gerund in its sentence ("сказав …, додавши"), if
        the verb at ``gerund`` is one."""
        if not self.ctx.morphs[gerund].tag.startswith("GRND"):
            return None
        for v in reversed(self._speech_in(first, gerund)):
            if not self.ctx.morphs[v].tag.startswith("GRND") and not self._inside_quote(
                self.ctx.tokens[v].start
            ):
                return v
        return None

    def _finite_before(self, first: int, gerund: int) -> int | None:
        """The finite verb a speech gerund depends on when it is no speech verb ("отвергли …, заявив"):
        the nearest one before the gerund in its sentence, outside quotes."""
        tokens, morphs = self.ctx.tokens, self.ctx.morphs
        if not morphs[gerund].tag.startswith("GRND"):
            return None
        for v in range(gerund - 1, first - 1, -1):
            tag = morphs[v].tag
            if tag.startswith("VERB") and not _non_finite(tag, tokens[v].text):
                if self._inside_quote(tokens[v].start) or self._is_speech_verb(v):
                    return None  # (a speech verb there is the main verb's case)
                if any(self._is_person(j) for j in range(v + 1, gerund)):
                    return None  # "…, указывает аналитик Дэниэл Депетрис, отмечая": the inverted subject
                if self._embedded(v, first):
                    continue  # "не став прогнозувати, як буде вирішене питання, наголосивши"
                return v
        return None

    def _embedded(self, v: int, first: int) -> bool:
        """Whether a verb stands in an embedded clause: a subordinator opens its clause ("…, як буде
        вирішене", "…, что выдвинет")."""
        tokens = self.ctx.tokens
        k = v - 1
        while k >= first and tokens[k].text not in CLAUSE_BOUNDARIES:
            if tokens[k].text.lower() in SUBORDINATORS:
                return True
            k -= 1
        return False

    def _next_attribution_cut(self, comp: int, verb: int) -> int | None:
        """Where a reported clause ends because a new attribution starts ("…; Іван запевняв, що").

        Only a clause boundary (";" or "," with an optional "а"/"і"/"та") followed by a capitalised
        subject right before the next verb counts; a speech verb deeper inside the reported clause
        ("заявив, що вона сказала, що …") is part of what was said.
        """
        tokens = self.ctx.tokens
        coordinated = self._coordinated(comp, verb)
        if coordinated is not None:
            return coordinated
        j = verb - 1
        while j > comp and tokens[j].pos not in ("PUNCT",) and tokens[j].text[:1].isupper():
            j -= 1
        if j == verb - 1:
            return None  # no named subject right before the verb
        if j > comp and tokens[j].text.lower() in ("а", "і", "й", "та", "and"):
            j -= 1
        if j > comp and tokens[j].text in (";", ","):
            return tokens[j].start
        return None

    def _coordinated(self, comp: int, verb: int) -> int | None:
        """Where a reported clause ends before a speech verb coordinated with the first one: "…, і
        додав, що", "…, але відзначив, що", "…, а также отметил, что" (same subject, new clause)."""
        tokens = self.ctx.tokens
        j = verb - 1
        while j > comp and tokens[j].pos in ("ADV", "PART") and not tokens[j].text[:1].isupper():
            j -= 1  # "і також додав"
        if j <= comp or tokens[j].text.lower() not in COORDINATORS:
            return None
        if j - 1 > comp and tokens[j - 1].text in (",", ";"):
            return tokens[j - 1].start
        return tokens[j].start

    def _add_clause(
        self, start: int, end: int, speaker: _Speaker | None, cue: str, kind: str = "indirect"
    ) -> None:
        """Reported speech from ``start`` to ``end``, if someone says it and it is not just a quote.

        No speaker ("Як повідомлялося, …") means no attribution, so no quote. A clause that is nothing
        but a quote ("заявив, що «…»") is that direct quote's; one that only starts with a quote
        ("написал, что "…" делает "…" выход …") is reported speech containing it. A relay at the end
        ("…, передає УНН з посиланням на DW") is no part of what was said.
        """
        if speaker is None:
            return
        lead = len(self.text[start:end]) - len(self.text[start:end].lstrip())
        begin = start + lead
        end = self._trim_relay(begin, end)
        if self.text[begin : begin + 1] in QUOTE_MARKS:
            close = next((c for o, c in self.quoted if o == begin), None)
            rest = "" if close is None else self.text[close + 1 : end].strip(" \xa0")
            if not rest.strip(".!?…,;") or rest[0] in ",;":
                return  # the quote is all that was said ("“безуспішно”, що збільшує ризик …")
        text = self.text[begin:end].rstrip().rstrip(".!?…,;").rstrip()
        if len(text.split()) < MIN_ATTRIBUTED_WORDS:
            return
        self._add(text, begin, begin + len(text), speaker, cue, kind)

    def _trim_relay(self, start: int, end: int) -> int:
        """``end`` moved before a relay: ", передає УНН", ", пише видання", ", повідомляє DW".

        The first relay ends the clause: what follows it is the outlet's sourcing, or, where a scrape
        glued two sentences ("…, передає видання Іспанія вимагає …"), the next sentence.
        """
        for m in RELAY_CUT_RE.finditer(self.text, start, end):
            tail = [i for i in self._tokens(m.end(), end) if self.ctx.tokens[i].pos != "PUNCT"]
            if not tail or self._inside_quote(m.start()):
                continue
            first = tail[0]
            relay = self._lemma(first) in RELAY_VERBS or (
                self._is_speech_verb(first) and "pres" in self.ctx.morphs[first].tag
            )
            if relay and not any(self._is_person(j) for j in tail[1:MAX_SPEAKER_WORDS]):
                return m.start()  # (but "…, каже Лавров" names a speaker: not a relay)
        return end

    def _add(
        self, text: str, start: int, end: int, speaker: _Speaker | None, cue: str | None, kind: str
    ) -> None:
        if any(q.kind == kind and q.span.start < end and start < q.span.end for q in self.found):
            return
        if speaker is not None:
            self.speakers.append((start, speaker))
        self.found.append(
            Quote(
                text=text,
                span=Span(start, end),
                speaker=speaker.text if speaker else None,
                speaker_span=Span(*speaker.span) if speaker else None,
                speaker_canonical=speaker.canonical if speaker else None,
                kind="direct" if kind == "direct" else "indirect",
                cue=cue,
            )
        )


def rule_quotes(ctx: QuoteContext) -> tuple[QuoteFinder, list[Quote]]:
    """The rules' quotes, in text order, and the finder that found them (for the speaker ranker).

    Direct quotes first (their spans shield their inside from indirect rules), then indirect ones."""
    finder = QuoteFinder(ctx)
    finder.direct()
    finder.headline()
    finder.lead_cues()
    finder.indirect()
    finder.continued()
    finder.partial()
    return finder, sorted(finder.found, key=lambda q: q.span.start)


def find_quotes(ctx: QuoteContext) -> list[Quote]:
    """The rules' quotes with each speaker re-ranked by the learned model (``quote_speakers``)."""
    finder, quotes = rule_quotes(ctx)
    return rerank(finder, quotes, load_model())

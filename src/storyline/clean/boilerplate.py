"""Generic boilerplate: whole lines that are site furniture, not article text.

Each rule is a named regex over one stripped line. Per-outlet furniture ("Підтримати ZN.ua") lives in
the outlet table (:mod:`storyline.clean.outlets`). A rule must be specific enough never to match a real
paragraph: cross-reference lines are recognised by their imperative ("Читайте також:", "… читайте у
статті …"), share lines by being short lists of network names.
"""

from __future__ import annotations

import re

# Short lines only: a 400-character paragraph that happens to say "читайте" is still text.
MAX_BOILERPLATE_LINE = 400

RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("language-switch", r"^(?:UA|UK|RU|EN|УКР|РУС|ENG)(?:\s*[/|•·]\s*(?:UA|UK|RU|EN|УКР|РУС|ENG))+$"),
        (
            "read-also",
            r"^(?:Читайте також|Читайте также|Читати також|Дивіться також|Смотрите также|Read also|See also|Також читайте|Также читайте)\b\s*[:.—-]?.*$",
        ),
        (
            "read-more",
            r"^(?:Докладніше|Детальніше|Більше|Подробнее|Детальнее|Больше|Read more)\b.*\b(?:читайте|читати|read)\b.*$",
        ),
        (
            "read-in-article",
            r"^.{0,300}\b(?:читайте|читати) (?:у|в) (?:статті|статтях|матеріалі|матеріалах|статье|статьях|материале|материалах|нашому|нашем)\b.*$",
        ),
        ("support", r"^(?:Підтримати|Підтримайте|Поддержать|Поддержите|Support)\s+\S+\s*$"),
        (
            "subscribe",
            r"^(?:Підписуйтесь|Підписуйтеся|Підпишіться|Подписывайтесь|Подпишитесь|Subscribe)\b.{0,150}$",
        ),
        (
            "share",
            r"^(?:Поділитися|Поширити|Поделиться|Share)(?:\s*[:|]?\s*(?:Facebook|Twitter|Telegram|Viber|WhatsApp|LinkedIn|X|Email|Копіювати посилання))*\s*$",
        ),
        (
            "social-list",
            r"^(?:(?:Facebook|Twitter|Telegram|Viber|WhatsApp|LinkedIn|Instagram|YouTube)\s*[|•·,]?\s*){2,}$",
        ),
        (
            "photo-credit",
            r"^(?:Фото|Фото:|Photo|Photo:|Ілюстративне фото|Иллюстративное фото|Скриншот)\b[^.!?]{0,120}$",
        ),
        (
            "error-report",
            r"^(?:Якщо ви помітили помилку|Если вы заметили ошибку|Знайшли помилку|Нашли ошибку)\b.*$",
        ),
        ("tags", r"^(?:Теги|Теги:|Tags:|Мітки:)\s.{0,200}$"),
        ("advert", r"^(?:Реклама|Advertisement|Спецпроект)$"),
        ("all-news", r"^(?:Всі новини|Все новости|Усі новини|All news)\b.{0,40}$"),
        # Site notices that scrapers pick up as the first line (often as the <title> itself).
        (
            "cookie-notice",
            r"^.{0,80}\b(?:файл\w* cookie|cookie[- ]?файл\w*|cookies?\b.{0,60}\b(?:використов|использ|use|accept))"
            r".{0,300}$",
        ),
        (
            "account-notice",
            r"^(?:Регистрация пройдена успешно|Реєстрація пройшла успішно|Реєстрацію завершено|"
            r"Registration (?:is )?(?:complete|successful)|Пожалуйста, перейдите по ссылке|"
            r"Будь ласка, перейдіть за посиланням)\b.*$",
        ),
        (
            "browser-notice",
            r"^(?:Вы используете устаревш|Ви використовуєте застаріл|You are using an? (?:outdated|old))"
            r"\w*\b.*$",
        ),
        (
            "site-funding",
            r"^(?:Сайт|Проект|Издание|Видання) (?:функционирует|работает|працює|реализуется|реалізується)"
            r" (?:при|за) (?:финансовой |фінансової )?(?:поддержке|підтримки).{0,200}$",
        ),
        (
            "player-chrome",
            r"^(?:Accessibility links|Skip to (?:main )?content|News Navigation|Media player|Close player|"
            r"Play video|Перейти к содержанию|Перейти до змісту|Share this with|Video caption)\s*$",
        ),
        (
            "timestamp-line",
            r"^(?:время публикации|последнее обновление|час публікації|останнє оновлення|"
            r"дата публикации|дата публікації)\s*:.{0,120}$",
        ),
        (
            "partner-notice",
            r"^(?:Цей матеріал опубліковано|Этот материал опубликован|Материал опубликован)\b.{0,120}"
            r"\b(?:партнерськ|партнерск|угоди|соглашени).{0,120}$",
        ),
        ("region-picker", r"^(?:Ваш регион|Ваш регіон|Your region|Выберите регион|Оберіть регіон)\b.{0,60}$"),
    )
)

# Labels that stand alone on a line and introduce a section: structure, not text.
SECTION_LABELS = frozenset(
    label.casefold()
    for label in (
        "Цитата",
        "Деталі",
        "Контекст",
        "Довідка",
        "Коментар",
        "Передісторія",
        "Що відомо",
        "Нагадаємо",
        "Детали",
        "Справка",
        "Комментарий",
        "Предыстория",
        "Напомним",
        "Quote",
        "Details",
        "Context",
        "Background",
    )
)


# Copyright and reprint terms: a site's legal footer can be a 900-character paragraph, so it is
# recognised by how it opens and what it is about, not by length. Both parts must match: "При
# использовании «живых» вакцин…" opens the same way and is text.
_LEGAL_OPENING = re.compile(
    r"^(?:©|\(c\)|Copyright\b|Все права|Всі права|Усі права|При (?:любом )?(?:использовании|цитировании|"
    r"использовании и цитировании|використанні|цитуванні)|Использование материалов|Використання матеріалів|"
    r"Перепечатка|Передрук)",
    re.IGNORECASE,
)
_LEGAL_SUBJECT = re.compile(
    r"(?:материал\w*|матеріал\w*|информаци\w*|інформаці\w*).{0,120}"
    r"(?:ссылк|посиланн|гиперссылк|гіперпосиланн|разреш|дозв|охраня|охороня|защищ|захищ|обязательн|обов)"
    r"|права защищены|права захищені|rights reserved",
    re.IGNORECASE,
)


# Data-collection consent banners run long too ("Для улучшения работы сайта … мы собираем …").
_PRIVACY_NOTICE = re.compile(
    r"^(?:Для улучшения работы сайта|Для покращення роботи сайту|Нажимая на кнопку|Натискаючи (?:на )?кнопку|"
    r"Продолжая (?:использовать|просмотр)|Продовжуючи (?:використовувати|перегляд))\b.{0,600}?"
    r"(?:данн|даних|конфиденц|конфіденц|cookie|согласие|згоду)",
    re.IGNORECASE | re.DOTALL,
)


def boilerplate_rule(line: str) -> str | None:
    """The name of the generic rule that marks ``line`` as boilerplate, or None."""
    if _LEGAL_OPENING.match(line) and _LEGAL_SUBJECT.search(line[:600]):
        return "copyright"
    if _PRIVACY_NOTICE.match(line):
        return "privacy-notice"
    if len(line) > MAX_BOILERPLATE_LINE:
        return None
    for name, pattern in RULES:
        if pattern.match(line):
            return name
    return None


def section_label(line: str) -> str | None:
    stripped = line.strip().rstrip(":").strip()
    return stripped if stripped.casefold() in SECTION_LABELS else None

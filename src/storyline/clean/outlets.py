"""The outlet rule table: how to recognise an outlet and which of its lines are site furniture.

One entry per outlet: display name, web domains, the agency token of its datelines ("КИЇВ. 1 лютого.
УНН."), header lines its scrapes carry ("Київ • УНН"), and boilerplate line patterns specific to it.
Generic boilerplate (share/subscribe lines, "Читайте також") is in :mod:`storyline.clean.boilerplate`.
Add an outlet here, not in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # how the outlet names itself in text ("УНН", "ZN.ua", "Дзеркало тижня")
    boilerplate: tuple[str, ...] = ()  # regexes for whole lines that are this site's furniture
    patterns: list[re.Pattern[str]] = field(default_factory=list, compare=False)


OUTLETS: tuple[Outlet, ...] = (
    Outlet("UNN", ("unn.com.ua", "unn.ua"), ("УНН", "UNN")),
    Outlet(
        "ZN.ua",
        ("zn.ua", "dt.ua", "mirror.dt.ua"),
        ("ZN.ua", "ZN.UA", "Дзеркало тижня", "DT.ua", "Зеркало недели"),
        (r"Підтримати ZN\.ua", r"Поддержать ZN\.ua", r"Support ZN\.ua", r"Ви можете підтримати ZN\.ua.*"),
    ),
    Outlet(
        "Interfax-Ukraine",
        ("interfax.com.ua", "ua.interfax.com.ua"),
        ("Інтерфакс-Україна", "Интерфакс-Украина"),
    ),
    Outlet("Interfax", ("interfax.ru",), ("Интерфакс",)),
    Outlet("UNIAN", ("unian.ua", "unian.net", "unian.info"), ("УНІАН", "УНИАН", "UNIAN")),
    Outlet("Ukrinform", ("ukrinform.ua", "ukrinform.ru", "ukrinform.net"), ("Укрінформ", "Укринформ")),
    Outlet("Ukrainska Pravda", ("pravda.com.ua",), ("Українська правда", "УП")),
    Outlet("NV", ("nv.ua",), ("НВ", "Новое время", "Новий час")),
    Outlet("Segodnya", ("segodnya.ua",), ("Сегодня",)),
    Outlet("ZIK", ("zik.ua",), ("ZIK", "ЗІК")),
    Outlet("RBC-Ukraine", ("rbc.ua",), ("РБК-Україна", "РБК-Украина")),
    Outlet("LIGA.net", ("liga.net",), ("ЛІГА.net", "ЛИГА.net")),
    Outlet("Radio Svoboda", ("svoboda.org", "radiosvoboda.org"), ("Радіо Свобода", "Радио Свобода")),
    Outlet("DW", ("dw.com",), ("Deutsche Welle", "DW")),
    Outlet("BBC", ("bbc.com", "bbc.co.uk"), ("BBC", "Бі-Бі-Сі", "Би-би-си")),
    Outlet("Reuters", ("reuters.com",), ("Reuters", "Рейтер")),
    Outlet("TASS", ("tass.ru", "tass.com"), ("ТАСС", "TASS")),
    Outlet("RIA Novosti", ("ria.ru",), ("РИА Новости",)),
    Outlet("PRIME", ("1prime.ru",), ("ПРАЙМ",)),
    Outlet("Regnum", ("regnum.ru",), ("REGNUM", "Регнум")),
    Outlet("Kommersant", ("kommersant.ru",), ("Коммерсантъ",)),
    Outlet("Izvestia", ("iz.ru",), ("Известия",)),
    Outlet("Lenta.ru", ("lenta.ru",), ("Лента.ру",)),
    Outlet("Gazeta.ru", ("gazeta.ru",), ("Газета.Ru",)),
    Outlet("RG", ("rg.ru",), ("Российская газета",)),
    Outlet("Echo of Moscow", ("echo.msk.ru",), ("Эхо Москвы",)),
    Outlet("Vesti", ("vesti.ru",), ("Вести",)),
    Outlet("Channel One", ("1tv.ru",), ("Первый канал",)),
    Outlet("NTV", ("ntv.ru",), ("НТВ",)),
    Outlet("AiF", ("aif.ru",), ("АиФ", "Аргументы и факты")),
)

for _o in OUTLETS:
    _o.patterns.extend(re.compile(rf"^(?:{p})\s*$", re.IGNORECASE) for p in _o.boilerplate)

_BY_ALIAS = {alias.casefold(): o for o in OUTLETS for alias in (*o.aliases, o.name)}


def outlet_by_alias(name: str) -> Outlet | None:
    return _BY_ALIAS.get(name.strip().strip(".").casefold())


def outlet_from_url(url: str | None) -> str | None:
    """The outlet of a URL: a known domain's name, else the registrable host ("example.com")."""
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    if not host:
        return None
    for outlet in OUTLETS:
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet.name
    parts = host.removeprefix("www.").split(".")
    return ".".join(parts[-3:] if len(parts) > 2 and len(parts[-2]) <= 3 else parts[-2:])


def boilerplate_outlet(line: str) -> Outlet | None:
    """The outlet whose own furniture this line is ("Підтримати ZN.ua" → ZN.ua), if any."""
    for outlet in OUTLETS:
        if any(p.match(line) for p in outlet.patterns):
            return outlet
    return None

"""Synthetic but realistic corpora for benchmarks: real paragraphs from ../shared, recombined.

Lorem ipsum would flatter every stage (no Cyrillic morphology, no boilerplate, no datelines). Instead
each synthetic article takes a real title and 4–12 real paragraphs of the same language from the BSNLP
and BRUK corpora, with the scrape damage real inputs carry mixed in at realistic rates: outlet header
lines, datelines, "Читайте також" lines, section labels, and glued words. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
NEWS = SHARED / "data" / "news"

FURNITURE = {
    "uk": ["Читайте також: {title}", "Підтримати ZN.ua", "UA / RU", "Київ • УНН", "Поділитися"],
    "ru": ["Читайте также: {title}", "Поддержать ZN.ua", "UA / RU", "Киев • УНН", "Поделиться"],
}
DATELINE = {"uk": "КИЇВ. {day} {month}. УНН. ", "ru": "КИЕВ. {day} {month}. УНН. "}
MONTHS = {
    "uk": [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
}


def load_sources() -> dict[str, list[tuple[str, list[str]]]]:
    """(title, paragraphs) per language from the shared corpora."""
    by_lang: dict[str, list[tuple[str, list[str]]]] = {"uk": [], "ru": []}
    for name in ("bsnlp_uk_ru.jsonl", "bruk_press.jsonl"):
        path = NEWS / name
        if not path.exists():
            raise SystemExit(f"benchmark corpus source missing: {path}")
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            lang = r.get("lang", "uk")
            paragraphs = [p.strip() for p in r["text"].split("\n") if len(p.strip()) > 40]
            if r.get("title") and paragraphs and lang in by_lang:
                by_lang[lang].append((r["title"].strip(), paragraphs))
    return by_lang


def generate(n: int, seed: int = 7) -> Iterator[dict]:
    """``n`` JSONL-ready records with raw (uncleaned) text."""
    rng = random.Random(seed)
    sources = load_sources()
    pools = {lang: [p for _, ps in docs for p in ps] for lang, docs in sources.items()}
    start = dt.date(2020, 1, 1)
    for i in range(n):
        lang = "uk" if rng.random() < 0.6 else "ru"
        title, own = rng.choice(sources[lang])
        paragraphs = list(own[: rng.randint(1, 4)]) + rng.sample(pools[lang], rng.randint(3, 8))
        day = start + dt.timedelta(days=rng.randint(0, 700))
        if rng.random() < 0.3:
            paragraphs[0] = (
                DATELINE[lang].format(day=day.day, month=MONTHS[lang][day.month - 1]) + paragraphs[0]
            )
        if rng.random() < 0.3:
            pos = rng.randint(1, len(paragraphs))
            paragraphs.insert(pos, rng.choice(FURNITURE[lang]).format(title=rng.choice(sources[lang])[0]))
        if rng.random() < 0.1:  # glue two paragraphs as a lossy scrape does
            j = rng.randrange(len(paragraphs) - 1) if len(paragraphs) > 1 else 0
            if j + 1 < len(paragraphs):
                paragraphs[j : j + 2] = [paragraphs[j].rstrip(".") + paragraphs[j + 1]]
        yield {
            "id": f"syn-{i}",
            "title": title,
            "text": "\n\n".join(paragraphs),
            "published": day.isoformat() if rng.random() < 0.7 else None,
            "url": f"https://example-{i % 50}.ua/news/{i}",
        }


def write_jsonl(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in generate(n, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path

"""Made-up Vietnamese report articles (police, Covid, traffic, fire, budget) for benchmarks and tests.

Templates and word lists live in ``synthetic.toml``; this module fills them with random numbers written
the Vietnamese way (``1.234``, ``1,5 triệu``, ``12,5%``), qualifiers and dates across 2020-2024.
The same ``seed`` always gives the same articles, and every article's text is different (each carries its
own report number), so ``n`` articles have ``n`` distinct ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import tomllib
from collections.abc import Iterator
from importlib import resources

import regex

from solieu.article import Article, parse_article

TOPICS = ("police", "covid", "traffic", "fire", "budget")
FIRST_DAY = dt.date(2020, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)
_SLOT = regex.compile(r"\{(?P<name>\w+)\}")


@functools.cache
def _templates() -> dict:
    data = tomllib.loads(resources.files("solieu").joinpath("synthetic.toml").read_text(encoding="utf-8"))
    missing = set(TOPICS) - set(data["topics"])
    if missing:
        raise ValueError(f"synthetic.toml: no templates for topic(s) {sorted(missing)}")
    return data


def _format(name: str, **values: object) -> str:
    return _templates()["formats"][name].format(**values)


def generate_articles(n: int, *, seed: int = 0) -> Iterator[Article]:
    """``n`` synthetic articles, lazily (memory stays flat however large ``n`` is)."""
    rng = random.Random(seed)
    for index in range(n):
        yield _article(rng, index, seed)


def _article(rng: random.Random, index: int, seed: int) -> Article:
    data = _templates()
    topic_name = TOPICS[rng.randrange(len(TOPICS))]
    topic = data["topics"][topic_name]
    words = {"province": rng.choice(data["provinces"]), "agency": topic["agency"], "abbr": topic["abbr"]}
    fill = functools.partial(_fill, rng, words, data["qualifiers"])
    day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    lead = _format("lead", number=index + 1, abbr=words["abbr"], day=day.day, month=day.month, year=day.year,
                   agency=words["agency"], province=words["province"])
    pool = topic["sentences"] + data["fillers"]
    sentences = [fill(s) for s in rng.choices(pool, k=rng.randint(6, 24))]
    paragraphs, start = [lead], 0
    while start < len(sentences):
        size = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[start:start + size]))
        start += size
    header = [f"title: {fill(rng.choice(topic['titles']))}", f"topic: {topic_name}"]
    published = _published(rng, day)
    if published:
        header.append(f"date: {published}")
    text = "\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return parse_article(text, source=f"synthetic:{seed}/{index}")


def _published(rng: random.Random, day: dt.date) -> str:
    """Mostly a full date, sometimes only the month, sometimes unknown: as real articles come."""
    roll = rng.random()
    if roll < 0.7:
        return day.isoformat()
    return day.isoformat()[:7] if roll < 0.9 else ""


def _fill(rng: random.Random, words: dict[str, str], qualifiers: dict[str, list[str]], template: str) -> str:
    def slot(m: regex.Match) -> str:
        name = m["name"]
        if name in words:
            return words[name]
        if name == "district":
            return rng.choice(_templates()["districts"])
        return _NUMBERS[name](rng, qualifiers)

    return _SLOT.sub(slot, template)


def group_thousands(value: int) -> str:
    """``1234567`` -> ``"1.234.567"``: the dot groups thousands in Vietnamese."""
    return f"{value:,}".replace(",", ".")


def decimal_vi(value: float, places: int = 1) -> str:
    """``1.5`` -> ``"1,5"``; whole values lose the decimals (``2.0`` -> ``"2"``)."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _qualifier(rng: random.Random, qualifiers: dict[str, list[str]]) -> str:
    if rng.random() < 0.5:
        return ""
    kind = rng.choice(sorted(qualifiers))
    return rng.choice(qualifiers[kind]) + " "


def _count(rng: random.Random, _q: dict) -> str:
    return str(rng.randint(2, 99)) if rng.random() < 0.5 else group_thousands(rng.randint(100, 250_000))


def _small(rng: random.Random, _q: dict) -> str:
    return str(rng.randint(2, 30))


def _money(rng: random.Random, _q: dict) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        amount = decimal_vi(rng.uniform(1, 999)) if rng.random() < 0.5 else str(rng.randint(2, 999))
        return _format("money_million", amount=amount)
    if kind == 1:
        return _format("money_billion", amount=decimal_vi(rng.uniform(1, 99)))
    if kind == 2:
        return _format("money_dong", amount=group_thousands(rng.randint(100, 99_999) * 1000))
    return _format("money_trillion", amount=decimal_vi(rng.uniform(1, 20), 2))


def _pct(rng: random.Random, _q: dict) -> str:
    return f"{decimal_vi(rng.uniform(0.5, 99.5))}%" if rng.random() < 0.7 else f"{rng.randint(1, 99)}%"


def _range(rng: random.Random, _q: dict) -> str:
    low = rng.randint(2, 60)
    high = low + rng.randint(2, 40)
    return _format("range_words" if rng.random() < 0.5 else "range_dash", low=low, high=high)


def _decimal(rng: random.Random, _q: dict) -> str:
    return decimal_vi(rng.uniform(1, 99), rng.choice((1, 2)))


def _day(rng: random.Random, _q: dict) -> str:
    return _format("day", day=rng.randint(1, 28), month=rng.randint(1, 12))


_NUMBERS = {"q": _qualifier, "n": _count, "small": _small, "money": _money, "pct": _pct, "range": _range,
            "decimal": _decimal, "day": _day}

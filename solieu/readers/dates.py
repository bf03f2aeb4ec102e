"""Publication dates: checked ISO values and Vietnamese datelines. A date we cannot read with confidence
is None, never a guess."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources

import regex

EARLIEST = dt.date(1990, 1, 1)
DATELINE_LINES = 4      # a dateline sits in the first lines of an article, above or at the start of the text
DATELINE_CHARS = 400


def _words(phrase: str) -> str:
    """A phrase of the word file as a pattern: escaped, any whitespace between its words."""
    return r"\s+".join(regex.escape(word) for word in phrase.split())


_VI = tomllib.loads(resources.files(__package__).joinpath("dates_vi.toml").read_text("utf-8"))
_WEEKDAY = rf"(?:(?:{'|'.join(_words(w) for w in _VI['weekdays'])})\s*,?\s*)"
_DAY, _MONTH, _YEAR = (_words(_VI[key]) for key in ("day", "month", "year"))
# Day first, as Vietnamese writes it: "14/7/2021", "14-07-2021", "14.07.2021", optional time around it.
_NUMERIC = regex.compile(
    rf"(?<![\d/.-]){_WEEKDAY}?(?:{_DAY}\s+)?(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})\s*[/.-]\s*(?P<y>\d{{4}})(?![\d/.-])",
    flags=regex.IGNORECASE,
)
_WORDS = regex.compile(
    rf"{_DAY}\s+(?P<d>\d{{1,2}})\s+{_MONTH}\s+(?P<m>\d{{1,2}})\s*(?:,\s*)?{_YEAR}\s+(?P<y>\d{{4}})(?!\d)",
    flags=regex.IGNORECASE,
)


def checked_date(year: int, month: int, day: int, *, today: dt.date | None = None) -> str | None:
    """ISO ``YYYY-MM-DD`` if the date exists, is not before 1990 and not in the future, else None."""
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    # One day of slack: a Vietnamese (UTC+7) article can be dated "tomorrow" for a machine on UTC.
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    return date.isoformat() if EARLIEST <= date <= latest else None


def checked_iso(value: object, *, today: dt.date | None = None) -> str | None:
    """An ISO date (or datetime) string from metadata, reduced to ``YYYY-MM-DD`` if plausible."""
    if isinstance(value, dt.datetime | dt.date):
        return checked_date(value.year, value.month, value.day, today=today)
    m = regex.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    return checked_date(int(m[1]), int(m[2]), int(m[3]), today=today) if m else None


def find_dateline(text: str, *, today: dt.date | None = None) -> str | None:
    """The date of a dateline in the first lines of an article body ("Ngày 14/7/2021", "14/07/2021 08:30",
    "Thứ hai, 05/06/2024"), day first; None if there is none or it is impossible, future or pre-1990."""
    lines = [line for line in text.split("\n") if line.strip()][:DATELINE_LINES]
    head = "\n".join(lines)[:DATELINE_CHARS]
    for pattern in (_NUMERIC, _WORDS):
        m = pattern.search(head)
        if m:
            return checked_date(int(m["y"]), int(m["m"]), int(m["d"]), today=today)
    return None

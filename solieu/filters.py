"""Which claims to show or export: one ``Filters`` value and one pure, vectorised ``filter_claims``.

The CLI export, the store and the dashboard all filter through here, so a filter means the same everywhere.

Dates. ``published`` is ``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``""`` (unknown), and a bound may be any of
``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``. A partial date stands for the whole period it names
(``"2021-08"`` is 1 to 31 August), and a claim passes when its article's period overlaps the
``[date_from, date_to]`` period: an August article passes ``date_from="2021-08-15"`` because it may be from
after the 15th. An unknown date cannot be placed, so it passes only when neither bound is set.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields

import pandas as pd
import regex

from solieu.errors import SolieuError

_BOUND = regex.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
# What completes a partial ISO date to the first / last day of its period, by length. String comparison of
# "YYYY-MM-31" is right for every month: "2021-02-31" sorts after every real February day, before March.
_PERIOD_START = {4: "-01-01", 7: "-01", 10: ""}
_PERIOD_END = {4: "-12-31", 7: "-31", 10: ""}
_TEXT_COLUMNS = ("text", "subject", "sentence", "title")
_TUPLE_FIELDS = ("article_ids", "categories", "qualifiers", "units")


@dataclass(frozen=True)
class Filters:
    """What to keep. Empty values mean "no restriction"; set fields combine with AND, values within a field
    with OR. Lists are stored as tuples, so a Filters is hashable (a cache key)."""

    date_from: str = ""                 # see the module docstring for partial and unknown dates
    date_to: str = ""
    article_ids: tuple[str, ...] = ()   # full ids
    categories: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    value_min: float | None = None      # a range claim passes when [value, value_high] overlaps [min, max]
    value_max: float | None = None
    text: str = ""                      # case-insensitive substring of text, subject, sentence or title

    def __post_init__(self) -> None:
        for name in _TUPLE_FIELDS:
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value or ()))
        for name in ("date_from", "date_to"):
            value = (getattr(self, name) or "").strip()
            if value and not _BOUND.fullmatch(value):
                raise SolieuError(f"{name.replace('_', ' ')} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
            object.__setattr__(self, name, value)
        object.__setattr__(self, "text", (self.text or "").strip())
        if self.value_min is not None and self.value_max is not None and self.value_min > self.value_max:
            raise SolieuError(f"the minimum value {self.value_min:g} is above the maximum {self.value_max:g}")

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def replace(self, **changes) -> Filters:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return Filters(**(values | changes))


def filter_claims(df: pd.DataFrame, filters: Filters | None) -> pd.DataFrame:
    """The rows of a claims table (columns ``solieu.model.COLUMNS``) that pass ``filters``; same columns and
    dtypes, original index kept. Never modifies ``df``."""
    if filters is None or filters.is_empty or df.empty:
        return df
    keep = pd.Series(True, index=df.index)
    for column, wanted in (("article_id", filters.article_ids), ("category", filters.categories),
                           ("qualifier", filters.qualifiers), ("unit", filters.units)):
        if wanted:
            keep &= df[column].isin(wanted)
    if filters.value_min is not None:
        keep &= df["value_high"].fillna(df["value"]) >= filters.value_min
    if filters.value_max is not None:
        keep &= df["value"] <= filters.value_max
    if filters.date_from or filters.date_to:
        keep &= _published_overlaps(df["published"], filters.date_from, filters.date_to)
    if filters.text:
        keep &= _text_contains(df, filters.text)
    return df[keep]


def _published_overlaps(published: pd.Series, date_from: str, date_to: str) -> pd.Series:
    lengths = published.str.len()
    known = lengths.isin(tuple(_PERIOD_START))
    result = known.copy()
    if date_from:
        period_end = published + lengths.map(_PERIOD_END).fillna("")
        result &= period_end >= date_from + _PERIOD_START[len(date_from)]
    if date_to:
        period_start = published + lengths.map(_PERIOD_START).fillna("")
        result &= period_start <= date_to + _PERIOD_END[len(date_to)]
    return result


def _text_contains(df: pd.DataFrame, text: str) -> pd.Series:
    # lower(), not casefold(): the same for Vietnamese, and vectorised (casefold runs per cell in Python).
    needle = unicodedata.normalize("NFC", text).lower()
    keep = pd.Series(False, index=df.index)
    for column in _TEXT_COLUMNS:
        keep |= df[column].str.lower().str.contains(needle, regex=False, na=False)
    return keep


def as_tuple(values: Iterable[str] | None) -> tuple[str, ...]:
    """Command-line or widget values as a tuple: each may hold several, comma-separated."""
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())

"""Filters: partial and unknown dates, ranges, lists, case-insensitive Vietnamese text."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from solieu.errors import SolieuError
from solieu.filters import Filters, as_tuple, filter_claims
from solieu.model import COLUMNS
from solieu.table import frame_from_rows


def row(name: str, **fields) -> dict:
    base = dict.fromkeys(COLUMNS, "") | {"start": 0, "end": 1, "value": 1.0, "value_high": None,
                                         "qualifier": "exact", "category": "other", "text": name}
    return base | fields


@pytest.fixture
def claims() -> pd.DataFrame:
    return frame_from_rows([
        row("day", published="2021-08-15", article_id="a1", title="Công an Hà Nội", value=1234.0,
            unit="cán bộ", category="personnel"),
        row("month", published="2021-08", article_id="a2", subject="Số vụ TAI NẠN", value=12.5, unit="%",
            category="rate"),
        row("unknown", published="", article_id="a3", sentence="Thu ngân sách đạt 1,5 tỷ đồng", value=1.5e9,
            unit="đồng", category="money", qualifier="approx"),
        row("july", published="2021-07-30", article_id="a1", value=10.0, value_high=20.0, qualifier="range",
            unit="người", category="people"),
        row("next-year", published="2022-01-01", article_id="a4", value=-3.0, unit="%", category="rate"),
    ])


def names(df: pd.DataFrame) -> list[str]:
    return df["text"].tolist()


def test_no_filters_keep_everything(claims: pd.DataFrame):
    assert filter_claims(claims, None) is claims
    assert filter_claims(claims, Filters()) is claims
    assert Filters().is_empty and not Filters(text="x").is_empty


@pytest.mark.parametrize(("date_from", "date_to", "expected"), [
    ("2021-08-15", "", ["day", "month", "next-year"]),   # August (day unknown) may be after the 15th
    ("2021-08-16", "", ["month", "next-year"]),
    ("", "2021-08-10", ["month", "july"]),               # ... or before the 10th
    ("", "2021-07", ["july"]),
    ("2021", "2021", ["day", "month", "july"]),
    ("2021-08", "2021-08", ["day", "month"]),
    ("2021-02-01", "2021-02-28", []),
    ("2022-01-01", "2022-01-01", ["next-year"]),
])
def test_dates_compare_as_periods_and_unknown_dates_only_pass_without_bounds(claims, date_from, date_to, expected):
    assert names(filter_claims(claims, Filters(date_from=date_from, date_to=date_to))) == expected


@pytest.mark.parametrize("bad", ["2021-13", "21-08", "2021/08/01", "2021-08-32", "yesterday"])
def test_malformed_date_bounds_are_refused(bad: str):
    with pytest.raises(SolieuError, match="YYYY-MM-DD"):
        Filters(date_from=bad)


def test_value_bounds_and_range_claims_overlap(claims: pd.DataFrame):
    assert names(filter_claims(claims, Filters(value_min=15))) == ["day", "unknown", "july"]
    assert names(filter_claims(claims, Filters(value_min=25, value_max=2000))) == ["day"]
    assert names(filter_claims(claims, Filters(value_max=0))) == ["next-year"]
    assert names(filter_claims(claims, Filters(value_min=11, value_max=12))) == ["july"]
    with pytest.raises(SolieuError, match="above the maximum"):
        Filters(value_min=5, value_max=1)


def test_lists_mean_or_within_a_field_and_fields_combine_with_and(claims: pd.DataFrame):
    assert names(filter_claims(claims, Filters(categories=["rate", "money"]))) == ["month", "unknown", "next-year"]
    assert names(filter_claims(claims, Filters(categories=("rate",), value_min=0))) == ["month"]
    assert names(filter_claims(claims, Filters(article_ids=("a1",)))) == ["day", "july"]
    assert names(filter_claims(claims, Filters(units="%"))) == ["month", "next-year"]
    assert names(filter_claims(claims, Filters(qualifiers=("approx", "range")))) == ["unknown", "july"]


@pytest.mark.parametrize(("needle", "expected"), [
    ("công an", ["day"]),                 # title
    ("CÔNG AN", ["day"]),
    ("tai nạn", ["month"]),               # subject, upper case in the data
    ("TỶ ĐỒNG", ["unknown"]),             # sentence
    ("ne", ["next-year"]),                # the claim text itself
    ("cong an", []),                      # accents matter: "cong" is not "công"
])
def test_text_is_a_case_insensitive_substring(claims: pd.DataFrame, needle: str, expected: list[str]):
    assert names(filter_claims(claims, Filters(text=needle))) == expected


def test_decomposed_search_text_finds_composed_article_text(claims: pd.DataFrame):
    assert names(filter_claims(claims, Filters(text=unicodedata.normalize("NFD", "Công an")))) == ["day"]


def test_filters_are_hashable_values_and_the_input_is_untouched(claims: pd.DataFrame):
    before = claims.copy()
    filters = Filters(categories=["rate"], units=["%"])
    assert filters.categories == ("rate",) and hash(filters) == hash(Filters(categories=("rate",), units=("%",)))
    assert filters.replace(text="x") == Filters(categories=("rate",), units=("%",), text="x")
    result = filter_claims(claims, filters)
    pd.testing.assert_frame_equal(claims, before)
    assert list(result.columns) == list(COLUMNS) and result.dtypes.equals(claims.dtypes)


def test_empty_table_stays_an_empty_table():
    empty = frame_from_rows([])
    assert filter_claims(empty, Filters(text="x", date_from="2021")).empty


def test_as_tuple_splits_commas_and_drops_blanks():
    assert as_tuple(["money, rate", " ", "people"]) == ("money", "rate", "people")
    assert as_tuple(None) == ()

"""What the figure builders share: column checks, labels, escaping, number formatting, colours.

plotly.js reads pseudo-HTML (``<b>``, ``<br>``, ``<a href>``) in text, hover text, trace names and tick labels,
so every string that came from an article goes through :func:`esc` before it reaches a figure.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from solieu.model import CATEGORIES

# plotly's ``layout.separators``: the decimal mark, then the thousands mark. Vietnamese writes 1.234,5.
VI_SEPARATORS = ",."
EN_SEPARATORS = ".,"
TITLE_TICK_MAX = 40  # characters of an article title under a bar; the full title is in the hover

# One colour per category (Plotly's "Alphabet" palette has 26), so a category keeps its colour in every chart.
_PALETTE = (
    "#AA0DFE", "#3283FE", "#85660D", "#782AB6", "#565656", "#1C8356", "#16FF32", "#F7E1A0", "#E2E2E2", "#1CBE4F",
    "#C4451C", "#DEA0FD", "#FE00FA", "#325A9B", "#FEAF16", "#F8A19F", "#90AD1C", "#F6222E", "#1CFFCE", "#2ED9FF",
    "#B10DA1", "#C075A6", "#FC1CBF", "#B00068", "#FBE426", "#FA0087",
)
CATEGORY_COLORS = dict(zip(CATEGORIES, _PALETTE, strict=False))
OTHER_COLOR = "#9E9E9E"

# How a qualifier shows on a point: a marker symbol and the sign written before the number.
QUALIFIER_SYMBOLS = {"exact": "circle", "approx": "diamond", "at_least": "triangle-up", "at_most": "triangle-down",
                     "range": "square"}
QUALIFIER_SIGNS = {"exact": "", "approx": "≈ ", "at_least": "≥ ", "at_most": "≤ ", "range": ""}


def esc(value: object) -> str:
    """A user-derived value as text plotly.js shows literally."""
    return html.escape("" if value is None else str(value), quote=True)


def esc_all(values: Iterable[object]) -> list[str]:
    return [esc(v) for v in values]


def esc_series(values: pd.Series) -> pd.Series:
    """:func:`esc` for a whole column at once (vectorised: a big library has 100,000s of claims)."""
    text = values.fillna("").astype(str)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;")):
        text = text.str.replace(char, entity, regex=False)
    return text


def label(labels: Mapping[str, str] | None, key: str, default: str) -> str:
    """Our own UI text (from the caller's labels mapping), escaped too: a translator may type ``<``."""
    return esc((labels or {}).get(key, default))


def category_label(labels: Mapping[str, str] | None, category: str) -> str:
    return label(labels, f"category.{category}", category)


def category_color(category: str) -> str:
    return CATEGORY_COLORS.get(category, OTHER_COLOR)


def ordered_categories(present: Iterable[str]) -> list[str]:
    """The categories in ``present``, in solieu.model.CATEGORIES order, unknown ones last (sorted)."""
    present = set(present)
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


def require_columns(df: pd.DataFrame, needed: Sequence[str], builder: str) -> None:
    """Raise a plotly-style ValueError naming the columns a builder expects."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{builder}() expects a pandas DataFrame of claims, got {type(df).__name__}")
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ValueError(f"{builder}(): the claims table lacks column(s) {missing}. Expected the columns "
                         f"{list(needed)} (see solieu.model.COLUMNS), but received: {list(df.columns)}")


def base_layout(fig: go.Figure, *, title: str, separators: str) -> go.Figure:
    # No template: Streamlit themes the chart, and building a template costs ~0.1 s per figure.
    fig.update_layout(title={"text": title}, separators=separators,
                      margin={"l": 40, "r": 20, "t": 60, "b": 40}, clickmode="event+select")
    return fig


def empty_figure(labels: Mapping[str, str] | None, *, title: str, separators: str) -> go.Figure:
    """A figure that says there is nothing to draw, instead of blank axes."""
    fig = go.Figure()
    fig.add_annotation(text=label(labels, "no_data", "No data"), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, title=title, separators=separators)


def format_number(value: float, separators: str = VI_SEPARATORS) -> str:
    """``1234.5`` -> ``"1.234,5"`` with Vietnamese separators (at most two decimals, trailing zeros dropped)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    decimal, thousands = separators[0], separators[1]
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def format_numbers(values: pd.Series, separators: str = VI_SEPARATORS) -> pd.Series:
    """:func:`format_number` for a whole column (one format call per value, the rest vectorised)."""
    text = pd.Series([f"{v:,.2f}" for v in values.to_numpy(dtype="float64", na_value=np.nan)], index=values.index,
                     dtype="string")
    text = text.str.rstrip("0").str.rstrip(".").str.translate(
        str.maketrans({",": separators[1], ".": separators[0]}))
    return text.where(values.notna(), "").astype(str)


def customdata(*columns: Sequence[str]) -> np.ndarray:
    """Rows of ``[kind, key, key2]`` strings, the shape dashboard selections are mapped back from."""
    return np.column_stack([np.asarray(col, dtype=object) for col in columns]) if len(columns[0]) else \
        np.empty((0, len(columns)), dtype=object)


def month_of(published: pd.Series) -> pd.Series:
    """``"YYYY-MM"`` of an ISO date or year-month; ``""`` when the date is unknown."""
    published = published.fillna("").astype(str)
    return published.str.slice(0, 7).where(published.str.len() >= 7, "")


def date_of(published: pd.Series) -> pd.Series:
    """Timestamps for ISO dates; a year-month stands at the first of its month; unknown dates are NaT."""
    published = published.fillna("").astype(str)
    full = published.where(published.str.len() != 7, published + "-01")
    return pd.to_datetime(full, format="%Y-%m-%d", errors="coerce")

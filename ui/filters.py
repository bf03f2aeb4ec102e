"""The sidebar filters: widget values in, one frozen ``solieu.filters.Filters`` out."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from figures import ordered_categories
from solieu.errors import SolieuError
from solieu.filters import Filters
from solieu.model import QUALIFIERS
from ui import data
from ui.i18n import Texts
from ui.safe_text import alert

# date_input's default range is ten years around today; archives go further back.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
KEYS = {"date_from": "filter_date_from", "date_to": "filter_date_to", "article_ids": "filter_articles",
        "categories": "filter_categories", "qualifiers": "filter_qualifiers", "units": "filter_units",
        "value_min": "filter_value_min", "value_max": "filter_value_max", "text": "filter_text"}


def clear_filters() -> None:
    for key in KEYS.values():
        st.session_state.pop(key, None)


def filter_widgets(t: Texts, claims: pd.DataFrame, articles: pd.DataFrame) -> Filters:
    """Draw the filters (options come from the data) and return what they ask for. A bad combination (minimum
    above maximum) is reported and that part ignored."""
    st.subheader(t("filters.header"))
    date_from = st.date_input(t("filters.date_from"), value=None, key=KEYS["date_from"], format="DD/MM/YYYY",
                              min_value=EARLIEST, max_value=LATEST)
    date_to = st.date_input(t("filters.date_to"), value=None, key=KEYS["date_to"], format="DD/MM/YYYY",
                            min_value=EARLIEST, max_value=LATEST)
    choose = t("filters.placeholder")
    titles = data.article_labels(articles)
    article_ids = st.multiselect(t("filters.articles"), options=list(titles), key=KEYS["article_ids"],
                                 placeholder=choose, format_func=lambda a: titles.get(a, a))
    categories = st.multiselect(t("filters.categories"), options=ordered_categories(claims["category"].unique()),
                                key=KEYS["categories"], placeholder=choose, format_func=t.category)
    qualifiers = st.multiselect(t("filters.qualifiers"), options=list(QUALIFIERS), key=KEYS["qualifiers"],
                                placeholder=choose, format_func=t.qualifier)
    units = st.multiselect(t("filters.units"), options=sorted(claims["unit"].unique()), key=KEYS["units"],
                           placeholder=choose, format_func=lambda u: u or "—")
    left, right = st.columns(2)
    value_min = left.number_input(t("filters.value_min"), value=None, key=KEYS["value_min"], format="%g")
    value_max = right.number_input(t("filters.value_max"), value=None, key=KEYS["value_max"], format="%g")
    text = st.text_input(t("filters.text"), key=KEYS["text"])
    st.button(t("filters.reset"), key="filter_reset", on_click=clear_filters)
    wanted = {"date_from": date_from.isoformat() if date_from else "",
              "date_to": date_to.isoformat() if date_to else "", "article_ids": tuple(article_ids),
              "categories": tuple(categories), "qualifiers": tuple(qualifiers), "units": tuple(units),
              "value_min": value_min, "value_max": value_max, "text": text}
    try:
        return Filters(**wanted)
    except SolieuError as exc:
        alert("error", str(exc))
        return Filters(**(wanted | {"value_min": None, "value_max": None}))

"""solieu's dashboard: `streamlit run dashboard.py` (or `make run`).

Reads top to bottom: page config -> data (cached; the filters' options come from it) -> sidebar (language,
upload, filters) -> overview and charts -> claims table -> the selected claim -> one article -> downloads.
Widgets and layout only: loading is in ui.data, charts in figures/, filtering in solieu.filters, exports in
solieu.export, the words in ui/strings.toml.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import figures
from solieu.errors import SolieuError
from solieu.filters import filter_claims
from ui import data
from ui.article_view import article_view, claim_detail
from ui.downloads import download_section
from ui.filters import filter_widgets
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, texts
from ui.safe_text import alert
from ui.upload import upload_preview, upload_widgets

TABLE_COLUMNS = ["published", "title", "text", "value", "value_high", "unit", "qualifier", "category", "change",
                 "subject", "sentence"]
TABLE_LIMIT = 20_000  # rows sent to the browser; downloads always hold every filtered row

# --- page config and language --------------------------------------------------------------------------------
t = texts(st.session_state.get("lang", "vi"))
st.set_page_config(page_title=t("app.page_title"), layout="wide")

# --- data ----------------------------------------------------------------------------------------------------
path = data.db_path()
try:
    store = data.store(path)  # checked for damage once per process and path
    version = store.data_version()
    claims = data.load_claims(path, version)
    articles = data.load_articles(path, version)
except SolieuError as exc:
    alert("error", str(exc))
    st.stop()

# --- sidebar: language, upload, filters -----------------------------------------------------------------------
with st.sidebar:
    st.radio(t("app.language"), LANGUAGES, format_func=LANGUAGE_NAMES.get, key="lang", horizontal=True)
    upload_widgets(t)
    filters = filter_widgets(t, claims, articles)

st.title(t("app.title"))
st.caption(t("app.caption"))
upload_preview(path, t)
if articles.empty:
    st.info(t("app.empty"))
    st.stop()
filtered = filter_claims(claims, filters)

# --- overview and charts ----------------------------------------------------------------------------------------
st.header(t("overview.header"))
for column, (key, count) in zip(st.columns(3), {"overview.articles": len(articles), "overview.claims": len(claims),
                                                 "overview.shown": len(filtered)}.items(), strict=True):
    column.metric(t(key), figures.format_number(count, t.separators), border=True)
st.caption(t("overview.by_category"))
by_category = filtered["category"].value_counts()
categories = figures.ordered_categories(by_category.index)
st.dataframe(pd.DataFrame({t("filters.categories"): [t.category(c) for c in categories],
                           t("overview.claims"): [int(by_category[c]) for c in categories]}), hide_index=True)

metrics = filtered.groupby(["category", "unit"]).size().sort_values(ascending=False, kind="stable").index.tolist()
metric = st.selectbox(t("overview.metric"), metrics, key="chart_metric",  # most claims first: the default
                      format_func=lambda m: f"{t.category(m[0])} · {m[1] or '—'}")
if metric is None and metrics:  # the choice vanished under a filter and came back empty: all metrics is too much
    metric = metrics[0]
labels = t.figure_labels()
charts = {
    "per_article": figures.claims_per_article(filtered, labels=labels, separators=t.separators),
    "over_time": figures.values_over_time(filtered, metric=metric, labels=labels, separators=t.separators),
    "category_mix": figures.category_mix(filtered, labels=labels, separators=t.separators),
}
st.caption(t("overview.chart_hint"))


def chart_key(name: str) -> str:
    """A chart's widget key. Streamlit cannot clear a chart's selection from code, so "clear" gives the charts
    new keys (new widgets, nothing selected): the epoch counts the clears, and the first keys stay plain."""
    epoch = st.session_state.get("chart_epoch", 0)
    return f"chart_{name}" + (f"_{epoch}" if epoch else "")


def clear_chart_selection() -> None:
    st.session_state["chart_epoch"] = st.session_state.get("chart_epoch", 0) + 1


points = []
for name, fig in charts.items():
    event = st.plotly_chart(fig, key=chart_key(name), on_select="rerun", selection_mode=("points", "box"))
    points += (event or {}).get("selection", {}).get("points", [])
selected = figures.claims_for_points(filtered, points)
if points:
    st.info(t("overview.chart_selected", n=len(selected)))
    st.button(t("overview.clear_selection"), key="clear_chart_selection", on_click=clear_chart_selection)

# --- claims table ----------------------------------------------------------------------------------------------
st.header(t("table.header"))
st.caption(t("table.count", shown=len(selected), total=len(claims)) + " · " + t("table.select_hint"))
table = selected.head(TABLE_LIMIT)
if len(selected) > TABLE_LIMIT:
    st.caption(t("table.truncated", limit=TABLE_LIMIT, total=len(selected)))
view = table[TABLE_COLUMNS].assign(category=table["category"].map(t.category),
                                   qualifier=table["qualifier"].map(t.qualifier))
event = st.dataframe(view, key="claims_table", on_select="rerun", selection_mode="single-row", hide_index=True,
                     column_config={c: t.column(c) for c in TABLE_COLUMNS})
rows = [r for r in event.selection.rows if r < len(table)]

# --- the selected claim, then one article ------------------------------------------------------------------------
if rows:
    claim_detail(path, version, t, table.iloc[rows[0]])
article_view(path, version, t, articles, claims)

# --- downloads -------------------------------------------------------------------------------------------------
download_section(t, selected, charts)

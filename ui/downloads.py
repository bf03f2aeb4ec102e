"""Download buttons. The bytes are made only when a button is clicked (``data=`` a callable), so a rerun
never pays for an XLSX it will not send; ``on_click="ignore"`` keeps the page as it is after a download."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from figures import figure_html
from solieu.export import EXPORT_FORMATS, to_bytes
from ui.i18n import Texts

MIME_TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}


def table_bytes(table: pd.DataFrame, fmt: str) -> bytes:
    """The filtered claims table as a file (CSV with a BOM and formula-safe cells: solieu.export)."""
    return to_bytes(table, fmt)


def download_section(t: Texts, table: pd.DataFrame, figures: Mapping[str, go.Figure]) -> None:
    st.header(t("download.header"))
    st.caption(t("download.table", n=len(table)))
    columns = st.columns(len(EXPORT_FORMATS))
    for column, fmt in zip(columns, EXPORT_FORMATS, strict=True):
        column.download_button(t(f"download.{fmt}"), data=partial(table_bytes, table, fmt),
                               file_name=f"solieu.{fmt}", mime=MIME_TYPES[fmt], key=f"download_{fmt}",
                               on_click="ignore")
    st.caption(t("download.charts"))
    columns = st.columns(len(figures))
    for column, (name, fig) in zip(columns, figures.items(), strict=True):
        column.download_button(t(f"download.chart_{name}"), data=partial(figure_html, fig),
                               file_name=f"solieu-{name.replace('_', '-')}.html", mime="text/html",
                               key=f"download_chart_{name}", on_click="ignore")
    st.caption(t("download.png_hint"))

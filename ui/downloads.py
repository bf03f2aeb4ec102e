"""Download buttons. The bytes are made only when a button is clicked (``data=`` a callable, run by Streamlit on
its own thread), so a rerun never pays for an XLSX or a PNG it will not send; ``on_click="ignore"`` keeps the page
as it is after a download.

A PNG is drawn by a headless Chromium (figures.export). Streamlit shows nothing but "Failed to generate file" when
a deferred callable raises, so whether a browser exists is checked while the page is drawn (a few file lookups):
without one the PNG buttons are disabled and a caption says why, and HTML still works."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from figures import export
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
    png = export.png_available()
    columns = st.columns(len(figures))
    for column, (name, fig) in zip(columns, figures.items(), strict=True):
        chart = t(f"download.chart_{name}")
        stem = f"solieu-{name.replace('_', '-')}"
        column.download_button(t("download.as_html", chart=chart), data=partial(export.figure_html, fig),
                               file_name=f"{stem}.html", mime="text/html", key=f"download_chart_{name}",
                               on_click="ignore")
        column.download_button(t("download.as_png", chart=chart), data=partial(export.figure_png, fig),
                               file_name=f"{stem}.png", mime="image/png", key=f"download_png_{name}",
                               on_click="ignore", disabled=not png,
                               help=None if png else t("download.png_missing"))
    if not png:
        st.caption(t("download.png_missing"))

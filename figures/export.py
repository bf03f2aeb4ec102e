"""Figures as files. PNG needs Plotly's kaleido package (not a dependency), so charts download as HTML; the
chart's own toolbar in the browser still offers "Download plot as png"."""

from __future__ import annotations

import plotly.graph_objects as go


def figure_html(fig: go.Figure) -> bytes:
    """A self-contained HTML page of ``fig`` (plotly.js inlined, so it opens offline and fetches nothing)."""
    return fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False}).encode("utf-8")

"""Plotly figure builders for claims tables: pure functions, DataFrame in, ``go.Figure`` out."""

from figures._common import EN_SEPARATORS, VI_SEPARATORS, format_number, ordered_categories
from figures.claims import category_mix, claims_per_article, values_over_time
from figures.export import ChartExportError, figure_html, figure_png, png_available
from figures.selection import claim_keys, claims_for_points

__all__ = [
    "EN_SEPARATORS", "VI_SEPARATORS", "ChartExportError", "category_mix", "claim_keys", "claims_for_points",
    "claims_per_article", "figure_html", "figure_png", "format_number", "ordered_categories", "png_available",
    "values_over_time",
]

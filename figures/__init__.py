"""Plotly figure builders for claims tables: pure functions, DataFrame in, ``go.Figure`` out."""

from figures._common import EN_SEPARATORS, VI_SEPARATORS, format_number, ordered_categories
from figures.claims import category_mix, claims_per_article, values_over_time
from figures.export import figure_html
from figures.selection import claim_keys, claims_for_points

__all__ = [
    "EN_SEPARATORS", "VI_SEPARATORS", "category_mix", "claim_keys", "claims_for_points", "claims_per_article",
    "figure_html", "format_number", "ordered_categories", "values_over_time",
]

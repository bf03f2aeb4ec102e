"""Pure chart builders: a claims table (columns from solieu.model.COLUMNS) in, a ``go.Figure`` out.

No streamlit, no I/O, no module state. Every trace carries ``customdata`` rows of ``[kind, key, key2]`` so that
:func:`figures.selection.claims_for_points` can map a click or box selection back to the claims behind it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from figures._common import (
    QUALIFIER_SIGNS,
    QUALIFIER_SYMBOLS,
    TITLE_TICK_MAX,
    VI_SEPARATORS,
    base_layout,
    category_color,
    category_label,
    customdata,
    date_of,
    empty_figure,
    esc,
    esc_all,
    esc_series,
    format_numbers,
    label,
    month_of,
    ordered_categories,
    require_columns,
)
from figures.selection import KIND_ARTICLE_CATEGORY, KIND_CLAIM, KIND_MONTH_CATEGORY, claim_keys
from solieu.model import QUALIFIERS

PER_ARTICLE_COLUMNS = ("article_id", "title", "published", "category")
OVER_TIME_COLUMNS = ("article_id", "title", "published", "start", "text", "value", "value_high", "unit",
                     "qualifier", "category")
MIX_COLUMNS = ("published", "category")
# Above this many points a time chart switches to WebGL: SVG makes one DOM node per point.
WEBGL_THRESHOLD = 5_000


def claims_per_article(claims: pd.DataFrame, *, labels: Mapping[str, str] | None = None,
                       separators: str = VI_SEPARATORS, max_articles: int = 30) -> go.Figure:
    """How many claims each article holds, one stacked bar per article, one colour per category.

    Shows the ``max_articles`` most recently published articles (oldest on the left); each bar segment's
    customdata is ``["article_category", article_id, category]``.
    """
    require_columns(claims, PER_ARTICLE_COLUMNS, "claims_per_article")
    title = label(labels, "title.per_article", "Claims per article, by category")
    if claims.empty:
        return empty_figure(labels, title=title, separators=separators)
    articles = (claims[["article_id", "title", "published"]].drop_duplicates("article_id")
                .sort_values(["published", "title", "article_id"], ascending=False))
    if len(articles) > max_articles:
        latest = (labels or {}).get("title.latest", "latest {n} articles").format(n=max_articles)
        title = f"{title} ({esc(latest)})"
    articles = articles.head(max_articles).iloc[::-1]
    narrow = claims[["article_id", "category"]]  # copying 2 columns, not 16, when filtering 100,000s of rows
    counts = narrow[narrow["article_id"].isin(articles["article_id"])].groupby(["category", "article_id"],
                                                                                sort=False).size()
    titles = dict(zip(articles["article_id"], articles["title"], strict=True))
    fig = go.Figure()
    for category in ordered_categories(counts.index.get_level_values("category")):
        per_article = counts.loc[category]
        ids = [a for a in articles["article_id"] if a in per_article.index]
        name = category_label(labels, category)
        fig.add_bar(
            x=esc_all(ids), y=[int(per_article[a]) for a in ids], name=name,
            marker_color=category_color(category),
            hovertext=[esc(titles[a]) for a in ids],
            customdata=customdata([KIND_ARTICLE_CATEGORY] * len(ids), esc_all(ids), [esc(category)] * len(ids)),
            hovertemplate=f"%{{hovertext}}<br>{name}: %{{y}}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="category", title_text=label(labels, "article", "Article"),
                     tickvals=esc_all(articles["article_id"]),
                     ticktext=[esc(_shorten(t)) for t in articles["title"]])
    fig.update_yaxes(title_text=label(labels, "claims", "Claims"))
    return base_layout(fig, title=title, separators=separators)


def values_over_time(claims: pd.DataFrame, *, metric: tuple[str, str] | None = None,
                     labels: Mapping[str, str] | None = None, separators: str = VI_SEPARATORS) -> go.Figure:
    """The figures reported over publication date, per metric (category + unit).

    ``metric=(category, unit)`` keeps one metric. Each metric gets one trace per qualifier, so the marker
    symbol and the legend say how exact a figure is (triangle up: "at least", down: "at most", diamond:
    "about", square: a range); the hover repeats it as ``≥``/``≤``/``≈``, and a range is drawn as a bar from
    ``value`` up to ``value_high``. Claims without a known date are left out. Each point's customdata is
    ``["claim", "<article_id>:<start>", ""]``.
    """
    require_columns(claims, OVER_TIME_COLUMNS, "values_over_time")
    title = label(labels, "title.over_time", "Figures over publication date")
    claims = claims[list(OVER_TIME_COLUMNS)]  # filtering copies only the columns drawn
    if metric is not None:
        claims = claims[(claims["category"] == metric[0]) & (claims["unit"] == metric[1])]
    dates = date_of(claims["published"])
    known = dates.notna().to_numpy()
    claims, dates = claims[known], dates[known]
    if claims.empty:
        return empty_figure(labels, title=title, separators=separators)
    trace_type = go.Scattergl if len(claims) > WEBGL_THRESHOLD else go.Scatter
    hover = _claim_hover(claims, separators)
    keys = esc_series(claim_keys(claims)).to_numpy(dtype=object)
    values, highs = claims["value"].to_numpy(), claims["value_high"].to_numpy()
    groups = claims.groupby(["category", "unit", "qualifier"], sort=False).indices
    sizes = claims.groupby(["category", "unit"], sort=False).size().sort_values(ascending=False, kind="stable")
    fig = go.Figure()
    for category, unit in sizes.index:
        metric_name = f"{category_label(labels, category)} · {esc(unit) or '—'}"
        for qualifier in _ordered_qualifiers({q for c, u, q in groups if (c, u) == (category, unit)}):
            at = groups[(category, unit, qualifier)]
            qualifier_name = label(labels, f"qualifier.{qualifier}", qualifier)
            is_range = qualifier == "range"
            fig.add_trace(trace_type(
                x=dates.to_numpy()[at], y=values[at], mode="markers",
                name=qualifier_name if metric is not None else f"{metric_name} ({qualifier_name})",
                legendgroup=metric_name,
                marker={"symbol": QUALIFIER_SYMBOLS.get(qualifier, "circle"), "size": 9,
                        "color": category_color(category), "line": {"width": 1, "color": "#333"}},
                error_y={"type": "data", "symmetric": False, "array": np.nan_to_num(highs[at] - values[at]),
                         "arrayminus": np.zeros(len(at)), "width": 0} if is_range else None,
                hovertext=hover[at],
                customdata=customdata([KIND_CLAIM] * len(at), keys[at], [""] * len(at)),
                hovertemplate="%{hovertext}<extra></extra>",
            ))
    y_title = label(labels, "value", "Value")
    if metric is not None and metric[1]:
        y_title = f"{y_title} ({esc(metric[1])})"
    fig.update_xaxes(type="date", title_text=label(labels, "published", "Published"))
    first, last = dates.min(), dates.max()
    if last - first < pd.Timedelta(days=1):
        # One publication date: autoscale would zoom to milliseconds; show a month either side instead.
        fig.update_xaxes(range=[first - pd.Timedelta(days=30), last + pd.Timedelta(days=30)])
    # Whole numbers with grouped digits: SI suffixes ("20T", "5G") mean nothing to a reader of money in đồng.
    fig.update_yaxes(title_text=y_title, exponentformat="none", separatethousands=True)
    return base_layout(fig, title=title, separators=separators)


def category_mix(claims: pd.DataFrame, *, labels: Mapping[str, str] | None = None,
                 separators: str = VI_SEPARATORS, share: bool = False) -> go.Figure:
    """The mix of categories month by month: stacked bars of claim counts (percentages with ``share=True``).

    Months without claims between the first and the last still get a slot; unknown dates are left out. Each
    segment's customdata is ``["month_category", "YYYY-MM", category]``.
    """
    require_columns(claims, MIX_COLUMNS, "category_mix")
    title = label(labels, "title.category_mix", "Mix of categories by month")
    months = month_of(claims["published"])
    known = pd.DataFrame({"category": claims["category"], "month": months})[months != ""]
    if known.empty:
        return empty_figure(labels, title=title, separators=separators)
    all_months = [str(p) for p in pd.period_range(known["month"].min(), known["month"].max(), freq="M")]
    counts = known.groupby(["category", "month"], sort=False).size()
    fig = go.Figure()
    for category in ordered_categories(counts.index.get_level_values("category")):
        per_month = counts.loc[category]
        shown = [m for m in all_months if m in per_month.index]
        name = category_label(labels, category)
        fig.add_bar(x=shown, y=[int(per_month[m]) for m in shown], name=name, marker_color=category_color(category),
                    customdata=customdata([KIND_MONTH_CATEGORY] * len(shown), shown, [esc(category)] * len(shown)),
                    hovertemplate=f"%{{x}}<br>{name}: %{{y}}<extra></extra>")
    fig.update_layout(barmode="stack", barnorm="percent" if share else None)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=all_months,
                     title_text=label(labels, "month", "Month"))
    fig.update_yaxes(title_text=label(labels, "share" if share else "claims", "%" if share else "Claims"))
    return base_layout(fig, title=title, separators=separators)


def _shorten(text: str, limit: int = TITLE_TICK_MAX) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ordered_qualifiers(present: set[str]) -> list[str]:
    return [q for q in QUALIFIERS if q in present] + sorted(present - set(QUALIFIERS))


def _claim_hover(rows: pd.DataFrame, separators: str) -> np.ndarray:
    """``title<br>2021-08-20: ≥ 1.500 người<br>«trên 1.500 người»`` per row; every article-derived piece escaped."""
    numbers = format_numbers(rows["value"], separators)
    ranged = (rows["qualifier"] == "range") & rows["value_high"].notna()
    if ranged.any():
        numbers = numbers.mask(ranged, numbers + "–" + format_numbers(rows["value_high"].where(ranged), separators))
    signs = rows["qualifier"].map(QUALIFIER_SIGNS).fillna("").astype(str)
    amounts = (signs + numbers + " " + rows["unit"].fillna("").astype(str)).str.strip()
    titles = rows["title"].fillna("").astype(str).str.slice(0, 80)
    hover = (esc_series(titles) + "<br>" + esc_series(rows["published"]) + ": " + esc_series(amounts)
             + "<br>«" + esc_series(rows["text"]) + "»")
    return hover.to_numpy(dtype=object)

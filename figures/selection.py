"""Map the points of a chart selection back to the claims behind them (pure pandas).

Each builder puts ``[kind, key, key2]`` in its traces' customdata; a selection event (Streamlit's
``event["selection"]["points"]``) lists the picked points with that customdata.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import pandas as pd

from figures._common import month_of

KIND_CLAIM = "claim"                         # key: "<article_id>:<start>"
KIND_ARTICLE_CATEGORY = "article_category"   # key: article_id, key2: category
KIND_MONTH_CATEGORY = "month_category"       # key: "YYYY-MM", key2: category


def claim_keys(claims: pd.DataFrame) -> pd.Series:
    """A claim's stable id: its article and where it starts in the article body (same across reloads)."""
    return claims["article_id"].astype(str) + ":" + claims["start"].astype(str)


def selected_triples(points: Iterable[Mapping]) -> set[tuple[str, str, str]]:
    """The (kind, key, key2) triples of selected points, unescaped back to the table's values."""
    triples = set()
    for point in points or ():
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and len(data) == 3:
            triples.add(tuple(html.unescape(str(part)) for part in data))
    return triples


def claims_for_points(claims: pd.DataFrame, points: Iterable[Mapping]) -> pd.DataFrame:
    """The rows of ``claims`` behind the selected points; ``claims`` itself when nothing usable is selected."""
    triples = selected_triples(points)
    if not triples:
        return claims
    keep = pd.Series(False, index=claims.index)
    by_kind: dict[str, set[tuple[str, str]]] = {}
    for kind, key, key2 in triples:
        by_kind.setdefault(kind, set()).add((key, key2))
    if KIND_CLAIM in by_kind:
        keep |= claim_keys(claims).isin({key for key, _ in by_kind[KIND_CLAIM]})
    if KIND_ARTICLE_CATEGORY in by_kind:
        pairs = pd.MultiIndex.from_arrays([claims["article_id"], claims["category"]])
        keep |= pairs.isin(list(by_kind[KIND_ARTICLE_CATEGORY]))
    if KIND_MONTH_CATEGORY in by_kind:
        pairs = pd.MultiIndex.from_arrays([month_of(claims["published"]), claims["category"]])
        keep |= pairs.isin(list(by_kind[KIND_MONTH_CATEGORY]))
    return claims[keep]

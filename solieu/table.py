"""Claims as a pandas table with the columns in solieu.model.COLUMNS."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from solieu.article import Article
from solieu.extract import extract
from solieu.model import COLUMNS, Claim

_FLOAT_COLUMNS = ("value", "value_high")
_INT_COLUMNS = ("start", "end")


def claim_rows(article: Article, claims: Iterable[Claim]) -> list[dict]:
    """One dict per claim: the article's fields, then the claim's, in COLUMNS order."""
    head = {"source": article.source, "article_id": article.article_id, "title": article.title,
            "published": article.published or ""}
    return [head | claim.as_dict() for claim in claims]


def frame_from_rows(rows: Iterable[dict]) -> pd.DataFrame:
    """A claims table from row dicts, with stable column order and dtypes (also for zero rows)."""
    df = pd.DataFrame(list(rows), columns=list(COLUMNS))
    for col in _FLOAT_COLUMNS:
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    for col in _INT_COLUMNS:
        df[col] = df[col].astype("int64")
    for col in COLUMNS:
        if col not in _FLOAT_COLUMNS + _INT_COLUMNS:
            df[col] = df[col].fillna("").astype(str)
    return df


def claims_frame(articles: Article | Iterable[Article]) -> pd.DataFrame:
    """Extract every article's claims into one table (columns COLUMNS)."""
    if isinstance(articles, Article):
        articles = [articles]
    return frame_from_rows(row for a in articles for row in claim_rows(a, extract(a.body)))

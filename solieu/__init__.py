"""solieu: numeric claims from Vietnamese news articles, as a table you can check, chart and export.

The table, store and export names are imported on first use (PEP 562), so that ``import solieu.extract``
or the HTML/PDF parsing worker (``solieu.readers.worker``) does not pay for pandas, SQLite and the
exporters.
"""

from __future__ import annotations

import importlib

# `extract` is both a subpackage and its main function: importing it eagerly makes the name the function.
from solieu.article import Article, article_id, parse_article
from solieu.errors import ArticleFormatError, LexiconError, SolieuError, StoreError
from solieu.extract import EXTRACTOR_VERSION, extract, format_vi, parse_vi_number
from solieu.model import CATEGORIES, COLUMNS, QUALIFIERS, Claim

_LAZY = {
    "EXPORT_FORMATS": "solieu.export", "to_bytes": "solieu.export", "to_csv_bytes": "solieu.export",
    "Filters": "solieu.filters", "filter_claims": "solieu.filters",
    "Store": "solieu.store",
    "claims_frame": "solieu.table",
}

__all__ = [
    "CATEGORIES", "COLUMNS", "EXPORT_FORMATS", "EXTRACTOR_VERSION", "QUALIFIERS", "Article", "ArticleFormatError",
    "Claim", "Filters", "LexiconError", "SolieuError", "Store", "StoreError", "article_id", "claims_frame", "extract",
    "filter_claims", "format_vi", "parse_article", "parse_vi_number", "to_bytes", "to_csv_bytes",
]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'solieu' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value  # later lookups skip this function
    return value

"""solieu: numeric claims from Vietnamese news articles, as a table you can check, chart and export."""

from solieu.article import Article, article_id, parse_article
from solieu.errors import ArticleFormatError, LexiconError, SolieuError, StoreError
from solieu.export import EXPORT_FORMATS, to_bytes, to_csv_bytes
from solieu.extract import EXTRACTOR_VERSION, extract, format_vi, parse_vi_number
from solieu.filters import Filters, filter_claims
from solieu.model import CATEGORIES, COLUMNS, QUALIFIERS, Claim
from solieu.store import Store
from solieu.table import claims_frame

__all__ = [
    "CATEGORIES", "COLUMNS", "EXPORT_FORMATS", "EXTRACTOR_VERSION", "QUALIFIERS", "Article", "ArticleFormatError",
    "Claim", "Filters", "LexiconError", "SolieuError", "Store", "StoreError", "article_id", "claims_frame", "extract",
    "filter_claims", "format_vi", "parse_article", "parse_vi_number", "to_bytes", "to_csv_bytes",
]

"""solieu: numeric claims from Vietnamese news articles, as a table you can check, chart and export."""

from solieu.article import Article, article_id, parse_article
from solieu.errors import ArticleFormatError, LexiconError, SolieuError, StoreError
from solieu.extract import EXTRACTOR_VERSION, extract
from solieu.model import CATEGORIES, COLUMNS, QUALIFIERS, Claim
from solieu.table import claims_frame

__all__ = [
    "CATEGORIES", "COLUMNS", "EXTRACTOR_VERSION", "QUALIFIERS", "Article", "ArticleFormatError", "Claim",
    "LexiconError", "SolieuError", "StoreError", "article_id", "claims_frame", "extract", "parse_article",
]

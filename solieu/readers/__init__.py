"""Turn the files users have into Articles. Placeholder: UTF-8 .txt only, until the readers land."""

from __future__ import annotations

from pathlib import Path

from solieu.article import Article, parse_article
from solieu.errors import ArticleFormatError


def read_article_file(path: str | Path) -> Article:
    """Read one article file; raise ArticleFormatError naming the file when it cannot be read."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ArticleFormatError(f"{path}: {exc}") from exc
    return parse_article(text, source=str(path))

"""An article as solieu keeps it: body text plus what the header says about it.

A plain-text article may start with a header of ``key: value`` lines ended by a blank line (the corpus
files do), or with the marker `` date 2021-08`` (the seed article). The body is everything after it,
NFC-normalised with newlines made ``\\n`` (as Python's text mode reads files), and otherwise untouched, so
claim offsets index ``Article.body`` exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, replace

import regex

HEADER_KEYS = frozenset({"url", "date", "title", "source", "topic"})
_HEADER_LINE = regex.compile(r"(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*(?P<value>[^\n]*)")
# The seed's marker: " date 2021-08 " (or a full day) before the first sentence, on the same line.
_DATE_MARKER = regex.compile(r"[ \t]*date[ \t]+(?P<date>\d{4}-\d{2}(?:-\d{2})?)[ \t]+")
_PUBLISHED = regex.compile(r"\d{4}-\d{2}(?:-\d{2})?")
TITLE_MAX = 200


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str        # stable: hash of the normalised body, see article_id()
    title: str
    published: str | None  # ISO "YYYY-MM-DD" or "YYYY-MM"; None when unknown (never guessed)
    body: str              # what claim offsets index
    source: str = ""       # the path or URL as given

    def with_meta(self, *, title: str | None = None, published: str | None = None) -> Article:
        return replace(self, title=title if title is not None else self.title,
                       published=published if published is not None else self.published)


def normalise_text(text: str) -> str:
    """Decoded text as solieu reads it: BOM dropped, newlines ``\\n``, NFC."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def article_id(body: str) -> str:
    """A stable id for an article's text: the same words give the same id whatever the whitespace,
    BOM, Unicode normal form or file format they came in."""
    canonical = " ".join(unicodedata.normalize("NFC", body).replace("\ufeff", "").split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def valid_published(value: str | None) -> str | None:
    """``value`` (stripped) if it is a real ISO date or year-month (``2021-02-31`` and ``2021-13`` are not),
    else None."""
    value = (value or "").strip()
    if not _PUBLISHED.fullmatch(value):
        return None
    try:
        dt.date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return None
    return value


def first_line_title(body: str) -> str:
    for line in body.split("\n"):
        line = " ".join(line.split())
        if line:
            return line[:TITLE_MAX]
    return ""


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split normalised text into (header fields, body). Unknown keys or a missing blank line mean
    there is no header, and the whole text is the body."""
    marker = _DATE_MARKER.match(text)
    if marker:
        return {"date": marker["date"]}, text[marker.end():]
    head, sep, body = text.partition("\n\n")
    if not sep or not head.strip():
        return {}, text
    fields = {}
    for line in head.split("\n"):
        m = _HEADER_LINE.fullmatch(line.strip())
        if not m or m["key"].lower() not in HEADER_KEYS:
            return {}, text
        fields[m["key"].lower()] = m["value"].strip()
    return fields, body


def parse_article(text: str, source: str = "") -> Article:
    """Build an Article from decoded text (header optional)."""
    fields, body = split_header(normalise_text(text))
    title = " ".join(fields.get("title", "").split())[:TITLE_MAX] or first_line_title(body)
    return Article(article_id=article_id(body), title=title, published=valid_published(fields.get("date")),
                   body=body, source=source or fields.get("url", "") or fields.get("source", ""))

"""From a name and bytes to an Article (or to several results, for a zip). Every problem becomes a
ReadProblem here and is given the file's name by the public functions."""

from __future__ import annotations

from pathlib import PurePosixPath

from solieu.article import Article, normalise_text, parse_article, split_header
from solieu.readers import archive
from solieu.readers.dates import find_dateline
from solieu.readers.decode import decode_text
from solieu.readers.limits import Limits, ReadProblem
from solieu.readers.parsed import Parsed
from solieu.readers.sandbox import run_isolated

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".zip")
TEXT_SUFFIXES = (".txt", ".md")


def suffix_of(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def check_size(size: int, limits: Limits) -> None:
    if size == 0:
        raise ReadProblem("empty file")
    if size > limits.max_bytes:
        raise ReadProblem(f"{size / 2**20:.1f} MB is larger than the limit of {limits.max_bytes / 2**20:.0f} MB "
                          "(SOLIEU_MAX_FILE_MB)")


def article_from_bytes(name: str, data: bytes, limits: Limits) -> Article:
    """One non-archive file. Raises ReadProblem (without the name)."""
    suffix = suffix_of(name)
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadProblem(f"unsupported file type {suffix or '(no extension)'!r}; "
                          f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    check_size(len(data), limits)
    if suffix in TEXT_SUFFIXES:  # plain text is parsed in-process: no parser to run away
        article = parse_article(decode_text(data), source=name)
        _require_text(article)
        return article if article.published else article.with_meta(published=find_dateline(article.body))
    return _article_from_parsed(name, _parse_isolated(suffix, data, limits))


def _parse_isolated(suffix: str, data: bytes, limits: Limits) -> Parsed:
    if suffix in (".html", ".htm"):
        return run_isolated("solieu.readers.html_reader:parse", data, seconds=limits.parse_seconds)
    if suffix == ".docx":
        with archive.open_zip(data) as container:  # a .docx is a zip: refuse bombs before python-docx opens it
            archive.check_zip(container, limits)
        return run_isolated("solieu.readers.docx_reader:parse", data, seconds=limits.parse_seconds)
    if suffix == ".pdf":
        if b"%PDF-" not in data[:1024]:  # readers accept a little junk before the header, as pypdf does
            raise ReadProblem("not a PDF file (no %PDF- header)")
        return run_isolated("solieu.readers.pdf_reader:parse", data, seconds=limits.parse_seconds,
                            max_pages=limits.max_pdf_pages)
    raise ReadProblem(f"{suffix} files hold several articles; read them with read_paths or read_upload")


def _article_from_parsed(name: str, parsed: Parsed) -> Article:
    """Build the Article the same way as for text, so the same words give the same article_id.
    Title: a header in the text, then the file's metadata, then the first line. Date: a header, then the
    page's publication metadata, then a dateline in the text, then the file's creation date."""
    text = normalise_text(parsed["text"])
    article = parse_article(text, source=name)
    _require_text(article)
    header, _ = split_header(text)
    title = None if header.get("title") else parsed["title"] or None
    published = article.published or parsed["published"] or find_dateline(article.body) or parsed["created"]
    return article.with_meta(title=title, published=published)


def _require_text(article: Article) -> None:
    if not article.body.strip():
        raise ReadProblem("no text (the file is empty or only whitespace)")

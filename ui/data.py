"""Everything the dashboard reads, cached.

The claims and articles tables are cached on (database path, ``Store.data_version()``): the version changes on
every write, from any process, so a cached table is never stale, and a rerun after a filter change reads nothing
but that version number. Uploads are parsed once per content hash. Cached values are shared by all sessions and
``st.cache_data`` hands each caller its own copy, so nobody mutates another session's table.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from solieu import Article, claims_frame, parse_article
from solieu.errors import SolieuError
from solieu.readers import read_upload
from solieu.readers.limits import Limits
from solieu.store import Store, default_db_path, default_samples_dir


@dataclass(frozen=True)
class Parsed:
    """One article found in an upload (a zip gives several), or the error that stopped it."""

    name: str
    digest: str                        # what "already saved in this session" is remembered by
    article: Article | None = None
    claims: pd.DataFrame | None = None  # the preview: the claims the store will extract on saving
    error: str | None = None


def db_path() -> str:
    return str(default_db_path())


@st.cache_resource(show_spinner=False)
def open_store(path: str, samples: str) -> Store:
    """The store at ``path``, checked for damage (``PRAGMA quick_check``), with the bundled samples imported on
    its very first run. Cached per process, so the check runs once per path, before anything is written; a
    StoreError (damaged, not a database) is not cached, so the page says so again until the file is fixed. A
    Store holds no connection (it opens one per operation), so sharing it between sessions is safe."""
    store = Store(path)
    store.check()
    store.import_samples_if_empty(Path(samples))
    return store


def store(path: str) -> Store:
    """The store at ``path`` for every read and write of the page: :func:`open_store` (one checked Store per
    process) with the sample folder (``$SOLIEU_SAMPLES``)."""
    return open_store(path, str(default_samples_dir()))


@st.cache_data(show_spinner=False, max_entries=4)
def load_claims(path: str, version: int) -> pd.DataFrame:
    """All claims (columns ``solieu.model.COLUMNS``); ``version`` is only the cache key."""
    return store(path).claims()


@st.cache_data(show_spinner=False, max_entries=4)
def load_articles(path: str, version: int) -> pd.DataFrame:
    return store(path).articles()


@st.cache_data(show_spinner=False, max_entries=64)
def load_article(path: str, version: int, article_id: str) -> Article:
    return store(path).article(article_id)


def upload_limits() -> Limits:
    """The per-file limits, checked here too: AppTest (and a misconfigured server) skip maxUploadSize."""
    return Limits.from_env()


@st.cache_data(show_spinner=False, max_entries=64)
def parse_upload(name: str, digest: str, _data: bytes) -> list[Parsed]:
    """Read one uploaded file (cached by name and content hash; the bytes themselves are not hashed again)."""
    try:
        results = read_upload(name, _data)
    except SolieuError as exc:
        return [Parsed(name, digest, error=named(name, str(exc)))]
    parsed = []
    for i, result in enumerate(results):
        member_digest = f"{digest}:{i}"
        if result.article is None:
            parsed.append(Parsed(result.name, member_digest, error=result.error))  # names the file already
        else:
            parsed.append(Parsed(result.name, member_digest, result.article, claims_frame(result.article)))
    return parsed


@st.cache_data(show_spinner=False, max_entries=16)
def parse_pasted(digest: str, _text: str, source: str) -> list[Parsed]:
    article = parse_article(_text, source=source)
    if not article.body.strip():
        return []
    return [Parsed(source, digest, article, claims_frame(article))]


def named(name: str, message: str) -> str:
    """``message`` starting with the file's name (the readers' messages already do)."""
    return message if message.startswith(name) else f"{name}: {message}"


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """``{article_id: "published · title"}`` in the order of ``articles``; "?" stands for an unknown date."""
    published = articles["published"].fillna("").replace("", "?")
    return dict(zip(articles["article_id"], published + " · " + articles["title"], strict=True))


def digest_of(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()

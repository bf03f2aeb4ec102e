"""Turn the files users have into Articles, safely: .txt/.md (any common Vietnamese encoding, including the
legacy TCVN3 and VNI fonts), .html/.htm, .docx, .pdf with a text layer, and .zip archives or folders of them.

Untrusted input is bounded by ``Limits`` (size, parse time, archive shape; see limits.py for the
SOLIEU_* environment variables). HTML/DOCX/PDF parsing runs in a killable child process (sandbox.py).
Every failure is one message naming the file and the problem; in a batch the other files go on.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from solieu.article import Article
from solieu.errors import ArticleFormatError
from solieu.readers import archive
from solieu.readers.limits import Limits, ReadProblem
from solieu.readers.reading import SUPPORTED_SUFFIXES, article_from_bytes, check_size, suffix_of

__all__ = ["SUPPORTED_SUFFIXES", "Limits", "ReadResult", "read_article_file", "read_paths", "read_upload"]

ARCHIVE_SEPARATOR = "!"  # "archive.zip!inner/file.txt"


@dataclass(frozen=True, slots=True)
class ReadResult:
    name: str                   # the path, or "archive.zip!inner/file.txt", as the user would recognise it
    article: Article | None     # set on success
    error: str | None           # one message naming the file and the problem, on failure


def read_article_file(path: str | os.PathLike, *, limits: Limits | None = None) -> Article:
    """Read one article file (not a zip); raise ArticleFormatError naming the file when it cannot be read."""
    limits = limits or Limits.from_env()
    name = str(path)
    try:
        return article_from_bytes(name, _read_file(Path(path), limits), limits)
    except ReadProblem as exc:
        raise ArticleFormatError(f"{name}: {exc}") from None


def read_upload(name: str, data: bytes, *, limits: Limits | None = None) -> list[ReadResult]:
    """One uploaded file's bytes; a zip gives one result per member. ``name`` is only displayed and used
    for its suffix, never as a path."""
    limits = limits or Limits.from_env()
    return list(_results_from_bytes(unicodedata.normalize("NFC", name), data, limits, depth=0))


def read_paths(paths: str | os.PathLike | Iterable[str | os.PathLike], *,
               limits: Limits | None = None) -> Iterator[ReadResult]:
    """Files, folders (recursively: hidden files and unsupported types are skipped) and zips (recursively).
    Yields one ReadResult per article or per problem, lazily, so a caller can show progress."""
    limits = limits or Limits.from_env()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _read_folder(path, limits)
        else:
            yield from _read_one_path(path, limits)


def _read_folder(folder: Path, limits: Limits) -> Iterator[ReadResult]:
    files = []
    # os.walk does not follow symlinked folders, so a link loop cannot make this endless.
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += [Path(root) / n for n in names if not n.startswith(".") and suffix_of(n) in SUPPORTED_SUFFIXES]
    if not files:
        yield ReadResult(str(folder), None, f"{folder}: no supported files ({', '.join(SUPPORTED_SUFFIXES)}) found")
    for path in sorted(files, key=lambda p: p.parts):
        yield from _read_one_path(path, limits)


def _read_one_path(path: Path, limits: Limits) -> Iterator[ReadResult]:
    name = str(path)
    try:
        data = _read_file(path, limits)
    except ReadProblem as exc:
        yield ReadResult(name, None, f"{name}: {exc}")
        return
    yield from _results_from_bytes(name, data, limits, depth=0)


def _read_file(path: Path, limits: Limits) -> bytes:
    try:
        if not path.is_file():
            raise ReadProblem("no such file" if not path.exists() else "not a regular file")
        check_size(path.stat().st_size, limits)  # before reading: never load an oversized file
        return path.read_bytes()
    except OSError as exc:
        raise ReadProblem(f"could not be read ({exc.strerror or exc})") from None


def _results_from_bytes(name: str, data: bytes, limits: Limits, depth: int) -> Iterator[ReadResult]:
    if suffix_of(name) != ".zip":
        try:
            yield ReadResult(name, article_from_bytes(name, data, limits), None)
        except ReadProblem as exc:
            yield ReadResult(name, None, f"{name}: {exc}")
        return
    try:
        check_size(len(data), limits)
        if depth >= archive.MAX_DEPTH:
            raise ReadProblem(f"archives nested more than {archive.MAX_DEPTH} deep are not read")
        members = list(archive.iter_members(data, limits))
    except ReadProblem as exc:
        yield ReadResult(name, None, f"{name}: {exc}")
        return
    readable = [m for m in members if m.problem or suffix_of(m.name) in SUPPORTED_SUFFIXES]
    if not readable:
        yield ReadResult(name, None, f"{name}: no supported files ({', '.join(SUPPORTED_SUFFIXES)}) in the archive")
    for member in readable:
        inner = f"{name}{ARCHIVE_SEPARATOR}{member.name}"
        if member.problem:
            yield ReadResult(inner, None, f"{inner}: {member.problem}")
        else:
            yield from _results_from_bytes(inner, member.data, limits, depth + 1)

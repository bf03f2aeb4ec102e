"""Zip archives, read in memory only: nothing is ever extracted to disk, so a member named ``../../x`` or
``/etc/x`` cannot be written anywhere; such members are reported and skipped. Bombs are refused from the
central directory (declared sizes, ratios, counts) before any member is decompressed."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from solieu.readers.limits import Limits, ReadProblem

MAX_DEPTH = 3  # a zip inside a zip inside a zip, and no deeper


@dataclass(frozen=True, slots=True)
class Member:
    name: str                 # as stored in the archive, NFC
    data: bytes | None        # None when the member was refused
    problem: str | None = None


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadProblem(f"not a valid zip archive ({exc})") from exc


def check_zip(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse the whole archive when its central directory promises too much work (a zip bomb)."""
    infos = archive.infolist()
    if len(infos) > limits.max_archive_members:
        raise ReadProblem(f"zip has {len(infos)} entries, more than the limit of {limits.max_archive_members}")
    total = sum(info.file_size for info in infos)
    if total > limits.max_archive_total:
        raise ReadProblem(f"zip would expand to {total / 2**20:.0f} MB, more than the limit of "
                          f"{limits.max_archive_total / 2**20:.0f} MB (zip bomb?)")
    for info in infos:
        problem = member_size_problem(info, limits)
        if problem:
            raise ReadProblem(f"{info.filename}: {problem}")


def member_size_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    if info.file_size > limits.max_bytes:
        return f"expands to {info.file_size / 2**20:.1f} MB, more than the limit of {limits.max_bytes / 2**20:.0f} MB"
    if info.file_size and info.file_size > limits.max_compression_ratio * max(info.compress_size, 1):
        return (f"compression ratio {info.file_size / max(info.compress_size, 1):.0f}:1 is over the limit of "
                f"{limits.max_compression_ratio:g}:1 (zip bomb?)")
    return None


def unsafe_name(name: str) -> bool:
    """Absolute paths, drive letters and ``..`` components: names an extractor could write outside its folder."""
    unified = name.replace("\\", "/")
    return (unified.startswith("/") or (len(unified) > 1 and unified[1] == ":")
            or ".." in unified.split("/") or "\x00" in name)


def skipped_quietly(name: str) -> bool:
    """Folders, macOS resource forks and hidden files: not articles, and not worth an error line."""
    parts = name.replace("\\", "/").split("/")
    return name.endswith("/") or parts[0] == "__MACOSX" or parts[-1].startswith(".")


def iter_members(data: bytes, limits: Limits) -> Iterator[Member]:
    """Every member worth reading, with its bytes, or with the reason it was refused."""
    with open_zip(data) as archive:
        check_zip(archive, limits)
        for info in archive.infolist():
            name = unicodedata.normalize("NFC", info.filename)
            if unsafe_name(info.filename):
                yield Member(name, None, "unsafe path in archive, skipped")
            elif skipped_quietly(info.filename):
                continue
            elif info.flag_bits & 0x1:
                yield Member(name, None, "encrypted archive member, skipped")
            else:
                yield _read_member(archive, info, name, limits)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits) -> Member:
    try:
        with archive.open(info) as member:
            data = member.read(limits.max_bytes + 1)  # declared sizes can lie; never read past the limit
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        return Member(name, None, f"could not be decompressed ({exc})")
    if len(data) > limits.max_bytes:
        return Member(name, None, f"larger than the limit of {limits.max_bytes / 2**20:.0f} MB")
    return Member(name, data)

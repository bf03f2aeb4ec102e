"""Resource limits for reading untrusted files, and the internal error the readers raise."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from solieu.errors import SolieuError

MB = 1024 * 1024

# Environment variable -> (Limits field, factor from the variable's unit to the field's unit).
ENV_VARS = {
    "SOLIEU_MAX_FILE_MB": ("max_bytes", MB),
    "SOLIEU_PARSE_SECONDS": ("parse_seconds", 1),
    "SOLIEU_MAX_ARCHIVE_MEMBERS": ("max_archive_members", 1),
    "SOLIEU_MAX_ARCHIVE_MB": ("max_archive_total", MB),
    "SOLIEU_MAX_COMPRESSION_RATIO": ("max_compression_ratio", 1),
    "SOLIEU_MAX_PDF_PAGES": ("max_pdf_pages", 1),
}


@dataclass(frozen=True, slots=True)
class Limits:
    """How much work one untrusted file may cost. Each default can be overridden from the environment:

    ==============================  ==========================================  =======
    variable                        limit                                       default
    ==============================  ==========================================  =======
    SOLIEU_MAX_FILE_MB              size of one file or archive member (MB)     20
    SOLIEU_PARSE_SECONDS            wall-clock time to parse one HTML/DOCX/PDF  20
    SOLIEU_MAX_ARCHIVE_MEMBERS      entries in one zip                          1000
    SOLIEU_MAX_ARCHIVE_MB           uncompressed size of one zip (MB)           200
    SOLIEU_MAX_COMPRESSION_RATIO    uncompressed/compressed size of a member    100
    SOLIEU_MAX_PDF_PAGES            pages in one PDF                            500
    ==============================  ==========================================  =======
    """

    max_bytes: int = 20 * MB
    parse_seconds: float = 20.0
    max_archive_members: int = 1000
    max_archive_total: int = 200 * MB
    max_compression_ratio: float = 100.0
    max_pdf_pages: int = 500

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        environ = os.environ if environ is None else environ
        types = {f.name: f.type for f in fields(cls)}
        values = {}
        for var, (field, factor) in ENV_VARS.items():
            raw = environ.get(var, "").strip()
            if not raw:
                continue
            try:
                number = float(raw) * factor
            except ValueError:
                number = -1
            if not number > 0:
                raise SolieuError(f"{var}={raw!r}: expected a positive number")
            values[field] = int(number) if types[field] in ("int", int) else number
        return cls(**values)


class ReadProblem(Exception):
    """What is wrong with a file, without the file's name; the caller adds the name it knows the file by."""

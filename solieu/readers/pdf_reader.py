"""PDF with a text layer -> text, via pypdf. Runs inside the sandbox (time and address-space limits)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from solieu.readers.dates import checked_iso
from solieu.readers.limits import ReadProblem
from solieu.readers.parsed import Parsed, paragraphs


def parse(data: bytes, max_pages: int) -> Parsed:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadProblem("the PDF is password-protected")
        count = len(reader.pages)
        if count > max_pages:
            raise ReadProblem(f"the PDF has {count} pages, more than the limit of {max_pages}")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except PdfReadError as exc:
        raise ReadProblem(f"not a readable PDF ({exc})") from exc
    body = paragraphs(pages)
    if not body:
        raise ReadProblem("no text layer (scanned PDF?); run OCR first")
    title = " ".join(((info.title if info else None) or "").split())
    return Parsed(text=body, title=title, published=None, created=_creation_date(info))


def _creation_date(info) -> str | None:
    try:  # pypdf parses the PDF date string lazily and raises on malformed ones
        return checked_iso(info.creation_date) if info else None
    except ValueError:
        return None

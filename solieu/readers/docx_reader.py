"""Word .docx -> paragraphs (tables row by row) and core properties. Runs inside the sandbox; the zip
container has already passed archive.check_zip in the parent."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table

from solieu.readers.dates import checked_iso
from solieu.readers.limits import ReadProblem
from solieu.readers.parsed import Parsed, paragraphs

_XML_PARTS = ("word/document.xml", "docProps/core.xml")


def parse(data: bytes) -> Parsed:
    _refuse_doctype(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadProblem(f"not a valid Word .docx file ({exc})") from exc
    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend("\t".join(" ".join(cell.text.split()) for cell in row.cells) for row in item.rows)
        else:
            blocks.append(item.text)
    body = paragraphs(blocks)
    if not body:
        raise ReadProblem("the Word document has no text")
    props = document.core_properties
    return Parsed(text=body, title=" ".join((props.title or "").split()), published=None,
                  created=checked_iso(props.created))


def _refuse_doctype(data: bytes) -> None:
    """Word never writes a DOCTYPE; one in a .docx is an entity-expansion (XXE / billion laughs) attempt."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name in _XML_PARTS:
            if name in names:
                with archive.open(name) as part:
                    if b"<!DOCTYPE" in part.read(4096).upper():
                        raise ReadProblem(f"{name} declares a DOCTYPE (entity expansion is refused)")

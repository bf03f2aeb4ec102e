"""What a format parser hands back from the sandbox: plain data, so it crosses the process boundary as JSON."""

from __future__ import annotations

from typing import TypedDict


class Parsed(TypedDict):
    text: str                # the body, paragraphs separated by blank lines
    title: str               # "" when the file does not say
    published: str | None    # ISO publication date from the page's metadata (HTML), already checked
    created: str | None      # ISO creation date of the file (DOCX/PDF properties): a weaker hint, used last


def paragraphs(blocks) -> str:
    """Join text blocks with blank lines, dropping empty ones and collapsing runs of spaces inside lines."""
    out = []
    for block in blocks:
        lines = [" ".join(line.split()) for line in block.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            out.append(block)
    return "\n\n".join(out)

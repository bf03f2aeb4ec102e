"""Article text made safe for ``st.markdown``, and the context a claim sits in.

Article text is untrusted. In Streamlit Markdown ``$…$`` turns into KaTeX, ``[a](b)`` into a link, ``:red[…]``
into colour and ``<…>`` into (stripped) HTML. :func:`escape_markdown` backslash-escapes every ASCII punctuation
character (CommonMark allows escaping all of them) and flattens indentation, so the text shows literally; the
only Markdown in the result is what this module adds around it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping

import streamlit as st

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")   # indentation would start a code block
# The colours st.markdown can paint a background in; categories share them in CATEGORIES order.
HIGHLIGHT_COLORS = ("blue", "orange", "green", "red", "violet", "yellow", "gray")
CONTEXT_CHARS = 160  # either side of a claim when its sentence cannot be found in the body


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text`` (paragraph breaks at newlines)."""
    escaped = _PUNCTUATION.sub(r"\\\1", text)
    return _LINE_BREAK.sub("\n\n", escaped)


def alert(kind: str, message: str) -> None:
    """``st.error``/``st.warning``/``st.info``/``st.success`` render Markdown, and messages name files and
    titles, so the whole message is escaped (our own strings hold no Markdown on purpose)."""
    getattr(st, kind)(escape_markdown(message))


def highlight(text: str, color: str, *, bold: bool = False) -> str:
    """``text`` escaped, on a coloured background. A newline inside would end the directive, so it becomes a
    space."""
    inner = escape_markdown(" ".join(text.split()))
    if bold:
        inner = f"**{inner}**"
    return f":{color}-background[{inner}]"


def category_colors(categories: Iterable[str]) -> dict[str, str]:
    return {c: HIGHLIGHT_COLORS[i % len(HIGHLIGHT_COLORS)] for i, c in enumerate(categories)}


def claim_context(body: str, start: int, end: int, sentence: str = "") -> tuple[str, str, str]:
    """(before, number, after): the claim ``body[start:end]`` inside its sentence.

    The sentence is located in the body around the claim's offsets, so a number that occurs twice in the
    sentence is still the right one. Without a sentence (or if it is not found there) a window of
    ``CONTEXT_CHARS`` either side stands in.
    """
    number = body[start:end]
    if sentence:
        first = max(0, end - len(sentence))
        at = body.find(sentence, first, start + len(sentence))
        while at != -1 and at <= start:
            if at + len(sentence) >= end:
                return body[at:start], number, body[end:at + len(sentence)]
            at = body.find(sentence, at + 1, start + len(sentence))
    before = body[max(0, start - CONTEXT_CHARS):start]
    after = body[end:end + CONTEXT_CHARS]
    return ("…" if start > CONTEXT_CHARS else "") + before, number, after + ("…" if end + CONTEXT_CHARS < len(body)
                                                                            else "")


def sentence_markdown(before: str, number: str, after: str) -> str:
    """The sentence as Markdown with the number highlighted; every piece of article text escaped."""
    return f"{escape_markdown(before.lstrip())}{highlight(number, 'orange', bold=True)}{escape_markdown(after)}"


def article_markdown(body: str, spans: Iterable[tuple[int, int, str]], colors: Mapping[str, str]) -> str:
    """The whole body as Markdown, each claim span ``(start, end, category)`` on its category's colour.
    Overlapping or out-of-range spans are skipped rather than garbling the text."""
    pieces, position = [], 0
    for start, end, category in sorted(spans):
        if start < position or end > len(body) or start >= end:
            continue
        pieces.append(escape_markdown(body[position:start] if position else body[:start].lstrip()))
        pieces.append(highlight(body[start:end], colors.get(category, "gray")))
        position = end
    pieces.append(escape_markdown(body[position:] if position else body.lstrip()))
    return "".join(pieces)

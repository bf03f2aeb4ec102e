"""HTML pages -> main text, title and date, via trafilatura (+ htmldate). Runs inside the sandbox.

Scripts, styles, <noscript>, <template>, comments and hidden elements are removed from the tree before
extraction: trafilatura keeps <noscript> and display:none text otherwise.
"""

from __future__ import annotations

import datetime as dt

import regex
import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from solieu.readers.dates import EARLIEST, checked_iso
from solieu.readers.decode import decode_text
from solieu.readers.limits import ReadProblem
from solieu.readers.parsed import Parsed, paragraphs

_NEVER_TEXT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select")
_STYLE = "translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ \t', 'abcdefghijklmnopqrstuvwxyz')"  # lowercase, no spaces
_HIDDEN = (
    "//*[@hidden] | //*[@aria-hidden='true'] | //input[@type='hidden']"
    f" | //*[contains({_STYLE}, 'display:none')] | //*[contains({_STYLE}, 'visibility:hidden')]"
)
_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*>")


def parse(data: bytes) -> Parsed:
    text = _XML_DECLARATION.sub("", decode_text(data, markup=True))  # lxml refuses str with an encoding decl.
    if not regex.search(r"<html", text[:4096], flags=regex.IGNORECASE):
        text = f"<html><body>{text}</body></html>"  # a bare fragment: trafilatura returns nothing without a page
    tree = load_html(text)
    if tree is None:
        raise ReadProblem("not a readable HTML page")
    _strip_invisible(tree)
    today = dt.date.today() + dt.timedelta(days=1)
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "min_date": EARLIEST.isoformat(), "max_date": today.isoformat()},
    )
    body = paragraphs((doc.text or "").split("\n")) if doc is not None else ""
    if not body:
        raise ReadProblem("no article text found in the HTML page")
    return Parsed(text=body, title=" ".join((doc.title or "").split()), published=checked_iso(doc.date),
                  created=None)


def _strip_invisible(tree) -> None:
    doomed = [el for el in tree.iter(etree.Comment, etree.ProcessingInstruction, *_NEVER_TEXT)]
    doomed += tree.xpath(_HIDDEN)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # Keep the text that follows the removed element (its tail), which belongs to the parent.
        if el.tail and el.tail.strip():
            previous = el.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)

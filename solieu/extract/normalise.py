"""The "matching view" of a text: what the patterns run on, plus the way back to the caller's offsets.

People paste text in any shape: decomposed (NFD) diacritics, no-break and other odd spaces, zero-width
characters, soft hyphens, stray BOMs. The view is NFC, maps every Unicode space separator to " " and drops
invisible format characters, so ``1.234,5\\u200b tỷ`` and ``1.234,5 tỷ`` match alike. The text itself is
never changed: :meth:`MatchingView.span` maps a view span back to the original string, so a claim's
``text[start:end]`` always slices the caller's text.

Ordinary NFC text (the stored article bodies) takes the fast path: the view *is* the text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import unicodedata

import regex

# Spaces other than " " and "\n" (no-break, narrow no-break, figure, ideographic..., tab, CR) become " ":
# same length, so offsets do not move.
_ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000" \
              "\t\r\x0b\x0c\x85\u2028\u2029"
_SPACE_TABLE = str.maketrans(dict.fromkeys(_ODD_SPACES, " "))
# Format characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, bidi marks, soft hyphen: all category Cf) are dropped;
# combining marks are composed with their base (NFC). Both change offsets, so they go through the map.
_FORMAT = regex.compile(r"\p{Cf}")
# A cluster is a base with its combining marks (composed), or a run of format characters (dropped). The pattern
# finds the runs only (each starts with a mark or a format character, which the engine can scan for quickly);
# _build joins each run of marks to its base.
_MARKS_OR_FORMATS = regex.compile(r"(\p{M}++)|(\p{Cf}++)")
_TIMEOUT = 5.0
_nfc = functools.partial(unicodedata.normalize, "NFC")
_LAST = operator.itemgetter(slice(-1, None))
_ALL_BUT_LAST = operator.itemgetter(slice(None, -1))


class MatchingView:
    """``view`` is the normalised text; :meth:`span` maps view offsets back to ``text``."""

    __slots__ = ("_orig_len", "_orig_start", "_view_len", "_view_start", "text", "view")

    def __init__(self, text: str):
        self.text = text
        # Only the changed clusters are recorded (four parallel lists, sorted); between them the view is the
        # text shifted by a constant, so mapping is a bisect plus arithmetic.
        self._view_start: list[int] = []
        self._view_len: list[int] = []
        self._orig_start: list[int] = []
        self._orig_len: list[int] = []
        # Ordinary text has neither odd spaces nor format characters, and str.isprintable() is False for both
        # (and for every other control or separator but " "): one C pass over the text without its line breaks
        # rules them all out, several times faster than the tests below.
        printable = text.replace("\n", "").isprintable()
        # One substring test per odd space is several times faster than a regex character-class search.
        view = text.translate(_SPACE_TABLE) if not printable and any(ch in text for ch in _ODD_SPACES) else text
        if unicodedata.is_normalized("NFC", view) and (printable or not _FORMAT.search(view, timeout=_TIMEOUT)):
            self.view = view  # fast path: same length as the text, identity map
            return
        self._build(view)

    def _build(self, text: str) -> None:
        # regex.split returns [gap, marks, None, gap, None, formats, gap, ...] in one C call: every run of
        # combining marks or of format characters, with the text between. A run of marks joins the last
        # character of the gap before it (its base) into one cluster, which is composed; a run of format
        # characters is dropped. Everything after the split is list-at-a-time (map, accumulate, zip), not a
        # Python loop per cluster: NFD text has one in nearly every word.
        # (No timeout: each branch is one possessive run of one character class, which cannot backtrack.)
        pieces = _MARKS_OR_FORMATS.split(text)
        gaps, marks, formats = pieces[0::3], pieces[1::3], pieces[2::3]
        runs = len(marks)  # (the last gap has no run after it)
        if formats.count(None) == runs:  # the usual case, no format characters: C-level maps only
            clusters = list(map(operator.add, map(_LAST, gaps), marks))
            gaps = [*map(_ALL_BUT_LAST, gaps[:runs]), gaps[-1]]
            composed = list(map(_nfc, clusters))
        else:
            clusters = [g[-1:] + m if m is not None else f for g, m, f in zip(gaps, marks, formats, strict=False)]
            gaps = [g[:-1] if m is not None else g for g, m in zip(gaps, marks, strict=False)] + gaps[runs:]
            composed = [_nfc(c) if m is not None else "" for c, m in zip(clusters, marks, strict=True)]
        orig_pieces = [None] * (len(gaps) + len(clusters))
        orig_pieces[0::2], orig_pieces[1::2] = gaps, clusters
        view_pieces = orig_pieces[:]
        view_pieces[1::2] = composed
        orig_len = list(map(len, orig_pieces))
        view_len = list(map(len, view_pieces))
        self._orig_start = list(itertools.accumulate(orig_len, initial=0))[1:-1:2]
        self._view_start = list(itertools.accumulate(view_len, initial=0))[1:-1:2]
        self._orig_len = orig_len[1::2]
        self._view_len = view_len[1::2]
        self.view = "".join(view_pieces)

    def _orig(self, v: int, *, end: bool) -> int:
        """Original offset of view offset ``v``: the start of the character there, or (``end``) the end of
        the character before it."""
        i = bisect.bisect_right(self._view_start, v - 1 if end else v) - 1
        if i < 0:
            return v
        vstart, vlen, ostart, olen = self._view_start[i], self._view_len[i], self._orig_start[i], self._orig_len[i]
        inside = v - 1 < vstart + vlen if end else v < vstart + vlen
        if inside and vlen:
            return ostart + olen if end else ostart
        return ostart + olen + (v - vstart - vlen)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the view span ``[start, end)`` (``end > start``)."""
        if not self._view_start:
            return start, end
        return self._orig(start, end=False), self._orig(end, end=True)

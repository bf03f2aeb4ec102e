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
# A cluster is a base with its combining marks (composed), or a run of format characters (group 1: dropped).
_CLUSTER = regex.compile(r"[^\p{M}\p{Cf}]?\p{M}++|(\p{Cf}++)")
_TIMEOUT = 5.0
_CHUNK = 1 << 16


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
        parts: list[str] = []
        vs, vl, os_, ol = self._view_start, self._view_len, self._orig_start, self._orig_len
        nfc = unicodedata.normalize
        view_pos = orig_pos = 0
        # Chunked so that each timeout-bounded call covers a bounded stretch.
        for lo in range(0, len(text), _CHUNK):
            for m in _CLUSTER.finditer(text, lo, min(len(text), lo + _CHUNK), timeout=_TIMEOUT):
                start, end = m.span()
                if start < orig_pos:
                    continue
                if start > orig_pos:
                    parts.append(text[orig_pos:start])
                    view_pos += start - orig_pos
                out = "" if m.lastindex else nfc("NFC", m.group())
                parts.append(out)
                vs.append(view_pos)
                vl.append(len(out))
                os_.append(start)
                ol.append(end - start)
                view_pos += len(out)
                orig_pos = end
        parts.append(text[orig_pos:])
        self.view = "".join(parts)

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

"""Sentence bounds, found lazily around a claim instead of splitting the whole text."""

from __future__ import annotations

# A sentence ends at ". ", "! ", "? ", "…" followed by a space (or a quote/bracket), or at a line break. A dot
# inside "1.000" or "TP.HCM" is not an end, nor the dot of "TP. Hồ Chí Minh".
# Bound the search so a megabyte without punctuation costs the same per claim as ordinary prose.
MAX_REACH = 600


def _is_end(view: str, i: int) -> bool:
    """Does the character at ``i`` (one of . ! ? …) end a sentence?"""
    nxt = view[i + 1:i + 2]
    if nxt and nxt not in " \n\"”’)":
        return False
    if view[i] != ".":
        return True
    # Not the dot of a short capitalised abbreviation: "TP. Hồ Chí Minh", "Q. 10".
    j = i
    while j > 0 and view[j - 1].isalpha() and i - j < 3:
        j -= 1
    word = view[j:i]
    return not (word and len(word) <= 2 and word[0].isupper() and (j == 0 or view[j - 1] in " ("))


def sentence_bounds(view: str, start: int, end: int) -> tuple[int, int]:
    """``(s, e)`` of the sentence around ``view[start:end]``, stripped of surrounding spaces. Plain ``rfind``
    and ``find`` on a bounded window: this runs once per sentence that holds a claim."""
    lo = max(0, start - MAX_REACH)
    hi = min(len(view), end + MAX_REACH)
    s = lo
    for ch in ".!?…":
        i = view.rfind(ch, lo, start)
        while i >= s and not _is_end(view, i):
            i = view.rfind(ch, lo, i)
        s = max(s, i + 1)
    nl = view.rfind("\n", lo, start)
    s = max(s, nl + 1) if nl >= 0 else s
    e = hi
    for ch in ".!?…":
        i = view.find(ch, end, e)
        while 0 <= i < e and not _is_end(view, i):
            i = view.find(ch, i + 1, e)
        if 0 <= i < e:
            e = i + 1
    nl = view.find("\n", end, e)
    e = nl if nl >= 0 else e
    while s < start and view[s] in " \n\t":
        s += 1
    while e > end and view[e - 1] in " \n\t":
        e -= 1
    return s, e

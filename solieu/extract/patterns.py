"""The compiled patterns, built from the lexicon. Every piece is linear: each quantifier is possessive or
guards a distinct first character, so no input makes the engine backtrack more than a bounded amount.

Patterns run on the matching view (see normalise.py), where every space is " " and the text is NFC.
Digits are ``[0-9]``, never ``\\d``: Arabic-Indic and full-width digits are not numbers here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from solieu.extract.lexicon import Lexicon, load_lexicon, match_key

# Every regex call passes this (seconds). It bounds one call on one chunk, never the whole extraction.
TIMEOUT = 2.0

# Group numbers of ``Patterns.digits`` and ``Patterns.word_run`` (checked in build_patterns). Code reads the
# groups by number: a lookup by name costs the regex module ~0.4 us per name, per number in the text.
NUM, REST, RANGE, NUM2, REST2, SCALE, PCT, UNIT = range(1, 9)
WORDS, WORD_PCT, WORD_UNIT = 1, 2, 3

# One number as written: digits with "." / "," separators, taken whole so "1.234.567,5" is one token.
# NOTE: keep the separators in sync with numbers.parse_vi_number().
DIGITS = r"[0-9]++(?:[.,][0-9]++)*+"


def alternation(surfaces: Iterable[str]) -> str:
    """``a|b|c`` of escaped surfaces, longest first, so "xe máy" wins over "xe"."""
    return "|".join(regex.escape(s) for s in sorted(set(surfaces), key=lambda s: (-len(s), s)))


def trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` factored by common prefixes (``b(?:a|ốn)``): the engine tries one branch
    per first letter instead of every word, which keeps the word scan fast."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [regex.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


# Evidence for the article's number style, tested on one number token at a time (fullmatch). They do not
# depend on the lexicon, so candidates.py can cache its verdict per token.
ENGLISH_EVIDENCE = regex.compile(r"""
    [0-9]{1,3}(?:,[0-9]{3}){2,}+            # 1,234,567
  | [0-9]{1,3}(?:,[0-9]{3})++\.[0-9]++      # 1,234.5
  | [0-9]++\.[0-9]{1,2}+(?P<suffixed>)      # 2.5, counted only before % or a multiplier
    """, regex.VERBOSE)
VIETNAMESE_EVIDENCE = regex.compile(r"""
    [0-9]{1,3}(?:\.[0-9]{3}){2,}+           # 1.234.567
  | [0-9]{1,3}(?:\.[0-9]{3})++,[0-9]++      # 1.234,5
  | [0-9]++,(?:[0-9]{1,2}+|[0-9]{4,}+)      # 1,5 | 3,1416
    """, regex.VERBOSE)
SUFFIXED = 1  # the marker group of ENGLISH_EVIDENCE
assert ENGLISH_EVIDENCE.groupindex == {"suffixed": SUFFIXED}


@dataclass(frozen=True)
class Patterns:
    digits: regex.Pattern         # a number in digits, with what belongs to it (multiplier, %), on the view
    starters: tuple[str, ...]     # the words that can start a spelled-out number (lower-case)
    word_run: regex.Pattern       # the whole run of number words from there (anchored .match)
    range_to: regex.Pattern       # "đến " between the two ends of "từ 3 đến 5"
    list_gap: regex.Pattern       # what may stand between two claims of one list ("giảm 3 vụ (4%), 5 người")


@functools.cache
def build_patterns(lex: Lexicon | None = None) -> Patterns:
    lex = lex or load_lexicon()
    scales = alternation(s for s in lex.number_word_surfaces if _is_scale(s, lex))
    # The unit right after the number, matched here in C rather than looked up word by word in Python.
    # A trie, not a flat alternation: one branch per first letter (see trie()). Greedy, so the longest
    # surface wins ("xe máy" over "xe").
    units = trie(sorted({s.lower() for s in lex.unit_surfaces}))
    # "phần trăm" spelled out after the number: part of the number expression, like "%".
    pct_words = rf"[ ]++(?i:{alternation(s for s in lex.percent if s != '%')})(?![\p{{L}}\p{{M}}])"
    unit = rf"""(?:[ ]*+["“”‘’']?[ ]*+(?P<unit>(?i:{units}))(?![\p{{L}}\p{{M}}0-9]))?  # đối tượng | ha | tỷ đồng"""
    digits = regex.compile(rf"""
        # The first digit comes first so the engine can skip ahead to digits; only then look behind.
        # 2.496 | 1,5 | 1.234,5 | 03, not km36/G7/F0; glued to a Vietnamese word by a scraper ("Đà Nẵng664
        # người") it may still count (candidates.py then wants a unit after it).
        (?P<num>[0-9](?<![\d_\p{{M}}][0-9])
            (?:(?<![^\W\d_][0-9])|(?<=[^\x00-\x7F\W\d_][^\W\d_]*[0-9]))
            [0-9]*+(?:[.,][0-9]++)*+)
        (?P<rest>(?:[/:\-–]{DIGITS})*+)          # 14/7, 17-3-2021, 20:48, 10-11, 45.799/36.875: judged later
        (?P<range>[ ]?[-–][ ]?(?P<num2>{DIGITS})(?P<rest2>(?:[/:\-–]{DIGITS})*+))?  # 500 - 600
        (?P<scale>(?:[ ]++(?i:{scales})(?![\p{{L}}\p{{M}}]))*+)  # triệu | nghìn tỷ
        (?P<pct>[ ]?%|{pct_words})?              # 12,5% | 3,09 % | 75 phần trăm
        {unit}
        """, regex.VERBOSE)
    # "một" never starts a claim (it is the article "a"); "một trăm" is found from "trăm" on.
    one = lex.number_sets["one"] | lex.number_sets["zero_tens"] | lex.number_sets["half"] | lex.number_sets["tens"]
    starters = tuple(sorted({s for s in lex.number_word_surfaces if s not in one and s not in lex.after_tens}))
    words = trie(lex.number_word_surfaces)
    # At most 8 words: no written number is longer, and the bound keeps "hai hai hai ..." linear.
    word_run = regex.compile(rf"(?P<words>{words}(?![\w])(?:[ ]++{words}(?![\w])){{0,7}}+)(?P<pct>{pct_words})?{unit}",
                             regex.VERBOSE)
    range_to = regex.compile(rf"[ ]*+(?i:{alternation(lex.range_to)})[ ]++")
    restate = alternation(lex.restate) if lex.restate else "(?!)"
    list_gap = regex.compile(rf"""
        [ %)]*+                                         # end of the previous claim: "%", ")"
        (?:[\p{{L}}\p{{M}}\-]++(?:[ ][\p{{L}}\p{{M}}\-]++){{0,5}})?  # its unit and a few words: "số người chết"
        [ )]*+
        (?:[,(=]|[ ]?và)[ (+]*+                         # then a list separator
        (?:(?i:{restate})[ ]++)?                        # and a restating word: "giảm 37 vụ, tương ứng 8,2%"
        """, regex.VERBOSE)
    assert digits.groupindex == {"num": NUM, "rest": REST, "range": RANGE, "num2": NUM2, "rest2": REST2,
                                 "scale": SCALE, "pct": PCT, "unit": UNIT}, digits.groupindex
    assert word_run.groupindex == {"words": WORDS, "pct": WORD_PCT, "unit": WORD_UNIT}, word_run.groupindex
    return Patterns(digits, starters, word_run, range_to, list_gap)


@functools.lru_cache(maxsize=1 << 12)  # bounded: a text may hold any number of distinct characters
def _is_word_char(ch: str) -> bool:
    """``\\w`` as the regex module defines it (letters, marks, digits, connectors), cached per character."""
    return regex.match(r"\w", ch, timeout=TIMEOUT) is not None


def word_starts(low: str, lo: int, hi: int, starters: tuple[str, ...]) -> list[int]:
    """Where a whole word of ``starters`` begins in ``low[lo:hi]`` (the lower-cased view), in order: what
    ``\\b(?:starters)\\b`` finds, but with ``str.find`` per word, several times faster than the regex scan
    over Vietnamese text."""
    out = []
    find = low.find
    for w in starters:
        n = len(w)
        i = find(w, lo, hi)
        while i >= 0:
            j = i + n
            if (i == 0 or not _is_word_char(low[i - 1])) and (j >= hi or not _is_word_char(low[j])):
                out.append(i)
            i = find(w, i + 1, hi)
    return sorted(set(out))  # (one position twice only if a starter held a space: "hai" and "hai mươi")


def _is_scale(surface: str, lex: Lexicon) -> bool:
    return match_key(surface) in lex.scales

"""Turn one pattern match into the number expressions it holds: none (a date, a time, a code), one, or two
(a slash pair such as ``11.484 vụ/17.663 đối tượng``)."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import regex

from solieu.extract.classify import qualifier_near
from solieu.extract.lexicon import Lexicon, match_key
from solieu.extract.numbers import parse_number_words, parse_vi_number
from solieu.extract.patterns import (
    ENGLISH_EVIDENCE,
    NUM,
    PCT,
    SCALE,
    SUFFIXED,
    TIMEOUT,
    UNIT,
    VIETNAMESE_EVIDENCE,
    WORD_PCT,
    WORD_UNIT,
    WORDS,
    Patterns,
)

MAX_DIGITS = 24             # "1.000.000.000.000.000,5" is 23 characters
_SEPS = "/:-–"
_CODE_GLUE = frozenset("/-–.,+:")   # "Y8/141", "Covid-19", "Q.10", "GMT+7": the number continues a code


@dataclass(slots=True)
class Number:
    start: int                  # view span of the number expression (digits/words + multiplier + %)
    end: int
    value: float
    value_high: float | None = None
    percent: bool = False
    scaled: bool = False        # carries a multiplier word (triệu, tỷ...)
    words: bool = False         # spelled out: needs a unit after it to count
    approx: bool = False        # "vài chục"
    sign: str = ""              # "+" / "-" written before the number
    year_like: bool = False     # a bare 2021: a year unless a unit follows
    date_like: bool = False     # 14/7 read as a pair: a date unless a unit follows
    pair_first: bool = False    # first half of a slash pair
    unit_span: tuple[int, int] | None = None  # view span of the unit the pattern found after the expression


def _continues_code(view: str, s: int) -> bool:
    """The number at ``s`` continues a code or name: "Y8/141", "Covid-19", "Q.10", "GMT+7". A slash after a
    lower-case word starts the second half of a pair ("11.484 vụ/17.663 đối tượng"), unless it is "per one"
    ("1 triệu đồng/1 điểm")."""
    if s < 2 or view[s - 1] not in _CODE_GLUE or not view[s - 2].isalnum():
        return False
    return not (view[s - 1] == "/" and view[s - 2].islower()) or view[s:s + 2] in ("1 ", "01")


def may_stand_alone(view: str, s: int, e: int, lex: Lexicon) -> bool:
    """Could a number at ``view[s:e]`` written without a unit still be a claim? Only where a list, a copula or a
    range gives it one: "Hà Nội (2.981)", "(Cà Mau 2, Bạc Liêu 4)", "số nhà sập là 108", "từ 3 đến 5 người",
    "200 có lẻ tấn". Elsewhere it is a name or a label: "phân vùng 1", "cây xăng 125", "Ảnh 1"."""
    after = view[e:e + 1]
    if view[s - 1:s] == "(" and after == ")":
        return True
    if qualifier_near(view, e, e + 10, lex):
        return True  # an after-qualifier may stand between the number and its unit
    before = view[max(0, s - 12):s].split()
    if not before:
        return False
    last = before[-1]
    if after in (",", ";", ")") and (last[:1].isupper() or in_brackets(view, s)):
        return True  # a list item: "(Cà Mau 2, Bạc Liêu 4)", "(dệt may 127, da giày 96)"
    if after in (",", ";", ")", ".") and last[:1].isupper() and after_colon(view, max(0, s - 200), s):
        return True  # "(số ca dương tính): Phú Lộc 14, Quảng Điền 9, TP Huế 15."
    # "số nhà sập là 108"; "từ 3 đến 5 người": the unit comes after the second number. (A set of spellings,
    # not a key per word: in number-dense junk nearly every word here is new.)
    return last.endswith(":") or last.lower() in lex.stand_alone_after


def after_colon(view: str, lo: int, s: int) -> bool:
    """Does a colon in ``view[lo:s]`` open the stretch up to ``s`` (no sentence end or line break after it)?
    Then names followed by numbers there are a list: "số ca dương tính: Phú Lộc 14, Quảng Điền 9"."""
    colon = view.rfind(":", lo, s)
    return colon >= 0 and view.find(". ", colon, s) < 0 and view.find("\n", colon, s) < 0


def in_brackets(view: str, s: int) -> bool:
    """Is ``s`` inside brackets opened at most 200 characters before it?"""
    lo = max(0, s - 200)
    return view.rfind("(", lo, s) > view.rfind(")", lo, s)


def _is_year(text: str) -> bool:
    """19xx or 20xx. (String tests: a regex call with its timeout costs more than the whole test.)"""
    return len(text) == 4 and text[:2] in ("19", "20") and text.isascii() and text.isdigit()


def _is_small_int(text: str, limit: int) -> bool:
    return text.isdigit() and 1 <= int(text) <= limit


def _date_like(a: str, b: str) -> bool:
    """``a/b`` or ``a-b`` could be day/month: 14/7, 30-7."""
    return _is_small_int(a, 31) and _is_small_int(b, 12) and len(b) <= 2


@functools.lru_cache(maxsize=1 << 12)  # a pure function of a short token; regex calls with a timeout are not cheap
def _style_vote(num: str, suffixed: bool) -> int:
    """+1 when this token shows English-style separators, -1 for Vietnamese style, 0 when it cannot tell."""
    if "," not in num and "." not in num:
        return 0
    m = ENGLISH_EVIDENCE.fullmatch(num, timeout=TIMEOUT)
    if m and (m.group(SUFFIXED) is None or suffixed):
        return 1
    return -1 if VIETNAMESE_EVIDENCE.fullmatch(num, timeout=TIMEOUT) else 0


def article_is_english_style(matches: list[regex.Match], pats: Patterns) -> bool:
    """Decide once per text: is it plainly English-style (``1,234,567``, or a dot decimal before % or a
    multiplier)? Ties and no evidence keep the Vietnamese reading (CLAIMS.md)."""
    votes = 0
    for m in matches:
        if m.re is pats.digits:
            num = m.group(NUM)
            if "," in num or "." in num:
                votes += _style_vote(num, bool(m.group(PCT) or m.group(SCALE)))
    return votes > 0


def numbers_in_match(view: str, m: regex.Match, lex: Lexicon, pats: Patterns, english: bool) -> list[Number]:
    """The numbers in one match of ``pats.digits`` or ``pats.word_run``."""
    s = m.start()
    if _continues_code(view, s):
        return []
    if m.re is pats.word_run:
        unit_span = m.span(WORD_UNIT) if m.group(WORD_UNIT) else None
        found = _word_number(view, m, lex)
        if found and m.group(WORD_PCT) and found[0].end == m.end(WORDS):
            found[0].percent, found[0].end = True, m.end(WORD_PCT)  # "ba mươi phần trăm"
        elif found and unit_span and found[0].end == m.end(WORDS):
            found[0].unit_span = unit_span
        return found
    # One call for all the groups, in group-number order (patterns.NUM...UNIT): this runs for every number.
    num, rest, rng, num2, rest2, scale_text, pct_text, unit_text = m.groups()
    if len(num) > MAX_DIGITS or len(rest) > 2 * MAX_DIGITS:
        return []  # a run of digits no article writes as one number (and int() of it would be slow)
    if not (rest or rng or scale_text or pct_text or unit_text) and not may_stand_alone(view, s, s + len(num), lex):
        return []  # a bare number with nothing around it that makes it a count: the common case, kept cheap
    if s and view[s - 1].isalpha() and not (unit_text and not rest and not rng and not pct_text):
        return []  # glued to a word ("Nẵng664 người" counts; "Nẵng664", "Hà Nội2/9" do not)
    unit_span = m.span(UNIT) if unit_text else None
    e = s + len(num) + len(rest) + len(rng or "") + len(scale_text) + len(pct_text or "")
    sign = ""
    before = view[s - 1] if s else ""
    if before == "+":
        sign = "+"
    elif before and before in "-−" and (s < 2 or view[s - 2] in " (\n"):
        sign = "-"
    pct = bool(pct_text)
    if e < len(view) and view[e] in "/-–" and e + 1 < len(view) and view[e + 1].isalpha() and not (
            pct and view[e] == "/"):
        return []  # 05-CT/TU, 1/TTg: an identifier (but "4,8%/năm" is a rate per year)
    if not pct and e < len(view) and view[e].isalpha() and (unit_span is None or unit_span[0] != e):
        return []  # 6h, 7h30, 3G: a time or a name, not a number with a unit
    factor = 1.0
    if scale_text:
        for w in scale_text.split():
            factor *= lex.scales.get(match_key(w), 1)
    if num.isdigit() and not (rest or rng):  # the common case, without the separator rules
        year_like = not pct and not scale_text and len(num) == 4 and num[:2] in ("19", "20")
        return [Number(s, e, float(num) * factor, None, pct, bool(scale_text), False, False, sign, year_like,
                       False, False, unit_span)]

    def value(text: str) -> float | None:
        v = parse_vi_number(text, english_style=english)
        return None if v is None or not math.isfinite(v * factor) else v * factor

    if rest or rng:
        common = {"percent": pct, "scaled": bool(scale_text), "sign": sign, "unit_span": unit_span}
        if ":" in rest or rest2:
            return []  # 20:48, 15/4 - 14/5/2022
        if rest and rng:
            return []
        seps = [ch for ch in rest if ch in _SEPS]
        if len(seps) > 1:
            return []  # 17-3-2021, 100/2019/NĐ-CP, 02/12/2020
        if rest and seps[0] == "/":
            b = rest[1:]
            if _is_year(b) and not pct:
                return []  # 5/2022
            va, vb = value(num), value(b)
            if va is None or vb is None:
                return []
            date_like = not pct and not scale_text and _date_like(num, b)
            first_end = s + len(num)
            return [Number(s, first_end, va, date_like=date_like, pair_first=True, scaled=bool(scale_text),
                           sign=sign),
                    Number(first_end + 1, e, vb, date_like=date_like, percent=pct, scaled=bool(scale_text),
                           unit_span=unit_span)]
        b = rest[1:] if rest else num2
        if _is_year(b) or (_is_year(num) and len(b) == 4):
            return []  # 2021-2025, tháng 8-2022
        va, vb = value(num), value(b)
        if va is None or vb is None:
            return []
        if va < vb:
            return [Number(s, e, va, vb, **common)]
        return []  # 30-7 and the like: a date
    v = value(num)  # separators: "1.234", "1,5"
    if v is None:
        return []
    return [Number(s, e, v, None, pct, bool(scale_text), False, False, sign, False, False, False, unit_span)]


def _word_number(view: str, m: regex.Match, lex: Lexicon) -> list[Number]:
    base = m.start()
    spans = []
    at = 0
    for w in m.group(WORDS).split(" "):
        if w:
            spans.append((at, at + len(w)))
        at += len(w) + 1
    words = [view[base + a:base + b] for a, b in spans]
    # The run may start with a word that only looks like a number ("đầu tư hai giai đoạn" matches "tư hai"):
    # drop leading words until the rest starts a number.
    for skip in range(len(words)):
        parsed = parse_number_words(words[skip:], lex)
        if parsed is not None:
            break
    else:
        return []
    used = words[skip:skip + parsed.used]
    if len(used) == 1 and match_key(used[0]) in lex.number_sets["one"]:
        return []
    start, end = base + spans[skip][0], base + spans[skip + parsed.used - 1][1]
    return [Number(start, end, parsed.value, words=True, approx=parsed.approx,
                   scaled=any(match_key(w) in lex.scales for w in used))]

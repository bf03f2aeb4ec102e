"""Numbers as Vietnamese news writes them: digits with separators, and spelled-out words.

Separator rules (CLAIMS.md "Values"; NOTE: keep in sync with the ``num`` group and ``DIGITS`` in patterns.py,
which only let digits, ``.`` and ``,`` into a number):

* Vietnamese style: ``.`` groups thousands, ``,`` marks decimals.
* A dot followed by one or two digits is an English-style decimal point (``2.5``).
* In a text that is plainly English-style (``1,234,567``, or a dot decimal before % or a multiplier; decided
  by candidates.article_is_english_style) a comma followed by three digits groups thousands instead
  (``english_style=True``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from solieu.extract.lexicon import Lexicon, load_lexicon, match_key


def _grouped(groups: list[str]) -> bool:
    """``["1", "234", "567"]`` is a valid thousands grouping."""
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


@functools.lru_cache(maxsize=1 << 12)  # a pure function of a short token, called for most numbers in a text
def parse_vi_number(text: str, *, english_style: bool = False) -> float | None:
    """The value of a number written with digits, ``.`` and ``,``; None when it is not one number.

    >>> parse_vi_number("2.496"), parse_vi_number("1.144.000"), parse_vi_number("1,5")
    (2496.0, 1144000.0, 1.5)
    >>> parse_vi_number("1.234,5"), parse_vi_number("12,5%"), parse_vi_number("03")
    (1234.5, 12.5, 3.0)
    >>> parse_vi_number("2.5"), parse_vi_number("2,366"), parse_vi_number("2,366", english_style=True)
    (2.5, 2.366, 2366.0)
    >>> parse_vi_number("1,234,567"), parse_vi_number("1,500.5"), parse_vi_number("1.500", english_style=True)
    (1234567.0, 1500.5, 1.5)
    >>> parse_vi_number("1.2.3") is None, parse_vi_number("12.3456") is None, parse_vi_number("") is None
    (True, True, True)
    """
    text = text.strip().removesuffix("%").strip()
    if len(text) > 40:
        return None  # no number is written this long; int() of a huge digit run is slow
    if not text or not text[0].isascii() or not text[0].isdigit():
        return None
    dots, commas = text.count("."), text.count(",")
    try:
        if not dots and not commas:
            return float(int(text))
        if dots and commas:
            # Both separators: the last one is the decimal mark, the other groups thousands.
            dec = "," if text.rfind(",") > text.rfind(".") else "."
            grp = "." if dec == "," else ","
            whole, _, frac = text.rpartition(dec)
            if dec in whole or not frac.isdigit():
                return None
            groups = whole.split(grp)
            if not _grouped(groups):
                return None
            return float("".join(groups) + "." + frac)
        sep = "." if dots else ","
        groups = text.split(sep)
        if not all(g.isdigit() for g in groups):
            return None
        if len(groups) > 2:  # 1.234.567 or 1,234,567: grouping in either style
            return float("".join(groups)) if _grouped(groups) else None
        whole, frac = groups
        if sep == ".":
            if len(frac) == 3 and not english_style:
                return float(whole + frac) if len(whole) <= 3 else None
            if len(frac) in (1, 2) or (english_style and len(frac) >= 1):
                return float(f"{whole}.{frac}")
            return None
        # one comma
        if english_style and len(frac) == 3 and len(whole) <= 3:
            return float(whole + frac)
        return float(f"{whole}.{frac}")
    except ValueError:
        return None


def format_vi(value: float, *, decimals: int = 0, grouping: bool = True) -> str:
    """``value`` written the Vietnamese way (the inverse of :func:`parse_vi_number`).

    >>> format_vi(1234567), format_vi(1234.5, decimals=1), format_vi(0.25, decimals=2), format_vi(999)
    ('1.234.567', '1.234,5', '0,25', '999')
    """
    whole, _, frac = f"{abs(value):.{decimals}f}".partition(".")
    if grouping:
        whole = f"{int(whole):,}".replace(",", ".")
    return whole + ("," + frac if frac else "")


class WordNumber:
    """A parsed run of number words: its value, how many words it used and whether it is approximate."""

    __slots__ = ("approx", "used", "value")

    def __init__(self, value: float, used: int, approx: bool):
        self.value, self.used, self.approx = value, used, approx


def _parse_words(words: Sequence[str], lex: Lexicon) -> tuple[float, bool] | None:
    """Value of the whole run ``words`` (match keys), or None if it is not one well-formed number."""
    ns = lex.number_sets
    total = 0.0        # finished sections ("hai triệu" in "hai triệu năm trăm nghìn")
    chunk = 0.0        # the current section, scale applied
    small = 0          # hundreds + tens + units before the next scale word
    digit: int | None = None
    approx = False
    prev = ""          # kind of the previous word
    last_factor = 0
    seen_value = False
    for i, w in enumerate(words):
        if w in lex.digits or (w in ns["one"] and i + 1 < len(words)):
            if digit is not None or prev in ("unit", "after_tens"):
                return None
            digit = lex.digits.get(w, 1)
            prev = "digit"
        elif w in ns["few"]:
            if digit is not None or i + 1 == len(words):
                return None
            digit, approx, prev = 2, True, "digit"
        elif w in lex.after_tens:
            if prev not in ("ten", "tens"):
                return None
            small += lex.after_tens[w]
            prev = "after_tens"
        elif w in ns["ten"]:
            if digit is not None or prev in ("ten", "tens"):
                return None
            small += 10
            prev = "ten"
        elif w in ns["tens"]:
            if digit is None:
                return None
            small += digit * 10
            digit, prev = None, "tens"
        elif w in ns["dozen"]:
            small += (digit if digit is not None else 1) * 10
            digit, prev = None, "tens"
        elif w in ns["hundred"]:
            if small >= 100:
                return None
            small = (small + (digit if digit is not None else 1)) * 100 if not small else small * 100
            digit, prev = None, "hundred"
        elif w in ns["zero_tens"]:
            if prev not in ("hundred", "scale"):
                return None
            prev = "zero_tens"
        elif w in ns["half"]:
            if prev == "hundred":
                small += 50
            elif prev == "scale":
                chunk += last_factor / 2
            else:
                return None
            prev = "half"
        elif w in lex.scales:
            f = lex.scales[w]
            if digit is not None:
                small += digit
                digit = None
            if small == 0 and prev == "scale":
                chunk *= f                       # "nghìn tỷ"
            elif last_factor and f > last_factor:
                chunk = (chunk + small) * f      # "trăm nghìn tỷ" after a smaller section
            else:
                total += chunk
                chunk = (small or 1) * f
            small, last_factor, prev = 0, f, "scale"
        else:
            return None
        seen_value = True
        if prev in ("tens", "after_tens", "ten") and digit is not None:
            return None
    if not seen_value:
        return None
    if digit is not None:
        small += digit
    return total + chunk + small, approx


def parse_number_words(words: Sequence[str], lex: Lexicon | None = None) -> WordNumber | None:
    """The longest leading run of ``words`` that is one number, e.g. ``["ba", "năm"]`` → 3 using one word.

    >>> [(n.value, n.used) for n in map(parse_number_words, (["hai", "mươi", "mốt"], ["mười", "lăm"],
    ...                                                     ["ba", "năm"], ["trăm", "rưỡi"]))]
    [(21.0, 3), (15.0, 2), (3.0, 1), (150.0, 2)]
    >>> n = parse_number_words(["vài", "chục"]); (n.value, n.approx)
    (20.0, True)
    >>> parse_number_words(["chục", "triệu"]).value, parse_number_words(["một"])
    (10000000.0, None)
    """
    lex = lex or load_lexicon()
    keys = [match_key(w) for w in words]
    # A prefix that fails on a word fails with every longer run too, so stop at the first word that cannot
    # continue; "một"/"vài" at the very end are the only words that make a prefix fail yet let it grow.
    best = None
    for used in range(1, len(keys) + 1):
        parsed = _parse_words(keys[:used], lex)
        if parsed is not None:
            best = WordNumber(parsed[0], used, parsed[1])
        elif keys[used - 1] not in lex.number_sets["one"] and keys[used - 1] not in lex.number_sets["few"]:
            break
    return best

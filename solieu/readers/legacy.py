"""Legacy Vietnamese font encodings (TCVN3/ABC and VNI): detect them in decoded text and convert to Unicode.

Their bytes are valid Windows-1252, so charset detectors cannot see them; a text is recognised by
converting it with each table and checking that the result reads as Vietnamese syllables.
The tables live in ``legacy_vi.toml`` (data, reviewed against glibc's TCVN5712-1 for TCVN3).
"""

from __future__ import annotations

import tomllib
import unicodedata
from functools import cache
from importlib import resources

import regex

ENCODINGS = {"tcvn3": "TCVN3 (ABC, .VnTime)", "vni": "VNI"}
CONVERT_SCORE = 0.75   # share of words that must become valid syllables to convert silently
SUSPECT_SCORE = 0.5    # above this (and below CONVERT_SCORE) we refuse rather than guess
MIN_MARKED = 0.2       # Vietnamese prose: well over a fifth of its syllables carry a diacritic
MIN_SIGNATURE = 0.1    # legacy marks per word needed before a table is even tried
SAMPLE_CHARS = 20_000  # enough text to judge an encoding; keeps detection fast on big files

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_WORD = regex.compile(r"[^\W\d_]+")
_SYLLABLE = regex.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)
# What each encoding leaves in text that Western European text practically never has: TCVN3 puts common
# letters (á à ả ã ạ ă ắ ơ đ ư ...) on Latin-1 symbols; VNI writes a vowel followed by a mark byte.
_SIGNATURE = {
    "tcvn3": regex.compile(r"[\u00A1-\u00AE\u00B5-\u00B9\u00BB-\u00BE]"),
    "vni": regex.compile(r"[aeiouyAEIOUY][øùûõïâáàåãäêéèúüëØÙÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[ôöÔÖ][øùûõïØÙÛÕÏ]"),
}
# Letters only Vietnamese uses: if a text has them it is already proper Unicode Vietnamese.
_UNICODE_VIETNAMESE = regex.compile(r"[ăĂđĐơƠưƯ\u1EA0-\u1EF9\u0300\u0301\u0303\u0309\u0323]")


@cache
def tables() -> dict[str, dict[str, str]]:
    data = tomllib.loads(resources.files(__package__).joinpath("legacy_vi.toml").read_text("utf-8"))
    return {name: dict(data[name]) for name in ENCODINGS}


@cache
def _pattern(encoding: str) -> regex.Pattern:
    keys = sorted(tables()[encoding], key=len, reverse=True)  # longest first: "aù" before "a"
    return regex.compile("|".join(regex.escape(k) for k in keys))


def convert(text: str, encoding: str) -> str:
    table = tables()[encoding]
    return unicodedata.normalize("NFC", _pattern(encoding).sub(lambda m: table[m[0]], text))


def encode(text: str, encoding: str) -> str:
    """Unicode -> legacy (as Latin-1 characters). The inverse table, used to build test fixtures."""
    inverse = {unicode: legacy for legacy, unicode in tables()[encoding].items()}
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def syllable_score(text: str) -> float:
    """Share of words that are well-formed Vietnamese syllables; 0 when too few words carry diacritics
    (ASCII text is not evidence of anything)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    valid = marked = 0
    for word in words:
        decomposed = unicodedata.normalize("NFD", word.lower())
        tones = sum(decomposed.count(t) for t in _TONES)
        bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        marked += not word.isascii()
        valid += tones <= 1 and bool(_SYLLABLE.fullmatch(bare))
    if marked / len(words) < MIN_MARKED:
        return 0.0
    return valid / len(words)


def _cp1252_bytes() -> dict[int, str]:
    """Windows-1252 shows bytes 0x80-0x9F as other characters (€, ‘, ...): each of those, mapped back to its
    byte as a Latin-1 character."""
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[ord(bytes([byte]).decode("cp1252"))] = chr(byte)
        except UnicodeDecodeError:
            continue  # 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252
    return table


_CP1252_BYTES = _cp1252_bytes()


def as_bytes_text(text: str) -> str | None:
    """The text as the single bytes it was typed as (each byte a Latin-1 character), or None when it
    holds characters no single-byte font encoding could have produced."""
    # One codec pass in C rather than a Python loop per character: this runs on every text file read.
    try:
        return text.encode("cp1252").decode("latin-1")
    except UnicodeEncodeError as exc:
        if ord(text[exc.start]) >= 256:
            return None  # a character no single-byte font encoding has (a Unicode Vietnamese letter...)
    # Rare: C1 control characters (U+0080-U+009F), which Windows-1252 cannot encode but a Latin-1 byte is.
    raw = text.translate(_CP1252_BYTES)
    try:
        raw.encode("latin-1")
    except UnicodeEncodeError:
        return None
    return raw


def best_legacy(text: str) -> tuple[str, float]:
    """(encoding, score) of the legacy table under which the text reads best as Vietnamese; score 0 when
    none does (or the text already holds Unicode Vietnamese letters)."""
    raw = as_bytes_text(text)
    if raw is None or raw.isascii() or _UNICODE_VIETNAMESE.search(text):
        return "", 0.0
    sample = raw[:SAMPLE_CHARS]
    words = max(1, len(_WORD.findall(sample)))
    scores = {name: syllable_score(convert(sample, name))
              if len(_SIGNATURE[name].findall(sample)) / words >= MIN_SIGNATURE else 0.0 for name in ENCODINGS}
    name = max(scores, key=scores.__getitem__)
    return name, scores[name]

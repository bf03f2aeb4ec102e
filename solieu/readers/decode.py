"""Bytes -> text, strictly: BOM, then UTF-8, then the Vietnamese single-byte encodings, then a detector's best
guess that must pass a sanity check. Nothing is ever decoded with errors="ignore"."""

from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer
import regex

from solieu.article import normalise_text
from solieu.readers import legacy
from solieu.readers.limits import ReadProblem

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an ELF executable"), (b"MZ", "a Windows executable"), (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or DOCX)"), (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
)
# Control characters that never occur in real text; a decoding that produces them is wrong.
_BAD_CONTROLS = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_TAG = regex.compile(r"<[^>]*>")
MAX_DETECTOR_CHAOS = 0.2
MAX_STRAY_CONTROLS = 100
MAX_CONTROL_SHARE = 0.005
VIETNAMESE_CODEPAGE_SCORE = legacy.CONVERT_SCORE


def sniff_binary(data: bytes) -> None:
    """Refuse bytes that are plainly not text (checked only when there is no text BOM)."""
    for magic, what in _MAGIC:
        if data.startswith(magic) and (magic != b"MZ" or b"\x00" in data[:64]):
            raise ReadProblem(f"looks like {what}, not text")
    if b"\x00" in data:
        raise ReadProblem("binary file (contains NUL bytes), not text")


def decode_text(data: bytes, *, markup: bool = False) -> str:
    """Decode a text file's bytes to normalised text (NFC, ``\\n`` newlines, no BOM).

    ``markup`` says the text is HTML, so tags are ignored when judging whether a decoding reads as Vietnamese.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec))
            except UnicodeDecodeError as exc:
                raise ReadProblem(f"starts with a {codec.upper()} byte-order mark but is not valid {codec}") from exc
    sniff_binary(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _checked(_decode_legacy_bytes(data, markup))
    return _checked(_undo_legacy_font(text, markup))


def _checked(text: str) -> str:
    """Normalised text. A few stray control characters (pasted junk) are dropped; many mean the bytes were
    not text or were decoded wrongly."""
    text = normalise_text(text)
    controls = len(_BAD_CONTROLS.findall(text))
    if controls > MAX_STRAY_CONTROLS or controls > len(text) * MAX_CONTROL_SHARE:
        raise ReadProblem("contains control characters, probably not a text file")
    return _BAD_CONTROLS.sub("", text) if controls else text


def _visible(text: str, markup: bool) -> str:
    return _TAG.sub(" ", text) if markup else text


def _undo_legacy_font(text: str, markup: bool) -> str:
    """UTF-8 text can still hold legacy-font Vietnamese (copied from an old document as Latin-1 letters)."""
    name, score = legacy.best_legacy(_visible(text, markup))
    if score >= legacy.CONVERT_SCORE:
        return legacy.convert(legacy.as_bytes_text(text), name)
    if score >= legacy.SUSPECT_SCORE:
        raise _refuse_legacy(name)
    return text


def _decode_legacy_bytes(data: bytes, markup: bool) -> str:
    # Windows-1258 decodes to base letters + combining tones; NFC gives the usual precomposed letters.
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = None
    sample = _visible(cp1258[:legacy.SAMPLE_CHARS], markup) if cp1258 is not None else ""
    if sample and legacy.syllable_score(sample) >= VIETNAMESE_CODEPAGE_SCORE:
        return cp1258
    name, score = legacy.best_legacy(_visible(data.decode("latin-1"), markup))
    if score >= legacy.CONVERT_SCORE:
        return legacy.convert(data.decode("latin-1"), name)
    if score >= legacy.SUSPECT_SCORE:
        raise _refuse_legacy(name)
    return _detector_guess(data)


def _detector_guess(data: bytes) -> str:
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > MAX_DETECTOR_CHAOS:
        raise ReadProblem("not UTF-8 and the text encoding could not be recognised; save the file as UTF-8")
    text = str(best)
    if _BAD_CONTROLS.search(text):
        raise ReadProblem(f"not UTF-8, and decoding as {best.encoding} gives control characters; save it as UTF-8")
    return text


def _refuse_legacy(name: str) -> ReadProblem:
    return ReadProblem(f"legacy {legacy.ENCODINGS[name]} font encoding suspected but could not be converted reliably; "
                       "convert it to Unicode (e.g. with UniKey's converter) and save as UTF-8")

"""Find the numeric claims in a text. Placeholder: the real extractor replaces this module's body."""

from __future__ import annotations

import regex

from solieu.model import Claim

EXTRACTOR_VERSION = "0.0.1"
_NUMBER = regex.compile(r"(?<![\w.,/-])[0-9]+(?:\.[0-9]{3})*(?:,[0-9]+)?%?(?![\w/-])")


def extract(text: str) -> list[Claim]:
    """Every numeric claim in ``text``, in order. Never raises on a ``str``."""
    claims = []
    for m in _NUMBER.finditer(text):
        raw = m.group()
        value = float(raw.rstrip("%").replace(".", "").replace(",", "."))
        claims.append(Claim(start=m.start(), end=m.end(), text=raw, value=value, value_high=None,
                            unit="%" if raw.endswith("%") else "", subject="", qualifier="exact",
                            category="other", change="", action="", sentence=""))
    return claims

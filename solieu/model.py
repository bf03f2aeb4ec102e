"""The one table schema: a numeric claim and the columns every table of claims has."""

from __future__ import annotations

from dataclasses import asdict, dataclass

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
CHANGES = ("", "up", "down")
CATEGORIES = (
    "personnel", "people", "buildings", "places", "checkpoints", "teams", "cases", "suspects",
    "violations", "money", "vehicles", "documents", "events", "health", "casualties", "incidents",
    "items", "measure", "duration", "rate", "other",
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One number in an article that says how many or how much (see ../shared/CLAIMS.md).

    ``start``/``end`` index the text given to :func:`solieu.extract`, so ``text[start:end] == claim.text``.
    """

    start: int
    end: int
    text: str                 # the number expression as written: "4.600", "1,5 triệu", "12,5%"
    value: float              # multiplier applied: "1,5 triệu" -> 1500000.0
    value_high: float | None  # upper end of a range, else None
    unit: str                 # counted noun or measure right after the number, lower-cased; "%" for percents
    subject: str              # longer noun phrase of what is counted
    qualifier: str            # one of QUALIFIERS
    category: str             # one of CATEGORIES
    change: str               # "", "up" or "down"
    action: str               # verb phrase governing the number ("điều động, bố trí"), "" when none
    sentence: str             # the sentence that holds the claim

    def as_dict(self) -> dict:
        return asdict(self)


CLAIM_FIELDS = tuple(Claim.__dataclass_fields__)
# Columns of a claims table (CLI rows, store, exports, dashboard): the article, then the claim.
ARTICLE_FIELDS = ("source", "article_id", "title", "published")
COLUMNS = ARTICLE_FIELDS + CLAIM_FIELDS

"""Check the held-out labels: every span indexes its text, fields are valid, nothing overlaps.

    python3 tests/data/heldout/check_offsets.py
"""

from __future__ import annotations

import itertools
import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUALIFIERS = {"exact", "approx", "at_least", "at_most", "range"}
CATEGORIES = {"personnel", "people", "buildings", "places", "checkpoints", "teams", "cases", "suspects",
              "violations", "money", "vehicles", "documents", "events", "health", "casualties", "incidents",
              "items", "measure", "duration", "rate", "other"}


def body_of(path: Path) -> str:
    raw = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    head, sep, body = raw.partition("\n\n")
    assert sep and head.startswith("url:"), path
    return body


def check(path: Path) -> list[str]:
    problems = []
    body = body_of(path.with_name(path.name.replace(".gold.json", ".txt")))
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["claims"] + data["optional"]
    for item in items:
        if body[item["start"]:item["end"]] != item["text"]:
            problems.append(f"{path.name}: span {item['start']}:{item['end']} is {body[item['start']:item['end']]!r}, "
                            f"label says {item['text']!r}")
    for c in data["claims"]:
        if c["qualifier"] not in QUALIFIERS or c["category"] not in CATEGORIES or c["change"] not in ("", "up", "down"):
            problems.append(f"{path.name}: bad field in {c}")
        if (c["qualifier"] == "range") != (c["value_high"] is not None):
            problems.append(f"{path.name}: range/value_high mismatch in {c['text']!r}")
    spans = sorted((i["start"], i["end"]) for i in items)
    problems += [f"{path.name}: overlapping spans {a} {b}" for a, b in itertools.pairwise(spans) if b[0] < a[1]]
    return problems


def main() -> int:
    golds = sorted(HERE.glob("h*.gold.json"))
    problems = [p for g in golds for p in check(g)]
    print("\n".join(problems) or f"ok: {len(golds)} passages, "
          f"{sum(len(json.loads(g.read_text(encoding='utf-8'))['claims']) for g in golds)} claims")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

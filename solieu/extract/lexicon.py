"""Load and validate the Vietnamese word data (``solieu/lexicon/vi.toml``) once.

All words the extractor knows live in that file; this module turns it into lookup tables keyed by
:func:`match_key`, so a word matches whatever tone placement (``hoà``/``hòa``) or case it was written in.
A malformed file raises :class:`~solieu.errors.LexiconError` naming the file and the key.
"""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import regex

from solieu.errors import LexiconError
from solieu.model import CATEGORIES, QUALIFIERS

SECTIONS = frozenset({
    "scales", "number_words", "percent", "qualifiers", "transparent", "changes", "not_change", "ranges", "units",
    "context", "non_claim", "list_intro", "actions", "subject_stops", "tone_placement", "rule_words",
})
RULE_WORD_KEYS = frozenset({"copula", "counting", "estimate_opener", "on_after_noun", "turn", "level_to"})
NUMBER_WORD_KEYS = frozenset({"digits", "one", "after_tens", "ten", "tens", "hundred", "dozen", "zero_tens", "half",
                              "few"})
CONTEXT_KEYS = frozenset({"units", "local_units", "before", "after", "sentence"})
CHANGES = ("up", "down")


@dataclass(frozen=True)
class Context:
    """Words that move one of ``units`` into this context's category."""

    units: frozenset[str]
    before: frozenset[str]
    after: frozenset[str]
    sentence: tuple[str, ...]
    # Moved only by the words right before or after them, never by the sentence or the list they are in:
    # "3 chiến sĩ bị ngạt khói" are casualties, "300 chiến sĩ tìm kiếm 5 người mất tích" are not.
    local_units: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per file, cached
class Lexicon:
    source: str
    tone: dict[str, str]
    scales: dict[str, int]                     # key -> factor
    digits: dict[str, int]                     # hai -> 2
    after_tens: dict[str, int]                 # mốt -> 1 (only after mươi/mười)
    number_sets: dict[str, frozenset[str]]     # one/ten/tens/hundred/dozen/zero_tens/half/few
    percent: frozenset[str]
    qual_after: dict[str, str]
    range_from: frozenset[str]
    range_to: frozenset[str]
    units: dict[str, str]                      # key -> category
    unit_surfaces: tuple[str, ...]             # every surface, both tone placements, longest first
    contexts: dict[str, Context]
    rank_words: tuple[str, ...]
    estimate_words: frozenset[str]
    percent_yardsticks: frozenset[str]
    list_intro: frozenset[str]
    actions: frozenset[str]
    subject_stops: frozenset[str]              # one- or two-word phrases that end a subject
    number_word_surfaces: tuple[str, ...] = field(default=())
    # One lookup for the words before a number: key -> (kind, value); where a key is listed under several kinds
    # the first of non_claim, label, not_change, qualifier, change, transparent wins (parse_lexicon).
    prefix_table: dict[str, tuple[str, str]] = field(default_factory=dict)
    restate: frozenset[str] = frozenset()      # "tương ứng": after a list separator, restates the last figure
    # Single words that one rule each looks for ([rule_words] in vi.toml says which).
    copula: frozenset[str] = frozenset()           # "là"
    counting: frozenset[str] = frozenset()         # "số"
    estimate_openers: tuple[str, ...] = ()         # "ước"
    on_after_noun: frozenset[str] = frozenset()    # "trên"
    turn: frozenset[str] = frozenset()             # "lượt"
    level_to: frozenset[str] = frozenset()         # "lên", "xuống"
    # The lower-case spellings (both tone placements) of the words after which a number may stand without a unit
    # (copula, range_from): tested on every bare number, so one set lookup instead of a key per word.
    stand_alone_after: frozenset[str] = frozenset()


def _tone_re(tone: dict[str, str]) -> regex.Pattern:
    # Only at the end of a syllable ("hoàn" keeps its tone on "a" in both styles), and not after "q", where
    # "u" belongs to the consonant ("quý" is the same in both styles).
    alt = "|".join(regex.escape(k) for k in sorted(tone, key=len, reverse=True))
    return regex.compile(rf"(?<![qQ])(?:{alt})(?![\p{{L}}\p{{M}}])")


# The vowels a tone-placement rule can touch; a word without any of them is already its own key.
_TONE_VOWELS = frozenset("oaeuyòóỏõọàáảãạèéẻẽẹùúủũụỳýỷỹỵ")


def _tone_key(text: str, tone: dict[str, str], tone_re: regex.Pattern) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    if _TONE_VOWELS.isdisjoint(text):  # (one C-level pass: this runs for the word before every number)
        return text
    return tone_re.sub(lambda m: tone[m.group()], text, timeout=1.0)


def _old_to_new(text: str, tone: dict[str, str]) -> str:
    """The newer-style spelling of ``text`` (for generating both spellings of a surface)."""
    if not tone:
        return text
    inverse = {v: k for k, v in tone.items()}
    alt = "|".join(regex.escape(k) for k in sorted(inverse, key=len, reverse=True))
    return regex.sub(rf"(?<![qQ])(?:{alt})(?![\p{{L}}\p{{M}}])", lambda m: inverse[m.group()], text, timeout=1.0)


class _Checker:
    """Collects the validation rules in one place so every error names the file and the key."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, key: str, problem: str) -> None:
        raise LexiconError(f"{self.source}: [{key}] {problem}")

    def table(self, value, key: str) -> dict:
        if not isinstance(value, dict):
            self.fail(key, f"must be a table, not {type(value).__name__}")
        return value

    def strings(self, value, key: str) -> list[str]:
        if not isinstance(value, list):
            self.fail(key, f"must be a list of strings, not {type(value).__name__}")
        seen = set()
        for item in value:
            self.string(item, key)
            if item in seen:
                self.fail(key, f"lists {item!r} twice")
            seen.add(item)
        return value

    def string(self, item, key: str) -> str:
        if not isinstance(item, str):
            self.fail(key, f"expected a string, got {item!r}")
        if not item.strip():
            self.fail(key, "contains an empty string")
        if item != item.strip():
            self.fail(key, f"{item!r} has leading or trailing spaces")
        if not unicodedata.is_normalized("NFC", item):
            self.fail(key, f"{item!r} is not NFC")
        if item != item.lower():
            self.fail(key, f"{item!r} must be written lower-case")
        return item

    def number_table(self, value, key: str) -> dict[str, int]:
        value = self.table(value, key)
        for word, number in value.items():
            self.string(word, key)
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                self.fail(f"{key}.{word}", f"must be a non-negative integer, not {number!r}")
        return value


def _unique(checker: _Checker, owner: dict[str, str], surfaces: Iterable[str], key: str, keyfn) -> None:
    """Record ``surfaces`` as belonging to ``key``; a surface already owned by another key is ambiguous."""
    for s in surfaces:
        k = keyfn(s)
        if k in owner and owner[k] != key:
            checker.fail(key, f"{s!r} is also listed under [{owner[k]}]")
        owner[k] = key


def parse_lexicon(data: dict, source: str) -> Lexicon:
    """Validate parsed TOML ``data`` and build the lookup tables. ``source`` names the file in errors."""
    c = _Checker(source)
    unknown = set(data) - SECTIONS
    if unknown:
        c.fail(min(unknown), f"unknown section (known: {', '.join(sorted(SECTIONS))})")
    missing = {"scales", "number_words", "units", "qualifiers"} - set(data)
    if missing:
        c.fail(min(missing), "section is missing")

    tone = c.table(data.get("tone_placement", {}), "tone_placement")
    for k, v in tone.items():
        c.string(k, "tone_placement")
        c.string(v, f"tone_placement.{k}")
    tone_re = _tone_re(tone) if tone else regex.compile(r"(?!)")

    def key(s: str) -> str:
        return _tone_key(s, tone, tone_re)

    def keys(surfaces: Iterable[str]) -> frozenset[str]:
        return frozenset(key(s) for s in surfaces)

    scales: dict[str, int] = {}
    owner: dict[str, str] = {}
    for name, entry in c.table(data["scales"], "scales").items():
        entry = c.table(entry, f"scales.{name}")
        factor = entry.get("factor")
        if not isinstance(factor, int) or factor <= 1:
            c.fail(f"scales.{name}", f"factor must be an integer > 1, not {factor!r}")
        surfaces = c.strings(entry.get("surfaces", []), f"scales.{name}")
        if not surfaces:
            c.fail(f"scales.{name}", "has no surfaces")
        _unique(c, owner, surfaces, f"scales.{name}", key)
        scales.update(dict.fromkeys(keys(surfaces), factor))

    nw = c.table(data["number_words"], "number_words")
    extra = set(nw) - NUMBER_WORD_KEYS
    if extra:
        c.fail(f"number_words.{min(extra)}", "unknown key")
    digits = {key(k): v for k, v in c.number_table(nw.get("digits", {}), "number_words.digits").items()}
    after_tens = {key(k): v for k, v in c.number_table(nw.get("after_tens", {}), "number_words.after_tens").items()}
    number_sets = {}
    owner = {}
    _unique(c, owner, nw.get("digits", {}), "number_words.digits", key)
    for name in sorted(NUMBER_WORD_KEYS - {"digits", "after_tens"}):
        surfaces = c.strings(nw.get(name, []), f"number_words.{name}")
        _unique(c, owner, surfaces, f"number_words.{name}", key)
        number_sets[name] = keys(surfaces)

    pct = c.table(data.get("percent", {}), "percent")
    percent = keys(c.strings(pct.get("surfaces", []), "percent.surfaces"))
    yardsticks = keys(c.strings(pct.get("yardsticks", []), "percent.yardsticks"))

    qual_before: dict[str, str] = {}
    qual_after: dict[str, str] = {}
    owner_b: dict[str, str] = {}
    owner_a: dict[str, str] = {}
    for name, entry in c.table(data["qualifiers"], "qualifiers").items():
        if name not in QUALIFIERS:
            c.fail(f"qualifiers.{name}", f"unknown qualifier (known: {', '.join(QUALIFIERS)})")
        entry = c.table(entry, f"qualifiers.{name}")
        extra = set(entry) - {"before", "after", "clause"}
        if extra:
            c.fail(f"qualifiers.{name}.{min(extra)}", "unknown key (known: before, after, clause)")
        if "clause" in entry and name != "approx":
            c.fail(f"qualifiers.{name}.clause", "only [qualifiers.approx] has clause words (estimation verbs)")
        before = c.strings(entry.get("before", []), f"qualifiers.{name}.before")
        after = c.strings(entry.get("after", []), f"qualifiers.{name}.after")
        _unique(c, owner_b, before, f"qualifiers.{name}.before", key)
        _unique(c, owner_a, after, f"qualifiers.{name}.after", key)
        qual_before.update(dict.fromkeys(keys(before), name))
        qual_after.update(dict.fromkeys(keys(after), name))

    def surfaces_of(section: str) -> frozenset[str]:
        return keys(c.strings(c.table(data.get(section, {}), section).get("surfaces", []), f"{section}.surfaces"))

    change: dict[str, str] = {}
    owner = {}
    for name, entry in c.table(data.get("changes", {}), "changes").items():
        if name not in CHANGES:
            c.fail(f"changes.{name}", "unknown change (known: up, down)")
        surfaces = c.strings(c.table(entry, f"changes.{name}").get("surfaces", []), f"changes.{name}")
        _unique(c, owner, surfaces, f"changes.{name}", key)
        change.update(dict.fromkeys(keys(surfaces), name))

    ranges = c.table(data.get("ranges", {}), "ranges")
    range_from = keys(c.strings(ranges.get("from", []), "ranges.from"))
    range_to = keys(c.strings(ranges.get("to", []), "ranges.to"))

    units: dict[str, str] = {}
    all_surfaces: set[str] = set()
    owner = {}
    for cat, entry in c.table(data["units"], "units").items():
        if cat not in CATEGORIES:
            c.fail(f"units.{cat}", f"unknown category (known: {', '.join(CATEGORIES)})")
        surfaces = c.strings(c.table(entry, f"units.{cat}").get("surfaces", []), f"units.{cat}")
        _unique(c, owner, surfaces, f"units.{cat}", key)
        for s in surfaces:
            units[key(s)] = cat
            all_surfaces.update({s, key(s), _old_to_new(key(s), tone)})

    contexts: dict[str, Context] = {}
    for cat, entry in c.table(data.get("context", {}), "context").items():
        if cat not in CATEGORIES:
            c.fail(f"context.{cat}", "unknown category")
        entry = c.table(entry, f"context.{cat}")
        extra = set(entry) - CONTEXT_KEYS
        if extra:
            c.fail(f"context.{cat}.{min(extra)}", "unknown key (known: units, local_units, before, after, sentence)")
        ctx_units = keys(c.strings(entry.get("units", []), f"context.{cat}.units"))
        local_units = keys(c.strings(entry.get("local_units", []), f"context.{cat}.local_units"))
        for u in ctx_units | local_units:
            if u not in units:
                c.fail(f"context.{cat}.units", f"{u!r} is not a unit in [units]")
        contexts[cat] = Context(
            units=ctx_units,
            before=keys(c.strings(entry.get("before", []), f"context.{cat}.before")),
            after=keys(c.strings(entry.get("after", []), f"context.{cat}.after")),
            sentence=tuple(sorted(keys(c.strings(entry.get("sentence", []), f"context.{cat}.sentence")))),
            local_units=local_units - ctx_units,
        )

    non_claim = c.table(data.get("non_claim", {}), "non_claim")
    extra = set(non_claim) - {"before", "label_before", "rank_words"}
    if extra:
        c.fail(f"non_claim.{min(extra)}", "unknown key (known: before, label_before, rank_words)")
    non_claim_before = keys(c.strings(non_claim.get("before", []), "non_claim.before"))
    label_before = keys(c.strings(non_claim.get("label_before", []), "non_claim.label_before"))
    rank_words = tuple(sorted(keys(c.strings(non_claim.get("rank_words", []), "non_claim.rank_words"))))
    estimate_words = keys(c.strings(data["qualifiers"].get("approx", {}).get("clause", []), "qualifiers.approx.clause"))
    for phrase in estimate_words:
        if len(phrase.split()) not in (2, 3):  # classify.read_prefix looks for phrases of two or three words
            c.fail("qualifiers.approx.clause", f"{phrase!r} must be two or three words")
    for word in non_claim_before & label_before:
        c.fail("non_claim.label_before", f"{word!r} is also listed under [non_claim.before]")

    rule = c.table(data.get("rule_words", {}), "rule_words")
    extra = set(rule) - RULE_WORD_KEYS
    if extra:
        c.fail(f"rule_words.{min(extra)}", f"unknown key (known: {', '.join(sorted(RULE_WORD_KEYS))})")
    rule_words = {name: keys(c.strings(rule.get(name, []), f"rule_words.{name}")) for name in RULE_WORD_KEYS}
    for name, words in rule_words.items():
        for word in words:
            if " " in word:
                c.fail(f"rule_words.{name}", f"{word!r} must be one word")

    number_word_surfaces = set(nw.get("digits", {})) | set(nw.get("after_tens", {}))
    for name in NUMBER_WORD_KEYS - {"digits", "after_tens"}:
        number_word_surfaces.update(nw.get(name, []))
    for entry in data["scales"].values():
        number_word_surfaces.update(entry["surfaces"])
    number_word_surfaces |= {_old_to_new(key(s), tone) for s in number_word_surfaces}

    prefix_table: dict[str, tuple[str, str]] = {}
    for kind, table in (("non_claim", dict.fromkeys(non_claim_before, "")),
                        ("label", dict.fromkeys(label_before, "")),
                        ("not_change", dict.fromkeys(surfaces_of("not_change"), "")),
                        ("qualifier", qual_before), ("change", change),
                        ("transparent", dict.fromkeys(surfaces_of("transparent"), ""))):
        for k, v in table.items():
            prefix_table.setdefault(k, (kind, v))

    return Lexicon(
        prefix_table=prefix_table,
        source=source, tone=dict(tone), scales=scales, digits=digits, after_tens=after_tens,
        number_sets=number_sets, percent=percent, qual_after=qual_after,
        range_from=range_from, range_to=range_to, units=units,
        unit_surfaces=tuple(sorted(all_surfaces, key=lambda s: (-len(s), s))), contexts=contexts,
        rank_words=rank_words,
        estimate_words=estimate_words, percent_yardsticks=yardsticks,
        list_intro=surfaces_of("list_intro"), actions=surfaces_of("actions"),
        subject_stops=surfaces_of("subject_stops"),
        restate=keys(c.strings(c.table(data.get("transparent", {}), "transparent").get("restate", []),
                               "transparent.restate")),
        number_word_surfaces=tuple(sorted(number_word_surfaces, key=lambda s: (-len(s), s))),
        copula=rule_words["copula"], counting=rule_words["counting"],
        estimate_openers=tuple(sorted(rule_words["estimate_opener"])), on_after_noun=rule_words["on_after_noun"],
        turn=rule_words["turn"], level_to=rule_words["level_to"],
        stand_alone_after=frozenset(spelling for k in rule_words["copula"] | range_from
                                    for spelling in (k, _old_to_new(k, tone))),
    )


def read_lexicon(path: str | Path) -> Lexicon:
    """Read and validate one lexicon file (uncached; tests use it on broken files)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc
    return parse_lexicon(data, str(path))


@functools.cache
def load_lexicon(lang: str = "vi") -> Lexicon:
    """The shipped lexicon for ``lang``, read and validated once per process."""
    resource = resources.files("solieu").joinpath("lexicon", f"{lang}.toml")
    try:
        text = resource.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{resource}: {exc}") from exc
    return parse_lexicon(data, str(resource))


@functools.cache
def _default_tone() -> tuple[dict[str, str], regex.Pattern]:
    lex = load_lexicon()
    return lex.tone, _tone_re(lex.tone)


def word_keys(words: list[str], *, lowered: bool = False) -> list[str]:
    """:func:`match_key` of each word of NFC text, without a cache lookup per word (this runs for the words
    around every number): lower-case (unless ``lowered``), then fix the tone placement of the few words that
    need it."""
    tone = _default_tone()[0]
    keys = words if lowered else " ".join(words).lower().split(" ")
    return [k if k[-2:] not in tone or k[-3:-2] == "q" else k[:-2] + tone[k[-2:]] for k in keys]


@functools.lru_cache(maxsize=1 << 16)
def match_key(text: str) -> str:
    """Lower-case NFC text with tone marks placed the older way, for matching lexicon entries.

    >>> match_key("Hoà") == match_key("hòa") == "hòa"
    True
    >>> match_key("thuỷ") == match_key("thủy"), match_key("quý")
    (True, 'quý')
    >>> match_key("hoàn")
    'hoàn'
    """
    tone, tone_re = _default_tone()
    return _tone_key(text, tone, tone_re)

"""Read the words around a number: its unit, qualifier, change, governing verb and category.

Everything here looks at a short window around one number (never the whole text) and decides with dict
and set lookups on :func:`~solieu.extract.lexicon.match_key` keys.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from solieu.extract.lexicon import Lexicon, match_key, word_keys

_QUOTES = "\"“”‘’'«»"
_STRIP = _QUOTES + "–-"
PREFIX_REACH = 80       # characters looked at before a number
MAX_PHRASE = 4          # words in the longest qualifier/change/verb phrase ("điều tra khám phá"; see test_lexicon)


@dataclass(slots=True)
class Prefix:
    """What the words before a number say about it."""

    non_claim: bool = False     # "ngày 15", "Điều 5": a date/identifier whatever follows
    label: bool = False         # "chốt số 12": an identifier unless a unit follows
    qualifier: str | None = None
    change: str = ""
    blocked_change: bool = False  # "tăng cường 50": a change-looking word that is not one
    action: str = ""
    verbs: tuple[str, ...] = ()   # keys of the phrases ending right before the qualifier run
    range_from: bool = False      # "từ 3 đến 5"
    estimated: bool = False       # "ước tính ... là 27,87 tỷ": an estimation verb earlier in the clause


def _phrases(keys: list[str], end: int) -> list[tuple[int, str]]:
    """``(n, phrase)`` for the phrases of ``MAX_PHRASE`` ... 1 words ending at ``keys[end - 1]``, longest first."""
    return [(n, " ".join(keys[end - n:end])) for n in range(min(MAX_PHRASE, end), 0, -1)]


# Where a clause starts: after ; : ! ? ( ) [ ] quotes | or a line break, or at the space of ". " (not the dot
# inside "1.000" or "TP.HCM"). Where a subject ends: before ; : ( ) [ ] = / | a line break, or ". ".
# Each stop character and ". " is found with str.find (a memchr-speed scan, a few times faster than one
# regex character-class scan here): stops are a few per sentence, so the Python loop over hits is short.
_STOP_CHARS = ';:!?()[]\n"“”|=/'
_NOT_CLAUSE = "=/"
_NOT_SUBJECT = '!?"“”'
SUBJECT_REACH = 160     # characters looked at from a unit for its subject


class Stops:
    """Where clauses start and subjects end in one stretch of text (a chunk, widened by the reach of the
    context readers): one scan per chunk and a bisection per number, instead of a dozen ``rfind``/``find``
    calls (or a regex call with its timeout) per number."""

    __slots__ = ("_clause", "_subject")

    def __init__(self, view: str, lo: int, hi: int):
        lo, hi = max(0, lo - PREFIX_REACH), min(len(view), hi + SUBJECT_REACH)
        clause: list[int] = []
        subj: list[int] = []
        find = view.find
        for ch in _STOP_CHARS:
            i = find(ch, lo, hi)
            if i < 0:
                continue
            at = []
            while i >= 0:
                at.append(i)
                i = find(ch, i + 1, hi)
            if ch not in _NOT_CLAUSE:
                clause.extend(i + 1 for i in at)    # the clause starts after it
            if ch not in _NOT_SUBJECT:
                subj.extend(at)                     # the subject ends before it
        i = find(". ", lo, hi)
        while i >= 0:
            clause.append(i + 1)
            subj.append(i)
            i = find(". ", i + 1, hi)
        clause.sort()
        subj.sort()
        self._clause = clause
        self._subject = subj

    def clause_start(self, lo: int, start: int) -> int:
        """Where the clause holding ``start`` begins, searching back to ``lo``. (``start`` is where a number
        begins, never a space, so every recorded ". " lies wholly before it.)"""
        i = bisect.bisect_right(self._clause, start) - 1
        return self._clause[i] if i >= 0 and self._clause[i] > lo else lo

    def subject_end(self, view: str, start: int) -> int:
        """The first subject stop in ``view[start:start + SUBJECT_REACH]`` (``start + SUBJECT_REACH`` if none);
        a ". " counts only when both its characters are in that window."""
        limit = start + SUBJECT_REACH
        i = bisect.bisect_left(self._subject, start)
        if i < len(self._subject):
            at = self._subject[i]
            if at < limit - 1 or (at == limit - 1 and view[at] != "."):
                return at
        return limit


@functools.cache
def _last_words(lex: Lexicon) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The last word of every phrase a lookup can hit: (any prefix-table kind, the kinds the walk over
    qualifier/change words takes, actions, units). A key that ends no phrase needs no joins at all."""
    def last(phrases) -> frozenset[str]:
        return frozenset(p.rsplit(" ", 1)[-1] for p in phrases)
    walk = [k for k, (kind, _v) in lex.prefix_table.items() if kind not in ("non_claim", "label")]
    return last(lex.prefix_table), last(walk), last(lex.actions), last(lex.units)


@functools.cache
def _estimate_marks(lex: Lexicon) -> tuple[str, ...]:
    """A clause holds an estimation verb ([qualifiers.approx] clause) only if it holds one of these: the word
    every such verb shares ("ước"), else all their words. A substring test rules most clauses out cheaply."""
    phrases = [set(p.split()) for p in lex.estimate_words]
    if not phrases:
        return ()
    return tuple(sorted(set.intersection(*phrases) or set.union(*phrases)))


def read_prefix(view: str, start: int, lex: Lexicon, stops: Stops) -> Prefix:
    lo = max(0, start - PREFIX_REACH)
    seg = view[stops.clause_start(lo, start):start]
    head, comma, last = seg.rpartition(",")
    last_low = last.lower()
    words = last.rsplit(None, 6)[-6:]  # the last six words (rsplit stops there)
    stripped = [w.strip(_STRIP) for w in words]
    if stripped == words:
        keys = word_keys(last_low.rsplit(None, 6)[-6:], lowered=True)  # the same words, lower-cased in one call
    else:  # quotes or dashes around a word (rare): strip them, drop what was only that
        words = [w for w in stripped if w]
        keys = word_keys(words)
    p = Prefix()
    if not keys:
        return p
    clause_words = len(last.split(None, 6))  # (7 means "more than the six words read")
    if keys[-1].isdigit() and seg.endswith(" "):
        # "1900 1234", "0912 345 678": digit groups separated by spaces are a phone number or a code.
        p.non_claim = True
        return p
    table = lex.prefix_table
    any_end, walk_end, action_end, unit_end = _last_words(lex)
    nk = len(keys)
    # (A last word that ends no table phrase cannot make any of these lookups hit: skip them.)
    for n in range(min(MAX_PHRASE, nk), 0, -1) if keys[-1] in any_end else ():
        phrase = keys[-1] if n == 1 else " ".join(keys[nk - n:])
        kind = table.get(phrase, ("", ""))[0]
        if not kind:
            continue
        if nk > n and words[-n][:1].isupper() and words[-n - 1][:1].isupper() and not (
                nk - n - 1 == 0 and clause_words == nk):
            continue  # the tail of a proper name: "Vũng Tàu 2" is not "tàu 2" (a clause's first word is
            # capitalised anyway: "Theo Điều 201" is "Điều 201")
        if kind not in ("non_claim", "label"):
            break  # a longer phrase ends in a label word: "khẩn cấp 500" is not "cấp 500"
        if kind == "non_claim":
            p.non_claim = True
            return p
        # A label. "số" after a name or a counted noun marks an identifier whatever follows: "Tiểu đoàn CSCĐ
        # số 3", "chốt số 12"; "tổng số 737 mẫu" is a count.
        before = nk - n - 1
        named = (before > 0 and words[before][:1].isupper()) or (before >= 0 and keys[before] in lex.units)
        if phrase in lex.counting and named:
            p.non_claim = True
            return p
        p.label = True
        break
    p.range_from = keys[-1] in lex.range_from
    if any(w in last_low for w in _estimate_marks(lex)):
        clause = word_keys(last.split())
        p.estimated = any(" ".join(clause[i:i + n]) in lex.estimate_words
                          for n in (2, 3) for i in range(len(clause) - n + 1))
    # Walk back over qualifier, change and transparent words: "ước đạt trên", "tăng gần", "ước tăng".
    i = nk
    qual_word = ""
    qual_at = 0
    steps = 0
    walking = True
    while walking and i > 0 and steps < 6 and keys[i - 1] in walk_end:
        steps += 1
        for n in range(min(MAX_PHRASE, i), 0, -1):
            phrase = keys[i - 1] if n == 1 else " ".join(keys[i - n:i])
            entry = table.get(phrase)
            if entry is None or (entry[0] in ("non_claim", "label") and n == 1):
                continue
            if entry[0] in ("non_claim", "label"):
                walking = False  # a longer label phrase ends here ("nhiệt độ lên tới 39,5"): its last word
                break            # ("độ") is no qualifier
            kind, value = entry
            if kind == "not_change":
                p.blocked_change = True
            elif kind == "qualifier" and p.qualifier is None and value != "exact":
                p.qualifier, qual_word, qual_at = value, phrase, i - n
            elif kind == "change" and not p.change and not p.blocked_change:
                p.change = value
            i -= n
            break
        else:
            break
    # "1.051 sinh viên trên 63 tỉnh", "10 người trên 2 tàu": after a counted noun "trên" means "on".
    if qual_word in lex.on_after_noun and qual_at and keys[qual_at - 1] in unit_end and any(
            ph in lex.units for _n, ph in _phrases(keys, qual_at)):
        p.qualifier = None
    p.verbs = tuple(phrase for _n, phrase in _phrases(keys, i))
    if i and keys[i - 1] in action_end:
        p.action = _action(words, keys, i, head if comma else None, lex)
    return p


def _action(words: list[str], keys: list[str], end: int, head: str | None, lex: Lexicon) -> str:
    """The verb phrase ending at ``end`` ("ban hành"), chained over commas ("điều động, bố trí"); ``head`` is
    the clause before the last comma, None when there is no comma."""
    for n, phrase in _phrases(keys, end):
        if phrase in lex.actions:
            action = " ".join(words[end - n:end])
            if end - n == 0 and head is not None:
                prev_words = head.rpartition(",")[2].split()
                prev_keys = [match_key(w) for w in prev_words]
                for m, ph in _phrases(prev_keys, len(prev_keys)):
                    if ph in lex.actions:
                        return " ".join(prev_words[-m:]) + ", " + action
            return action
    return ""


@dataclass(slots=True)
class Unit:
    text: str        # as written, lower-cased
    key: str
    category: str
    start: int       # view span of the unit
    end: int
    after: list[str]  # keys of the words after the unit, up to the next punctuation


_TRAIL = ",.;:()[]!?…" + _QUOTES
TAIL_REACH = 64


def tail_words(view: str, pos: int, limit: int = MAX_PHRASE + 3) -> list[tuple[str, int, bool]]:
    """Up to ``limit`` words after ``pos`` in the same clause as ``(word, view start, ends the clause)``;
    cheap: one slice and one split, no regex. Quotes around words are dropped: "con bạc" is sometimes
    quoted."""
    tail = view[pos:pos + TAIL_REACH]
    out: list[tuple[str, int, bool]] = []
    off = 0
    pieces = tail.split(" ")
    for i, raw in enumerate(pieces):
        start = off
        off += len(raw) + 1
        if not raw:
            continue
        if i == len(pieces) - 1 and len(tail) == TAIL_REACH:
            break  # may be cut by the window
        stop = False
        nl = raw.find("\n")
        if nl >= 0:
            raw, stop = raw[:nl], True
        core = raw.lstrip(_QUOTES)
        lead = len(raw) - len(core)
        word = core.rstrip(_TRAIL)
        stop = stop or len(word) != len(core)
        if word:
            out.append((word, pos + start + lead, stop))
        if stop or (not word and core) or len(out) >= limit:
            break
    return out


def read_unit(view: str, pos: int, lex: Lexicon) -> Unit | None:
    """The longest lexicon unit written right after ``pos`` ("người bị thương", "tỷ đồng" → "đồng"...)."""
    words = tail_words(view, pos)
    if not words:
        return None
    first_word, first_start, _ = words[0]
    if first_start > pos and view[pos:first_start].strip(" " + _QUOTES):
        return None
    keys = [match_key(w) for w, _s, _stop in words[:MAX_PHRASE + 1]]
    reach = len(keys)
    for i, (_w, _s, stop) in enumerate(words[:reach]):
        if stop:
            reach = i + 1
            break
    for n in range(reach, 0, -1):
        key = " ".join(keys[:n])
        category = lex.units.get(key)
        if category is None and n == 1 and "/" in first_word:
            # "km/h" is a unit; in "đồng/suất" or "ca/ngày" the unit is the part before the slash.
            first_word = first_word.split("/", 1)[0]
            key = match_key(first_word)
            category = lex.units.get(key)
            if category is not None:
                return Unit(first_word.lower(), key, category, first_start, first_start + len(first_word),
                            [])
        if category is not None:
            last_word, last_start, _ = words[n - 1]
            end = last_start + len(last_word)
            after = [] if words[n - 1][2] else [match_key(w) for w, _s, _st in words[n:n + MAX_PHRASE]]
            return Unit(view[first_start:end].lower(), key, category, first_start, end, after)
    return None


def unit_at(view: str, span: tuple[int, int] | None, lex: Lexicon) -> Unit | None:
    """The Unit for a span the number pattern matched; the words after it are read only when a context
    rule needs them (see :func:`unit_after`)."""
    if span is None:
        return None
    text = view[span[0]:span[1]]
    key = match_key(text)
    category = lex.units.get(key)
    if category is None:
        return None
    turn = key.split(" ", 1)[0]
    if turn in lex.turn:
        # "lượt doanh nghiệp": turns of a noun count as that noun; read again after "lượt", since the noun may
        # be longer than a "lượt ..." entry ("lượt người bệnh" is patients, not "lượt người")
        counted = read_unit(view, span[0] + len(turn), lex)
        if counted is not None and counted.key not in lex.turn and counted.end >= span[1]:
            return Unit(view[span[0]:counted.end].lower(), f"{turn} {counted.key}", counted.category, span[0],
                        counted.end, counted.after)
    return Unit(text.lower(), key, category, span[0], span[1], [])


def unit_after(view: str, unit: Unit) -> list[str]:
    if not unit.after:
        unit.after = words_after(view, unit.end, MAX_PHRASE)
    return unit.after


@functools.cache
def _first_words(lex: Lexicon) -> tuple[str, ...]:
    return tuple({w.split()[0] for w in lex.qual_after})


def qualifier_near(view: str, lo: int, hi: int, lex: Lexicon) -> bool:
    """Could an after-qualifier start in ``view[lo:hi]``? False rules out :func:`after_qualifier` at every
    position from ``lo`` to ``hi - 16``. A substring test per first word (there are two) is cheaper than a
    regex call with its timeout."""
    near = view[lo:hi].lower()
    for word in _first_words(lex):  # noqa: SIM110 - a plain loop: any() over a generator costs more here
        if word in near:
            return True
    return False


def after_qualifier(view: str, pos: int, lex: Lexicon) -> tuple[str, int] | None:
    """``(qualifier, end)`` of a qualifier written right after ``pos``: "100 hộ trở lên", "200 có lẻ tấn"."""
    if not qualifier_near(view, pos, pos + 16, lex):
        return None
    words = tail_words(view, pos, 2)
    if not words or words[0][1] - pos > 2:
        return None
    keys = [match_key(w) for w, _s, _st in words]
    for n in (2, 1):
        q = lex.qual_after.get(" ".join(keys[:n]))
        if q and len(keys) >= n:
            return q, words[n - 1][1] + len(words[n - 1][0])
    return None


def words_after(view: str, pos: int, count: int = 4) -> list[str]:
    """Keys of the next ``count`` words after ``pos`` in the same clause."""
    out = []
    for w, _s, stop in tail_words(view, pos, count):
        out.append(match_key(w))
        if stop:
            break
    return out


def context_category(view: str, unit: Unit, prefix: Prefix, lex: Lexicon) -> str | None:
    """A category that the words right after or the verb right before give an ambiguous unit."""
    after_keys = unit.after
    if not after_keys and not view[unit.end:unit.end + 1].strip(" "):
        after_keys = unit_after(view, unit)
    after_phrases = [" ".join(after_keys[:n]) for n in range(min(MAX_PHRASE, len(after_keys)), 0, -1)]
    # The longest phrase decides: "người mắc kẹt" (stuck: people) over "người mắc" (ill: health).
    for ph in after_phrases:
        for cat, ctx in lex.contexts.items():
            if (unit.key in ctx.units or unit.key in ctx.local_units) and ph in ctx.after:
                return cat
    for cat, ctx in lex.contexts.items():
        if (unit.key in ctx.units or unit.key in ctx.local_units) and any(v in ctx.before for v in prefix.verbs):
            return cat
    return None


def sentence_category(unit: Unit, sentence_key: str, lex: Lexicon) -> str | None:
    for cat, ctx in lex.contexts.items():
        if unit.key in ctx.units and any(word in sentence_key for word in ctx.sentence):
            return cat
    return None


def can_take(unit: Unit, category: str, lex: Lexicon) -> bool:
    """May ``unit`` be counted as ``category`` (its own category or one its contexts move it to)?"""
    if category == unit.category:
        return True
    ctx = lex.contexts.get(category)
    return ctx is not None and unit.key in ctx.units


@functools.cache
def _context_units(lex: Lexicon) -> frozenset[str]:
    return frozenset().union(*(ctx.units | ctx.local_units for ctx in lex.contexts.values()))


def is_ambiguous(unit: Unit, lex: Lexicon) -> bool:
    return unit.key in _context_units(lex)


def nearest_unit_before(view: str, lo: int, pos: int, lex: Lexicon) -> str | None:
    """Category of the closest counted noun written before ``pos`` (from ``lo``): "ca bệnh như sau: Hà Nội
    (2.981)" counts cases of illness."""
    # Capitalised words are names ("Vũng Tàu", "Lâm Đồng"), not counted nouns, except the sentence's first.
    all_words = view[lo:pos].split()
    words = [w.strip(_QUOTES + ",.;:()") for w in all_words[-30:]]
    first = len(all_words) <= 30
    # ("F0", "F1" are capitalised but no name: a word with a digit keeps its key.)
    keys = [match_key(w) if w[:1].islower() or (first and i == 0) or not w.isalpha() else ""
            for i, w in enumerate(words)]
    nearest = None
    for end in range(len(keys), 0, -1):
        for n, phrase in _phrases(keys, end):
            cat = lex.units.get(phrase)
            if cat and cat not in ("duration", "other"):
                if end > n and keys[end - n - 1] in lex.counting:
                    return cat  # "có số F0 điều trị tại nhà cao nhất gồm:": the counted noun wins over "nhà"
                nearest = nearest or cat
    return nearest


def subject(view: str, unit: Unit, lex: Lexicon, stops: Stops) -> str:
    """The noun phrase from the unit to the end of its clause: "cán bộ, chiến sĩ công an chính quy"."""
    text = view[unit.start:stops.subject_end(view, unit.start)]
    if "," in text:
        pieces = text.split(",")
        out = [pieces[0].strip()]
        for piece in pieces[1:]:
            first = piece.split()
            if not first or (match_key(first[0]) not in lex.units
                             and match_key(" ".join(first[:2])) not in lex.units):
                break
            out.append(piece.strip())
        text = ", ".join(p for p in out if p)
    else:
        text = text.strip()
    text = text.rstrip(".…!?,")
    words = text.split(None, 11)[:11]  # at most 10 words, plus one to read two-word stops (maxsplit: cheaper)
    lowered = [w.lower() for w in words]
    stop_words = lex.subject_stops  # a verb or link word ends the noun phrase ([subject_stops] in vi.toml)
    for i in range(1, min(len(lowered), 10)):
        if lowered[i] in stop_words or " ".join(lowered[i:i + 2]) in stop_words:
            return " ".join(words[:i])
    return " ".join(words[:10])

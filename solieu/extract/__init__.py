"""Find the numeric claims in a text (the definition: ../shared/CLAIMS.md).

Pipeline: build the matching view (normalise.py) → find number expressions: the digits pattern, and the
number-word pattern anchored at each word that can start a spelled-out number (patterns.py) → read each
into values, dropping dates, times and codes (candidates.py) → read the words around it for unit,
qualifier, change, verb and category (classify.py) → map spans back to the input.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import regex

from solieu.extract.candidates import (
    Number,
    after_colon,
    article_is_english_style,
    in_brackets,
    may_stand_alone,
    numbers_in_match,
)
from solieu.extract.classify import (
    Prefix,
    Stops,
    Unit,
    after_qualifier,
    can_take,
    context_category,
    is_ambiguous,
    nearest_unit_before,
    qualifier_near,
    read_prefix,
    read_unit,
    sentence_category,
    subject,
    unit_at,
    words_after,
)
from solieu.extract.lexicon import Lexicon, load_lexicon, match_key, word_keys
from solieu.extract.normalise import MatchingView
from solieu.extract.numbers import format_vi, parse_number_words, parse_vi_number
from solieu.extract.patterns import TIMEOUT, WORD_PCT, WORD_UNIT, WORDS, Patterns, build_patterns, word_starts
from solieu.extract.sentences import sentence_bounds
from solieu.model import Claim

__all__ = ["EXTRACTOR_VERSION", "extract", "format_vi", "parse_number_words", "parse_vi_number"]

EXTRACTOR_VERSION = "1.2.9"
log = logging.getLogger(__name__)

# The pattern runs over chunks of at most this many characters, cut at line breaks (or spaces), so a
# timeout loses one chunk, not the text.
CHUNK = 1_000_000
_NO_COUNT = ("duration",)   # optional in CLAIMS.md: lengths of time and ages are not returned
_SIGN_CHANGE = {"+": "up", "-": "down"}
# Categories that count whole things: a fractional value without a multiplier cannot be one of them.
_PIECES = frozenset({"personnel", "people", "buildings", "places", "checkpoints", "teams", "cases", "suspects",
                     "violations", "vehicles", "documents", "events", "health", "casualties", "incidents", "items"})


@dataclass(slots=True)
class _Found:
    number: Number
    unit: Unit | None
    category: str
    change: str
    sentence: tuple[int, int]


def extract(text: str) -> list[Claim]:
    """Every numeric claim in ``text``, in order. Never raises on a ``str``.

    ``claim.start``/``claim.end`` index ``text`` itself, so ``text[c.start:c.end] == c.text``.
    """
    if not isinstance(text, str) or not text:
        return []
    lex = load_lexicon()
    pats = build_patterns(lex)
    view = MatchingView(text)
    claims: list[Claim] = []
    low = view.view.lower()
    if len(low) != len(view.view):  # a few exotic letters lower-case to two characters; offsets must hold
        low = view.view
    for lo, hi in _chunks(view.view):
        try:
            matches = list(pats.digits.finditer(view.view, lo, hi, timeout=TIMEOUT))
            words = []
            run_end = -1
            for at in word_starts(low, lo, hi, pats.starters):
                if at < run_end:
                    continue  # inside the run just read
                run = pats.word_run.match(low, at, hi, timeout=TIMEOUT)
                if run:
                    run_end = run.end(WORDS)
                    if run.group(WORD_PCT) or run.group(WORD_UNIT) or _run_may_count(view.view, run, lex):
                        words.append(run)
        except TimeoutError:
            log.debug("number pattern timed out on characters %d-%d; skipped", lo, hi)
            continue
        if words:
            matches = sorted(matches + words, key=lambda m: m.start())
        if not matches:
            continue  # nothing to read, so no context scan either
        try:
            claims.extend(_claims_in(view, matches, lex, pats, Stops(view.view, lo, hi)))
        except TimeoutError:
            log.debug("a context pattern timed out on characters %d-%d; skipped", lo, hi)
    return claims


def _run_may_count(view: str, run: regex.Match, lex: Lexicon) -> bool:
    """Can a spelled-out number without a unit or % after it ("năm 2023", "ba mặt trận") still be part of a
    claim? Only as the second end of a range ("từ 3 đến năm người") or before an after-qualifier ("hai trăm có
    lẻ tấn"): most such runs are dropped here, before they are parsed. (A superset of what _claims_in keeps.)"""
    s, e = run.start(), run.end(WORDS)
    before = view[max(0, s - 64):s].lower().rstrip(" ")
    if not before or before.endswith(tuple(lex.range_to)):
        return True
    return qualifier_near(view, s, e + 16, lex)


def _chunks(view: str):
    n = len(view)
    lo = 0
    while lo < n:
        hi = min(n, lo + CHUNK)
        if hi < n:
            cut = view.rfind("\n", lo + CHUNK // 2, hi)
            if cut < 0:
                cut = view.rfind(" ", lo + CHUNK // 2, hi)
            hi = cut + 1 if cut >= 0 else hi
        yield lo, hi
        lo = hi


def _claims_in(mv: MatchingView, matches: list, lex: Lexicon, pats: Patterns, stops: Stops) -> list[Claim]:
    view = mv.view
    english = article_is_english_style(matches, pats)
    found: list[_Found] = []
    out: list[Claim] = []
    sent_cache: tuple[int, int] = (-1, -1)
    # Per sentence (by view bounds), shared by the claims in it: its text, and its words as match keys.
    sentences: dict[tuple[int, int], str] = {}
    sentence_keys: dict[tuple[int, int], str] = {}
    skip_until = -1
    numbers: list[Number] = []
    last_end = -1
    for m in matches:
        if m.start() < last_end:
            continue  # a word inside a run already read ("hai mươi" then "mươi")
        last_end = m.end()
        numbers.extend(numbers_in_match(view, m, lex, pats, english))
    numbers = _join_scaled_groups(view, numbers, lex)
    for idx, num in enumerate(numbers):
        if num.start < skip_until:
            continue
        unit = None if num.percent else unit_at(view, num.unit_span, lex)
        if num.pair_first and idx + 1 < len(numbers):
            # "45.799/36.875 tỷ đồng": the first half shares the second's unit.
            second = numbers[idx + 1]
            unit = None if second.percent else unit_at(view, second.unit_span, lex)
        if unit is None and not num.percent and num.unit_span is None:
            # "200 có lẻ tấn": a qualifier between the number and its unit.
            q_after = after_qualifier(view, num.end, lex)
            if q_after:
                unit = read_unit(view, q_after[1], lex)
        has_unit = unit is not None or num.percent
        # Cheap rejections first: most numbers that are not claims go here, before any context is read.
        if (num.words or num.year_like or num.date_like) and not has_unit:
            continue
        if unit is not None and unit.category in _NO_COUNT:
            continue
        if not has_unit and not num.scaled and num.value_high is None and (
                num.value == 0 or not may_stand_alone(view, num.start, num.end, lex)):
            continue
        prefix = read_prefix(view, num.start, lex, stops)
        # A multiplier makes a quantity whatever the word before: "cả năm 8,2 triệu lượt khách" is no year.
        if prefix.non_claim and not (num.scaled and not num.words):
            if num.pair_first:
                skip_until = numbers[idx + 1].end if idx + 1 < len(numbers) else num.end
            continue
        if prefix.label and not num.scaled and (
                not has_unit or (unit is not None and view[unit.start:unit.end].istitle())
                or (unit is not None and unit.category == "places" and view[unit.end:unit.end + 2][-1:].isupper())):
            continue  # "chốt số 12", "khoản 2 Điều 5", "Tổ 5 phường Bến Nghé": a label and its number
        # "từ 3 đến 5 người", "từ 99.000 đồng đến vài triệu đồng": one range claim.
        if prefix.range_from and num.value_high is None and idx + 1 < len(numbers):
            nxt = numbers[idx + 1]
            to = pats.range_to.match(view, unit.end if unit else num.end, timeout=TIMEOUT)
            if to and to.end() == nxt.start and nxt.value_high is None and nxt.value > 0:
                low = num.value
                if not num.scaled and not unit and nxt.scaled and not num.percent:
                    # "từ 3 đến 5 triệu" is 3-5 million; "từ 500.000 đến 2 triệu" already says its own size
                    scaled_low = low * _scale_of(view, nxt, lex)
                    low = scaled_low if scaled_low < nxt.value else low
                if low < nxt.value:
                    num = Number(num.start, nxt.end, low, nxt.value, percent=nxt.percent, scaled=nxt.scaled,
                                 unit_span=nxt.unit_span)
                    unit = None if nxt.percent else unit_at(view, nxt.unit_span, lex)
                    skip_until = nxt.end
                    has_unit = unit is not None or num.percent
        if num.start >= sent_cache[1] or num.start < sent_cache[0]:
            sent_cache = sentence_bounds(view, num.start, num.end)
        if (num.pair_first or num.date_like) and _is_rank(view, sent_cache[0], num.start, lex):
            if num.pair_first:
                skip_until = numbers[idx + 1].end if idx + 1 < len(numbers) else num.end
            continue
        if not has_unit and not num.scaled and not _listed(view, num, found, sent_cache, lex):
            continue
        f = _classify(view, num, unit, prefix, found, sent_cache, lex, pats, sentence_keys)
        if f is None:
            continue
        found.append(f)
        out.append(_claim(mv, f, prefix, lex, stops, sentences))
    return out


def _join_scaled_groups(view: str, numbers: list[Number], lex: Lexicon) -> list[Number]:
    """"1 tỷ 250 triệu đồng", "2 triệu 500 nghìn": digit groups with falling multipliers add up to one number."""
    out: list[Number] = []
    for num in numbers:
        prev = out[-1] if out else None
        if (prev is not None and prev.scaled and num.scaled and not prev.percent and prev.value_high is None
                and num.value_high is None and prev.unit_span is None and not prev.words and not num.words
                and view[prev.end:num.start] == " "):
            f1, f2 = _scale_of(view, prev, lex), _scale_of(view, num, lex)
            total = None
            if num.value < f1:
                total = prev.value + num.value            # 1 tỷ 250 triệu
            elif f2 > f1 and num.value / f2 < f1:
                total = prev.value * f2 + num.value       # 2 nghìn 300 tỷ = 2.300 tỷ
            if total is not None:
                out[-1] = Number(prev.start, num.end, total, percent=num.percent, scaled=True, sign=prev.sign,
                                 unit_span=num.unit_span)
                continue
        out.append(num)
    return out


def _is_rank(view: str, lo: int, pos: int, lex: Lexicon) -> bool:
    """A rank word earlier in the sentence: "xếp thứ 3/5 thành phố, 6/8 tỉnh" are ranks, not counts."""
    head = view[lo:pos].lower()  # rank words need no tone normalisation; keep long strings out of the key cache
    return any(w in head for w in lex.rank_words)


def _listed(view: str, num: Number, found: list[_Found], sent: tuple[int, int], lex: Lexicon) -> bool:
    """A number without a unit counts only where a list or a copula gives it one: "Hà Nội (2.981)",
    "(Cà Mau 2, TP Hồ Chí Minh 1)", "số nhà sập đổ là 108". Elsewhere it is a name or a label:
    "phân vùng 1", "cây xăng 125", "Ảnh 1"."""
    if num.value == 0:
        return False
    s, e = num.start, num.end
    before = view[max(sent[0], s - 40):s]
    after = view[e:e + 1]
    if before.endswith("(") and after == ")":
        return True
    words = before.split()
    if not words:
        return False
    last = words[-1]
    if last.endswith(":") or match_key(last) in lex.copula:
        return True
    if not last.isalpha():
        return False
    if after in (",", ";", ")", ".") and last[:1].isupper() and after_colon(view, sent[0], s):
        return True  # a list a colon opens: "(số ca dương tính): Phú Lộc 14, Quảng Điền 9, TP Huế 15."
    in_list = bool(found) and found[-1].number.start >= sent[0]
    if not (in_list and after in (",", ";", ")")):
        return False
    # A capitalised label ("Cà Mau 2,"), or any label inside brackets opened in this sentence after a claim:
    # "318 doanh nghiệp (dệt may 127, da giày 96)". (Label words such as "phường", "giai đoạn" never get here.)
    return last[:1].isupper() or in_brackets(view, s)


def _named_item(view: str, pos: int) -> bool:
    """Is the number at ``pos`` an item of a list labelled by a name: "(Biên Hòa 1.284," "Hướng Hóa 146)"?"""
    before = view[max(0, pos - 30):pos].split()
    return bool(before) and before[-1][:1].isupper() and before[-1].isalpha()


def _scale_of(view: str, num: Number, lex: Lexicon) -> float:
    factor = 1.0
    for w in view[num.start:num.end].split()[1:]:
        factor *= lex.scales.get(match_key(w.rstrip("%")), 1)
    return factor


def _classify(view: str, num: Number, unit: Unit | None, prefix: Prefix, found: list[_Found],
              sent: tuple[int, int], lex: Lexicon, pats: Patterns, sentence_keys: dict[tuple[int, int], str],
              ) -> _Found | None:
    prev = found[-1] if found else None
    same_sentence = prev is not None and prev.number.start >= sent[0]
    # Change: a sign, a change word before the number, or the list it continues ("giảm 3 vụ (4%), 5 người").
    change = _SIGN_CHANGE.get(num.sign, "") or prefix.change
    if change and prefix.range_from and num.value_high is None and _level_follows(view, num.end, lex):
        change = ""  # "giảm từ 412 người (năm 2021) xuống còn 187 người": the level it fell from
    if not change and not prefix.blocked_change and same_sentence and prev.change and prefix.qualifier is None:
        # A sign ("(+18,2%)") is the change of its own number only: the list's change, if any, comes from the
        # claim before it ("tăng 5 vụ (+10%), 3 người" is up; "7.842 doanh nghiệp (+18,2%) và 4.125 lượt" is not).
        source = _before_last(found, sent) if prev.number.sign else prev
        if source is not None and source.change and pats.list_gap.fullmatch(view, prev.number.end, num.start,
                                                                            timeout=TIMEOUT):
            change = source.change
    if num.percent:
        category = "rate"
        if not change:
            nxt = unit_at(view, num.unit_span, lex)
            after = words_after(view, num.end, 2)
            if nxt is None and after and after[0] in lex.counting:
                # "100% số vụ án", "80% số hộ dân": a share of the noun after "số" (not "tổng số").
                word = after[0]
                at = view.find(word, num.end, num.end + 2 + len(word))
                nxt = read_unit(view, at + len(word), lex) if at >= 0 else None
                after = []
            yard = " ".join(after[:2]) in lex.percent_yardsticks or (after and after[0] in lex.percent_yardsticks)
            if nxt is not None and not yard and nxt.category not in _NO_COUNT:
                category = nxt.category
                if is_ambiguous(nxt, lex):  # "37% số vụ" in a sentence about fires: a share of incidents
                    category = (context_category(view, nxt, prefix, lex)
                                or sentence_category(nxt, _sentence_key(view, sent, sentence_keys), lex)
                                or category)
    elif unit is not None:
        category = unit.category
        fuller = _fuller_unit_before(view, unit, sent, lex)
        if fuller is not None and (context_category(view, unit, prefix, lex) is None or not is_ambiguous(unit, lex)):
            category = fuller
        elif is_ambiguous(unit, lex):
            ctx = context_category(view, unit, prefix, lex)
            if ctx is None and prev is not None and prev.unit is not None and can_take(unit, prev.category, lex):
                intro = view[sent[0]:sent[0] + 12].lower()
                if same_sentence or any(intro.startswith(w) for w in lex.list_intro):
                    ctx = prev.category
            if ctx is None:
                ctx = sentence_category(unit, _sentence_key(view, sent, sentence_keys), lex)
            category = ctx or category
        rate = lex.contexts.get("rate")
        if change and rate is not None and unit.key in rate.local_units:
            category = "rate"  # "giảm 4 lần": a change by a factor is a ratio, like "gấp 3 lần"
    elif num.scaled:
        category = "money"      # "35.000 tỷ vốn ngoại": an amount of money without the currency word
    else:
        category = None
        if same_sentence and prev.category not in ("rate", "money"):
            category = prev.category
            if category == "places" and prev.unit is not None and _named_item(view, num.start):
                # "3.458 hộ tại 3 địa phương (Biên Hòa 1.284, Long Thành 1.906)": a breakdown by place counts what
                # the sentence counted before the places, not places.
                earlier = _before_last(found, sent)
                if earlier is not None and earlier.category not in ("rate", "money", "places"):
                    category = earlier.category
                else:
                    category = nearest_unit_before(view, sent[0], prev.number.start, lex) or category
        if category is None:
            category = nearest_unit_before(view, sent[0], num.start, lex)
        category = category or "other"
    if category in _PIECES and not (num.scaled or num.percent) and not num.value.is_integer():
        category = "other"  # "VN-Index tăng 12,35 điểm": a fraction does not count checkpoints or people
    if category == "money" and num.value == 0 and num.value_high is None:
        return None  # "Chợ 0 đồng", "siêu thị 0 đồng": "free", the name of a charity market, not an amount
    return _Found(num, unit, category, change, sent)


_WORD_TRIM = ",.;:()\"“”"


@functools.cache
def _heads(lex: Lexicon) -> frozenset[str]:
    """Units that begin a longer unit ("điểm" of "điểm sạt lở", "ca" of "ca tử vong")."""
    return frozenset(" ".join(k.split()[:n]) for k in lex.units for n in range(1, len(k.split())))


@functools.cache
def _spellings(key: str, lex: Lexicon) -> tuple[str, ...]:
    """The lower-case spellings of a one-word key: itself and its newer tone placement ("hòa", "hoà")."""
    return (key, *(key[:-2] + new for new, old in lex.tone.items() if key.endswith(old) and key[-3:-2] != "q"))


def _is_counted(key: str, lex: Lexicon) -> bool:
    """Does the word with this key count the noun after it ("22", "số", "hai", "nghìn")?"""
    return key[:1].isdigit() or key in lex.counting or key in lex.digits or key in lex.scales


def _fuller_unit_before(view: str, unit: Unit, sent: tuple[int, int], lex: Lexicon) -> str | None:
    """Category of a fuller unit with the same head noun written earlier in the sentence (or in the one before,
    when this one opens with "trong đó", "đáng chú ý"...): in "22 điểm sạt lở, trong đó 5 điểm" and "số ca tử
    vong cộng dồn là 896 ca" the bare noun stands for the fuller one."""
    if unit.key not in _heads(lex):
        return None
    lo = sent[0]
    intro = view[sent[0]:sent[0] + 14].lower()
    if any(intro.startswith(w) for w in lex.list_intro) and lo > 0:
        # The sentence before starts after its last ". " or line break, whichever is later: look for the dot
        # only after the line break, so a text without dots is not scanned back to its start per number.
        line = view.rfind("\n", 0, lo - 1) + 1
        lo = max(line, view.rfind(". ", line, lo - 1) + 1)
    head = unit.key.split()
    n = len(head)
    window = view[lo:unit.start]
    if head[0].isalpha():
        # The common case, settled without a key per word: the head noun is not written where the search
        # below looks (a word whose key is a plain word is one of that word's spellings).
        spellings = _spellings(head[0], lex)
        low = window.lower()
        if not any(sp in low for sp in spellings):
            return None
        raw = low.split()[-40:]
        if not any(raw[i].strip(_WORD_TRIM) in spellings and _is_counted(match_key(raw[i - 1].strip(_WORD_TRIM)), lex)
                   for i in range(1, len(raw) - n)):
            return None
    words = [match_key(w.strip(_WORD_TRIM)) for w in window.split()[-40:]]
    for i in range(len(words) - n - 1, 0, -1):
        if words[i:i + n] != head:
            continue
        counted = words[i - 1]
        if not _is_counted(counted, lex):
            continue  # only a counted noun phrase: "22 điểm sạt lở", "số ca tử vong"; not "nhà hảo tâm"
        for m in (3, 2, 1):
            phrase = " ".join(words[i:i + n + m])
            cat = lex.units.get(phrase)
            if cat is not None and len(words[i:i + n + m]) == n + m:
                # Only a sub-count ("trong đó 5 điểm") or a restatement ("số ca tử vong ... là 896 ca"), not
                # "20 nhà hảo tâm ủng hộ xây 5 nhà". The nearest fuller noun decides.
                between = " " + " ".join(words[i + n + m:]) + " "
                if counted not in lex.counting and not any(f" {w} " in between for w in lex.list_intro):
                    return None
                return cat if cat != unit.category and cat != "duration" else None
    return None


def _level_follows(view: str, end: int, lex: Lexicon) -> bool:
    """Does a "lên"/"xuống" ([rule_words] level_to) follow the number ending at ``end`` in its clause?"""
    tail = view[end:end + 48]
    for stop in (",", ";", ". ", "\n"):
        tail = tail.split(stop, 1)[0]
    return any(key in lex.level_to for key in word_keys(tail.replace("(", " ").replace(")", " ").split()))


def _before_last(found: list[_Found], sent: tuple[int, int]) -> _Found | None:
    """The claim found before the last one, if it is in the sentence starting at ``sent[0]``."""
    return found[-2] if len(found) > 1 and found[-2].number.start >= sent[0] else None


def _sentence_key(view: str, sent: tuple[int, int], cache: dict[tuple[int, int], str]) -> str:
    """The sentence's words as match keys, joined by spaces (for the context words of [context.*].sentence);
    computed once per sentence."""
    key = cache.get(sent)
    if key is None:
        key = cache[sent] = " ".join(word_keys(view[sent[0]:sent[1]].split()))
    return key


def _opens_with_estimate(view: str, start: int, lex: Lexicon) -> bool:
    """Does the sentence at ``start`` open with an estimation word ("Ước cả năm thu 5.200 tỷ đồng")?"""
    return any(view[start:start + len(w) + 1].lower() == w + " " for w in lex.estimate_openers)


def _claim(mv: MatchingView, f: _Found, prefix: Prefix, lex: Lexicon, stops: Stops,
           sentences: dict[tuple[int, int], str]) -> Claim:
    view, num = mv.view, f.number
    qualifier = prefix.qualifier
    after_pos = f.unit.end if f.unit else num.end
    # One test over both places an after-qualifier may stand (after the unit, or between number and unit).
    if qualifier_near(view, num.end, after_pos + 16, lex):
        q_after = after_qualifier(view, after_pos, lex) or (f.unit is not None and after_qualifier(view, num.end, lex))
        if q_after:
            qualifier = q_after[0]
    if num.value_high is not None:
        qualifier = "range"
    elif qualifier is None:
        estimated = prefix.estimated or _opens_with_estimate(view, f.sentence[0], lex)
        if view[num.start - 1:num.start] == "/":
            estimated = False  # "ước đạt 21.145/17.995 tỷ": the second half is the target, not estimated
        qualifier = "approx" if num.approx or (estimated and not f.change) else "exact"
    start, end = mv.span(num.start, num.end)
    sentence = sentences.get(f.sentence)
    if sentence is None:
        s0, s1 = mv.span(*f.sentence) if f.sentence[1] > f.sentence[0] else (start, end)
        sentence = mv.text[s0:s1].strip()
        if f.sentence[1] > f.sentence[0]:
            sentences[f.sentence] = sentence
    # Positional arguments, in Claim's field order: noticeably cheaper than keywords for a frozen dataclass.
    return Claim(
        start, end, mv.text[start:end], float(num.value),
        None if num.value_high is None else float(num.value_high),
        "%" if num.percent else (f.unit.text if f.unit else ""),
        subject(view, f.unit, lex, stops) if f.unit else "",
        qualifier, f.category, f.change, prefix.action, sentence,
    )

"""Properties of the extractor that must hold for any input (hypothesis)."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solieu import extract
from solieu.extract.numbers import format_vi, parse_vi_number

FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

# Pieces of Vietnamese news text, numbers in every format, separators and the characters people's text carries.
WORDS = ["gần", "trên", "hơn", "khoảng", "tăng", "giảm", "người", "đối tượng", "vụ", "tỷ", "tỉ", "triệu", "nghìn",
         "đồng", "hai", "mười lăm", "hàng trăm", "vài chục", "một", "ngày", "tháng", "năm", "số", "từ", "đến",
         "Chỉ thị", "Covid-19", "hoà", "hòa", "thuỷ", "chết", "bắt", "(", ")", ":", ";", "=", "trở lên", "\n"]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.integers(0, 10**9).map(str),
    st.integers(0, 10**7).map(lambda n: format_vi(n)),
    st.sampled_from([".", ",", "%", "/", "-", "–", "+", " ", "  ", "\u00a0", "\u202f", "\u2007", "\u200b",
                     "\u200c", "\u200d", "\u00ad", "\ufeff", "\u0301", "\u0323", "١٢٣", "４５"]),
)
TEXTS = st.lists(PIECES, max_size=40).map(" ".join) | st.lists(PIECES, max_size=40).map("".join)


def _check(text: str) -> None:
    claims = extract(text)
    assert isinstance(claims, list)
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert math.isfinite(c.value) and c.value >= 0
        assert c.value_high is None or c.value_high > c.value


@FAST
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    _check(text)


@FAST
@given(TEXTS)
def test_never_raises_on_newsy_text(text: str) -> None:
    _check(text)


@FAST
@given(st.integers(0, 10**12), st.integers(0, 3), st.booleans())
def test_vietnamese_format_round_trips(n: int, decimals: int, grouping: bool) -> None:
    value = n / 10**decimals
    written = format_vi(value, decimals=decimals, grouping=grouping)
    # (A bare 2021 parses too: whether it is a year is the extractor's business, not the parser's.)
    assert parse_vi_number(written) == value
    assert parse_vi_number(written + "%") == value


@FAST
@given(st.integers(1, 10**6), st.sampled_from(["", " triệu", " tỷ"]))
def test_number_in_a_sentence_reads_back(n: int, scale: str) -> None:
    written = format_vi(n) + scale
    text = f"Lực lượng chức năng đã thu giữ {written} đồng tiền giả."
    (claim,) = extract(text)
    factor = {"": 1, " triệu": 1e6, " tỷ": 1e9}[scale]
    assert claim.text == written
    assert claim.value == n * factor
    assert claim.category == "money"


# --- Adversarial inputs: linear time, never an exception -----------------------------------------------
ORDINARY = ("Công an tỉnh đã bắt giữ 12 đối tượng, thu giữ 1,5 tỷ đồng và gần 5.000 viên ma túy; so với cùng kỳ, "
            "số vụ tai nạn giảm 22 vụ (giảm 10,7%), làm chết 3 người. Ngày 17-3-2021, Chỉ thị số 05-CT/TU. ")
SIZE = 200_000
ADVERSARIAL = {
    "digit run": "7" * SIZE,
    "dotted": "1." * (SIZE // 2),
    "comma run": "1," * (SIZE // 2),
    "qualifier run": "gần " * (SIZE // 4),
    "percent signs": "%" * SIZE,
    "one line, no spaces": ("abcđốitượng1.000" * (SIZE // 16))[:SIZE],
    "number words": "hai " * (SIZE // 4),
    "slashes": "1/" * (SIZE // 2),
    "zero-width": "1\u200b" * (SIZE // 2),
}


def _seconds(text: str) -> float:
    import time

    start = time.perf_counter()
    extract(text)
    return time.perf_counter() - start


def test_adversarial_inputs_run_in_linear_time() -> None:
    ordinary = (ORDINARY * (SIZE // len(ORDINARY) + 1))[:SIZE]
    budget = 3 * min(_seconds(ordinary) for _ in range(2)) + 0.5  # slack for a busy machine
    slow = {name: t for name, text in ADVERSARIAL.items() if (t := _seconds(text)) > budget}
    assert not slow, f"over {budget:.2f}s: {slow}"


def test_a_regex_timeout_skips_the_chunk_instead_of_raising(monkeypatch, caplog) -> None:
    import importlib
    import logging

    module = importlib.import_module("solieu.extract")
    monkeypatch.setattr(module, "TIMEOUT", 1e-9)
    with caplog.at_level(logging.DEBUG, logger="solieu.extract"):
        claims = extract(ORDINARY * 50)
    assert isinstance(claims, list)
    assert any("timed out" in r.getMessage() for r in caplog.records)


def _clusters_one_by_one(text: str) -> tuple[str, list[int], list[int], list[int], list[int]]:
    """The matching view and its map built the plain way, one cluster at a time (what MatchingView did before
    it went list-at-a-time): (view, view starts, view lengths, original starts, original lengths)."""
    import unicodedata

    import regex

    view_start, view_len, orig_start, orig_len, parts = [], [], [], [], []
    view_pos = orig_pos = 0
    for m in regex.finditer(r"[^\p{M}\p{Cf}]?\p{M}++|(\p{Cf}++)", text):
        start, end = m.span()
        parts.append(text[orig_pos:start])
        view_pos += start - orig_pos
        out = "" if m.lastindex else unicodedata.normalize("NFC", m.group())
        parts.append(out)
        view_start.append(view_pos)
        view_len.append(len(out))
        orig_start.append(start)
        orig_len.append(end - start)
        view_pos += len(out)
        orig_pos = end
    parts.append(text[orig_pos:])
    return "".join(parts), view_start, view_len, orig_start, orig_len


CLUSTERY = st.lists(st.sampled_from(["a", "e", "đ", "1", " ", "\n", ".", "\u0301", "\u0302", "\u0323", "\u200b",
                                     "\ufeff", "\u00ad", "\u0300\u0301"]), max_size=60).map("".join)


@FAST
@given(CLUSTERY)
def test_matching_view_map_equals_the_plain_cluster_walk(text: str) -> None:
    from solieu.extract.normalise import MatchingView

    view = MatchingView(text)
    if view.view is text:
        return  # the fast path: nothing to map
    got = (view.view, view._view_start, view._view_len, view._orig_start, view._orig_len)
    assert got == _clusters_one_by_one(text)

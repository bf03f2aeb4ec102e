"""The figure builders, checked on the figure object (fig.data, fig.layout), never on pixels; and the exports
(HTML, and PNG drawn by a real headless Chromium when one is installed)."""

from __future__ import annotations

import math
import shutil
import struct
import sys

import pandas as pd
import pytest

import figures
import figures.export
from figures.selection import claims_for_points
from solieu.table import frame_from_rows
from tests.browser_support import skip_or_fail

XSS = "<script>alert(1)</script>"


def row(**fields) -> dict:
    base = {"source": "s.txt", "article_id": "a1", "title": "Bài một", "published": "2021-08-20", "start": 0,
            "end": 2, "text": "58", "value": 58.0, "value_high": None, "unit": "chốt", "subject": "",
            "qualifier": "exact", "category": "checkpoints", "change": "", "action": "", "sentence": ""}
    return base | fields


@pytest.fixture
def claims() -> pd.DataFrame:
    return frame_from_rows([
        row(),
        row(start=10, end=13, text="trên 300", value=300.0, unit="người", qualifier="at_least", category="personnel"),
        row(article_id="b2", title=XSS, published="2021-09", start=5, end=12, text="gần 20", value=20.0,
            qualifier="at_most"),
        row(article_id="b2", title=XSS, published="2021-09", start=30, end=36, text="4 đến 6", value=4.0,
            value_high=6.0, qualifier="range"),
        row(article_id="c3", title="Không ngày", published="", start=1, end=3, text="khoảng 9", value=9.0,
            qualifier="approx"),
    ])


BUILDERS = [figures.claims_per_article, figures.values_over_time, figures.category_mix]


# --- claims per article --------------------------------------------------------------------------------------

def test_claims_per_article_stacks_counts_by_category(claims):
    fig = figures.claims_per_article(claims)
    assert fig.layout.barmode == "stack"
    by_name = {trace.name: trace for trace in fig.data}
    assert set(by_name) == {"checkpoints", "personnel"}
    checkpoints = by_name["checkpoints"]
    # newest article first in the data, drawn oldest on the left: c3 (no date) sorts first
    assert list(checkpoints.x) == ["c3", "a1", "b2"]
    assert list(checkpoints.y) == [1, 1, 2]
    assert [list(c) for c in checkpoints.customdata][2] == ["article_category", "b2", "checkpoints"]
    assert list(by_name["personnel"].y) == [1]


def test_claims_per_article_escapes_titles_everywhere(claims):
    fig = figures.claims_per_article(claims)
    assert XSS not in fig.to_json()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fig.layout.xaxis.ticktext
    checkpoints = next(trace for trace in fig.data if trace.name == "checkpoints")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in checkpoints.hovertext


def test_claims_per_article_keeps_the_latest_articles(claims):
    fig = figures.claims_per_article(claims, max_articles=1, labels={"title.latest": "{n} bài <mới>"})
    assert list(fig.layout.xaxis.tickvals) == ["b2"]
    assert fig.layout.title.text.endswith("(1 bài &lt;mới&gt;)")


# --- values over time -------------------------------------------------------------------------------------------

def test_values_over_time_one_trace_per_metric_and_qualifier(claims):
    fig = figures.values_over_time(claims)
    # most claims first; within a metric, qualifiers in QUALIFIERS order; c3 has no date and is left out
    assert [trace.name for trace in fig.data] == [
        "checkpoints · chốt (exact)", "checkpoints · chốt (at_most)", "checkpoints · chốt (range)",
        "personnel · người (at_least)"]
    assert [trace.marker.symbol for trace in fig.data] == ["circle", "triangle-down", "square", "triangle-up"]
    assert [list(trace.y) for trace in fig.data] == [[58.0], [20.0], [4.0], [300.0]]
    assert [pd.Timestamp(trace.x[0]) for trace in fig.data[:2]] == [pd.Timestamp("2021-08-20"),
                                                                    pd.Timestamp("2021-09-01")]
    assert {trace.legendgroup for trace in fig.data[:3]} == {"checkpoints · chốt"}


def test_values_over_time_hover_shows_signs_and_vietnamese_numbers(claims):
    fig = figures.values_over_time(claims.assign(value=claims["value"] * 1000, value_high=claims["value_high"] * 1000))
    hovers = [h for trace in fig.data for h in trace.hovertext]
    assert any("≤ 20.000 chốt" in h for h in hovers)
    assert any("≥ 300.000 người" in h for h in hovers)
    assert any("4.000–6.000 chốt" in h for h in hovers)
    assert any("&lt;script&gt;" in h for h in hovers)
    assert all(XSS not in h for h in hovers)
    assert fig.layout.separators == ",."
    english = figures.values_over_time(claims.assign(value=claims["value"] * 1000), separators=figures.EN_SEPARATORS)
    assert any("≥ 300,000 người" in h for trace in english.data for h in trace.hovertext)


def test_values_over_time_draws_ranges_as_error_bars(claims):
    exact, _, ranged, _ = figures.values_over_time(claims).data
    assert ranged.error_y.symmetric is False
    assert list(ranged.error_y.array) == [2.0]  # from value 4 up to value_high 6
    assert list(ranged.error_y.arrayminus) == [0.0]
    assert exact.error_y.array is None


def test_values_over_time_one_metric_and_claim_keys(claims):
    fig = figures.values_over_time(claims, metric=("personnel", "người"), labels={"qualifier.at_least": "≥ trên"})
    assert len(fig.data) == 1
    assert fig.data[0].name == "≥ trên"
    assert [list(c) for c in fig.data[0].customdata] == [["claim", "a1:10", ""]]
    assert fig.layout.yaxis.title.text.endswith("(người)")


def test_values_over_time_approx_marker():
    df = frame_from_rows([row(qualifier="approx")])
    fig = figures.values_over_time(df)
    assert fig.data[0].marker.symbol == "diamond"
    assert fig.data[0].hovertext[0].count("≈ 58 chốt") == 1


def test_values_over_time_switches_to_webgl_for_many_points():
    df = frame_from_rows([row(start=i) for i in range(figures.claims.WEBGL_THRESHOLD + 1)])
    assert figures.values_over_time(df).data[0].type == "scattergl"
    assert figures.values_over_time(df.head(3)).data[0].type == "scatter"


# --- category mix ------------------------------------------------------------------------------------------------

def test_category_mix_counts_by_month_with_gaps(claims):
    extra = frame_from_rows([row(article_id="d4", published="2021-11-02", start=3)])
    fig = figures.category_mix(pd.concat([claims, extra], ignore_index=True))
    assert list(fig.layout.xaxis.categoryarray) == ["2021-08", "2021-09", "2021-10", "2021-11"]
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name["checkpoints"].x) == ["2021-08", "2021-09", "2021-11"]
    assert list(by_name["checkpoints"].y) == [1, 2, 1]
    assert [list(c) for c in by_name["personnel"].customdata] == [["month_category", "2021-08", "personnel"]]
    assert figures.category_mix(claims, share=True).layout.barnorm == "percent"


# --- shared behaviour -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("builder", BUILDERS)
def test_empty_frame_says_no_data(builder):
    fig = builder(frame_from_rows([]), labels={"no_data": "Chưa có dữ liệu"})
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text == "Chưa có dữ liệu"
    assert builder(frame_from_rows([])).layout.annotations[0].text == "No data"


@pytest.mark.parametrize("builder", BUILDERS)
def test_missing_columns_are_named(builder):
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['category'\]") as info:
        builder(frame_from_rows([row()]).drop(columns=["category"]))
    assert "Expected the columns" in str(info.value)


@pytest.mark.parametrize("builder", BUILDERS)
def test_labels_are_used_and_escaped(builder, claims):
    labels = {"category.checkpoints": "Chốt <b>x</b>", "title.per_article": "T1", "title.over_time": "T2",
              "title.category_mix": "T3"}
    fig = builder(claims, labels=labels)
    assert fig.layout.title.text in {"T1", "T2", "T3"}
    names = [trace.name for trace in fig.data]
    assert any(name.startswith("Chốt &lt;b&gt;x&lt;/b&gt;") for name in names)
    assert "<b>" not in fig.to_json()


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_trace_has_customdata(builder, claims):
    fig = builder(claims)
    assert fig.data
    for trace in fig.data:
        assert len(trace.customdata) == len(trace.y) > 0


def test_user_strings_are_escaped_in_units_and_claim_text():
    df = frame_from_rows([row(unit=XSS, text="<img src=x onerror=alert(1)>", title="$x$ [a](b)")])
    for builder in BUILDERS:
        assert "<script>" not in builder(df).to_json()
        assert "<img" not in builder(df).to_json()


def test_format_number():
    assert figures.format_number(1234567.5) == "1.234.567,5"
    assert figures.format_number(1234567.5, figures.EN_SEPARATORS) == "1,234,567.5"
    assert figures.format_number(12.0) == "12"
    assert figures.format_number(math.nan) == ""


# --- selection back to claims -------------------------------------------------------------------------------------

def test_claims_for_points_maps_each_kind_back(claims):
    def pick(*customdata):
        return claims_for_points(claims, [{"customdata": list(c)} for c in customdata])

    assert list(pick(["claim", "a1:10", ""])["text"]) == ["trên 300"]
    assert list(pick(["article_category", "b2", "checkpoints"])["text"]) == ["gần 20", "4 đến 6"]
    assert list(pick(["month_category", "2021-08", "personnel"])["text"]) == ["trên 300"]
    assert len(pick(["claim", "a1:0", ""], ["claim", "b2:5", ""])) == 2
    assert claims_for_points(claims, []) is claims
    assert claims_for_points(claims, [{"x": 1}]) is claims


def test_a_click_on_a_built_figure_selects_its_claims(claims):
    fig = figures.claims_per_article(claims)
    checkpoints = next(trace for trace in fig.data if trace.name == "checkpoints")
    point = {"customdata": list(checkpoints.customdata[2])}  # what Streamlit reports for a clicked segment
    assert set(claims_for_points(claims, [point])["article_id"]) == {"b2"}


def test_figure_html_is_self_contained(claims):
    page = figures.figure_html(figures.category_mix(claims)).decode("utf-8")
    assert "<html>" in page[:100]
    assert 'src="https://cdn.plot.ly' not in page and len(page) > 1_000_000  # plotly.js inlined


# --- PNG export ------------------------------------------------------------------------------------------------------

def require_browser() -> None:
    """Skip when no Chromium (nor any browser kaleido finds) is installed, unless SOLIEU_REQUIRE_BROWSER=1 (CI):
    then that is a failure."""
    if shutil.which("chromium") is None and figures.export.browser_path() is None:
        skip_or_fail("no Chromium installed (apt-get install chromium): PNG export cannot be drawn here")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a PNG must start with (after its 8-byte signature)."""
    assert data[12:16] == b"IHDR", data[:32]
    return struct.unpack(">II", data[16:24])


def test_figure_png_has_the_requested_size(claims):
    require_browser()
    data = figures.figure_png(figures.values_over_time(claims), width=640, height=360)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert png_size(data) == (640, 360)
    assert png_size(figures.figure_png(figures.category_mix(claims), width=300, height=200, scale=2)) == (600, 400)


def test_figure_png_without_a_browser_says_so(claims, monkeypatch):
    monkeypatch.setattr(figures.export, "browser_path", lambda: None)
    assert not figures.png_available()
    with pytest.raises(figures.ChartExportError, match=r"needs Chromium.*HTML export works"):
        figures.figure_png(figures.category_mix(claims))


def test_a_wrong_browser_path_is_no_browser(claims, monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    assert figures.export.browser_path() is None
    with pytest.raises(figures.ChartExportError, match="needs Chromium"):
        figures.figure_png(figures.category_mix(claims))


def test_kaleido_not_finding_the_browser_gives_the_same_message(claims, monkeypatch, tmp_path):
    """If the browser found beforehand is gone when kaleido starts it, plotly raises a RuntimeError that tells
    the user to download a Chrome; it becomes the same message. This runs kaleido for real, up to its search."""
    monkeypatch.setattr(figures.export, "browser_path", lambda: "/usr/bin/chromium")
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    with pytest.raises(figures.ChartExportError, match="needs Chromium") as info:
        figures.figure_png(figures.category_mix(claims))
    assert "plotly_get_chrome" not in str(info.value)


def test_without_kaleido_png_says_so(claims, monkeypatch):
    monkeypatch.setitem(sys.modules, "kaleido", None)  # import kaleido now raises ImportError
    monkeypatch.setitem(sys.modules, "kaleido.errors", None)
    assert not figures.png_available()
    with pytest.raises(figures.ChartExportError, match="kaleido"):
        figures.figure_png(figures.category_mix(claims))


def test_values_over_time_with_one_date_shows_a_month_either_side() -> None:
    frame = frame_from_rows([row(start=0, value=5.0), row(start=10, value=7.0)])  # both on 2021-08-20
    fig = figures.values_over_time(frame)
    low, high = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert high - low == pd.Timedelta(days=60)

"""The dashboard through Streamlit's AppTest (in-process, no browser): every run against a fresh store in tmp_path,
opened on two small sample articles. What a browser must check (rendering, real uploads and downloads) is in
test_browser.py; the chart contents are in test_figures.py."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import figures.export
import ui.data
from solieu.store import Store
from tests import ROOT
from ui.downloads import table_bytes
from ui.i18n import STRINGS_PATH, load_strings
from ui.safe_text import article_markdown, claim_context, escape_markdown, sentence_markdown

SAMPLES = {
    "2021-03-12_cong-an.txt": (
        "title: Công an tỉnh ra quân bảo đảm an ninh\ndate: 2021-03-12\n\n"
        "Công an tỉnh đã huy động 1.250 cán bộ, chiến sĩ và lập 36 chốt kiểm soát trên các tuyến đường. "
        "Trong 7 ngày, lực lượng chức năng đã xử lý 418 trường hợp vi phạm và tạm giữ 52 phương tiện.\n"),
    "2022-06-03_mua-lu.txt": (
        "title: Mưa lũ gây thiệt hại ở miền Trung\ndate: 2022-06-03\n\n"
        "Mưa lũ làm hơn 300 ngôi nhà bị hư hỏng, gần 20 người bị thương. "
        "Thiệt hại ước tính khoảng 15 tỷ đồng; 4.600 hộ dân phải sơ tán.\n"),
}
UPLOAD = ("Thành phố lập thêm 58 chốt kiểm soát\n\n"
          "Từ ngày 20/8, thành phố thiết lập thêm 58 chốt kiểm soát. Mỗi chốt bố trí 6 cán bộ trực 24/24 giờ.\n")
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_ARTICLE = (f"Đoàn kiểm tra công bố kết quả\n\nĐoàn phát hiện 12 cơ sở vi phạm {XSS_IMG} và "
               "<script>alert(2)</script> trong tháng. Tổng số tiền phạt là $x$ và 500 triệu đồng, "
               "xem [a](b) hay :red[đỏ]. Có 7 đối tượng.\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.fixture
def env(tmp_path, monkeypatch) -> Path:
    samples = tmp_path / "samples"
    samples.mkdir()
    for name, text in SAMPLES.items():
        (samples / name).write_text(text, encoding="utf-8")
    db = tmp_path / "solieu.sqlite"
    monkeypatch.setenv("SOLIEU_DB", str(db))
    monkeypatch.setenv("SOLIEU_SAMPLES", str(samples))
    return db


@pytest.fixture
def at(env) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not app.exception, app.exception[0].stack_trace if app.exception else ""
    return app


def metric(app: AppTest, label: str) -> int:
    return int(next(m.value for m in app.metric if m.label == label).replace(".", ""))


def claims_table(app: AppTest) -> pd.DataFrame:
    return next(df.value for df in app.dataframe if df.key == "claims_table")


def rerun(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, app.exception[0].stack_trace if app.exception else ""
    return app


def upload(app: AppTest, *files: tuple[str, bytes, str]) -> AppTest:
    uploader = next(u for u in app.sidebar.get("file_uploader") if u.key == "upload_files")
    uploader.set_value(list(files))
    return rerun(app)


def plain(markdown: str) -> str:
    """What escaped Markdown shows: the text without its backslash escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


def errors(app: AppTest) -> list[str]:
    return [plain(e.value) for e in app.error]


def markdown_texts(app: AppTest) -> list[str]:
    return [m.value for m in app.markdown] + [c.value for c in app.caption] + \
        [e.value for e in app.error] + [i.value for i in app.info] + [s.value for s in app.success]


# --- opening ----------------------------------------------------------------------------------------------------------

def test_opens_on_the_sample_articles(at, env):
    stored = Store(env).claims()
    assert len(stored) > 0
    assert metric(at, "Bài báo") == 2
    assert metric(at, "Số liệu") == len(stored)
    assert len(claims_table(at)) == len(stored)
    assert len(at.get("plotly_chart")) == 3
    counts = next(df.value for df in at.dataframe if list(df.value.columns) == ["Nhóm", "Số liệu"])
    assert counts.iloc[:, 1].sum() == len(stored)


def damage(db: Path, how: str) -> None:
    """Make ``db`` unusable: random bytes, cut in half, or one index page overwritten (the store still opens and
    reads; only ``PRAGMA quick_check`` notices)."""
    if how == "not_sqlite":
        db.write_bytes(bytes(range(256)) * 64)
        return
    Store(db).import_samples_if_empty(db.parent / "samples")  # what the env fixture's samples make
    data = db.read_bytes()
    if how == "truncated":
        db.write_bytes(data[:len(data) // 2])
        return
    con = sqlite3.connect(db)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles_published'").fetchone()[0]
    con.close()
    start = (root - 1) * page_size
    db.write_bytes(data[:start] + b"\xa5" * page_size + data[start + page_size:])


@pytest.mark.parametrize("how", ["not_sqlite", "truncated", "damaged_index"])
def test_unusable_store_is_an_error_not_a_crash(env, how):
    damage(env, how)
    before = env.read_bytes()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception, at.exception[0].stack_trace if at.exception else ""
    assert any(str(env) in e for e in errors(at)), errors(at)
    assert not at.metric and not at.get("plotly_chart"), "the page went on past a damaged store"
    assert env.read_bytes() == before, "the damaged store was written to"


def test_store_is_checked_once_per_path(env, monkeypatch):
    calls = []
    original = Store.check

    def counting(self):
        calls.append(self.path)
        return original(self)

    monkeypatch.setattr(Store, "check", counting)
    at = rerun(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60))
    rerun(at)
    at.sidebar.text_input(key="filter_text").set_value("chốt")
    rerun(at)
    assert calls == [env]


def test_english_switch(at):
    at.sidebar.radio(key="lang").set_value("en")
    rerun(at)
    assert at.title[0].value.startswith("solieu: figures")
    assert metric(at, "Articles") == 2
    assert any(b.label == "Download CSV" for b in at.get("download_button"))


# --- upload -----------------------------------------------------------------------------------------------------------

def test_upload_preview_then_save(at, env):
    before = len(Store(env).claims())
    upload(at, ("moi.txt", UPLOAD.encode("utf-8"), "text/plain"))
    assert any("moi.txt" in t.value for t in at.text), "no preview of the uploaded file"
    assert len(Store(env)) == 2, "nothing may be stored before 'Lưu'"
    at.button(key="save_upload").click()
    rerun(at)
    assert at.success and "Thành phố lập thêm 58 chốt kiểm soát" in plain(at.success[0].value)
    after = Store(env).claims()
    assert len(after) > before
    assert metric(at, "Bài báo") == 3
    assert len(claims_table(at)) == len(after)
    assert "58" in set(claims_table(at)["text"])
    assert not any(b.key == "save_upload" for b in at.button), "the saved file is still offered for saving"


def test_upload_twice_says_already_imported(at):
    upload(at, ("mau.txt", next(iter(SAMPLES.values())).encode("utf-8"), "text/plain"))
    at.button(key="save_upload").click()
    rerun(at)
    assert at.info and "đã được nhập trước đó" in plain(at.info[-1].value)


def test_pasted_text(at, env):
    at.sidebar.text_area(key="paste_text").set_value(UPLOAD)
    rerun(at)
    at.button(key="save_upload").click()
    rerun(at)
    assert len(Store(env)) == 3
    assert Store(env).articles()["source"].tolist()[-1] == "dán trực tiếp"


def test_bad_file_is_an_error_not_a_crash(at, env):
    upload(at, ("anh.txt", PNG, "text/plain"), ("tot.txt", UPLOAD.encode("utf-8"), "text/plain"))
    assert any(e.startswith("anh.txt: ") for e in errors(at)), errors(at)
    at.button(key="save_upload").click()  # the good file in the same batch is still saved
    rerun(at)
    assert len(Store(env)) == 3


def test_too_large_file_is_refused_in_app_code(env, monkeypatch):
    monkeypatch.setenv("SOLIEU_MAX_FILE_MB", "1")  # before the first run: the limit is part of the uploader
    at = rerun(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60))
    upload(at, ("lon.txt", UPLOAD.encode("utf-8") * 20_000, "text/plain"))
    assert any("lon.txt" in e and "MB" in e for e in errors(at)), errors(at)
    assert not any(b.key == "save_upload" for b in at.button)


# --- filters, selection, detail ---------------------------------------------------------------------------------------

def test_category_filter_gives_exactly_those_rows(at, env):
    stored = Store(env).claims()
    category = stored["category"].value_counts().index[-1]
    at.sidebar.multiselect(key="filter_categories").set_value([category])
    rerun(at)
    expected = stored[stored["category"] == category]
    table = claims_table(at)
    assert len(table) == len(expected) > 0
    assert table["text"].tolist() == expected["text"].tolist()


def test_article_filter_gives_exactly_its_rows(at, env):
    stored = Store(env).claims()
    article_id = stored["article_id"].iloc[-1]
    at.sidebar.multiselect(key="filter_articles").set_value([article_id])
    rerun(at)
    expected = stored[stored["article_id"] == article_id]
    assert claims_table(at)["text"].tolist() == expected["text"].tolist()
    assert 0 < len(expected) < len(stored)


def test_text_and_value_filters(at, env):
    stored = Store(env).claims()
    at.sidebar.number_input(key="filter_value_min").set_value(100)
    at.sidebar.text_input(key="filter_text").set_value("mưa lũ")
    rerun(at)
    # "mưa lũ" is in the title (and first sentence) of one sample only; none of its claims is a range
    expected = stored[stored["title"].str.startswith("Mưa lũ") & (stored["value"] >= 100)]
    assert claims_table(at)["text"].tolist() == expected["text"].tolist()
    assert 0 < len(expected) < len(stored[stored["title"].str.startswith("Mưa lũ")])


def test_chart_click_filters_the_table(at, env):
    stored = Store(env).claims()
    claim = stored.iloc[0]
    at.session_state["chart_over_time"] = {"selection": {"points": [
        {"customdata": ["claim", f"{claim['article_id']}:{claim['start']}", ""]}],
        "point_indices": [0], "box": [], "lasso": []}}
    rerun(at)
    assert claims_table(at)["text"].tolist() == [claim["text"]]
    # the button clears the selection: every claim is back
    at.button(key="clear_chart_selection").click()
    rerun(at)
    assert claims_table(at)["text"].tolist() == stored["text"].tolist()
    assert not at.get("button") or "clear_chart_selection" not in [b.key for b in at.get("button")]


def test_selecting_a_row_shows_its_sentence(at, env):
    stored = Store(env).claims()
    [row] = stored.index[stored["text"] == "1.250"]
    at.session_state["claims_table"] = {"selection": {"rows": [int(row)], "columns": [], "cells": []}}
    rerun(at)
    shown = " ".join(m.value for m in at.markdown)
    assert f"**{escape_markdown('1.250')}**" in shown
    assert "Công an tỉnh đã huy động :orange-background" in shown  # the sentence, up to the number
    at.button(key="open_article").click()
    rerun(at)
    assert at.selectbox(key="article_pick").value == stored.loc[row, "article_id"]


def test_filter_rerun_reads_nothing_again(at, env, monkeypatch):
    categories = Store(env).claims()["category"].unique()[:2]
    calls = {"claims": 0, "articles": 0, "extract": 0}

    def counting(name, original):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(Store, "claims", counting("claims", Store.claims))
    monkeypatch.setattr(Store, "articles", counting("articles", Store.articles))
    monkeypatch.setattr(ui.data, "claims_frame", counting("extract", ui.data.claims_frame))
    fresh = f"{UPLOAD}Mã kiểm tra {env.parent.name}.\n"  # new bytes: not in the parse cache of earlier tests
    upload(at, ("moi.txt", fresh.encode("utf-8"), "text/plain"))  # parsed once, here
    assert calls == {"claims": 0, "articles": 0, "extract": 1}
    for category in categories:
        at.sidebar.multiselect(key="filter_categories").set_value([category])
        rerun(at)
    at.sidebar.text_input(key="filter_text").set_value("chốt")
    rerun(at)
    assert calls == {"claims": 0, "articles": 0, "extract": 1}


# --- article view -----------------------------------------------------------------------------------------------------

def test_article_text_is_never_markdown(at, env):
    upload(at, ("xss.txt", XSS_ARTICLE.encode("utf-8"), "text/plain"))
    at.button(key="save_upload").click()
    rerun(at)
    assert at.selectbox(key="article_pick").value is not None, "the saved article is not opened"
    for text in markdown_texts(at):
        for payload in (XSS_IMG, "<script>", "$x$", "[a](b)", ":red[đỏ]"):
            assert payload not in text, f"{payload!r} reached Markdown unescaped: {text[:200]!r}"
    article = next(m.value for m in at.markdown if "Đoàn phát hiện" in m.value)
    assert "\\<img src\\=x onerror\\=alert\\(" in article
    assert "<img src=x onerror=alert(" in plain(article)  # shown literally (the "1" may be highlighted)
    assert "\\$x\\$" in article
    assert any("12" in t for t in claims_table(at)["text"])


def test_edit_title_and_date_then_delete(at, env):
    article_id = Store(env).articles()["article_id"][0]
    at.selectbox(key="article_pick").set_value(article_id)
    rerun(at)
    at.text_input(key=f"edit_title_{article_id}").set_value("Tiêu đề mới")
    at.text_input(key=f"edit_published_{article_id}").set_value("2020-01")
    at.button[[b.label for b in at.button].index("Lưu thay đổi")].click()
    rerun(at)
    stored = Store(env).article(article_id)
    assert (stored.title, stored.published) == ("Tiêu đề mới", "2020-01")
    at.text_input(key=f"edit_published_{article_id}").set_value("20/01/2020")
    at.button[[b.label for b in at.button].index("Lưu thay đổi")].click()
    rerun(at)
    assert any("YYYY-MM-DD" in e for e in errors(at)), errors(at)
    assert at.button(key="article_delete").disabled
    at.checkbox(key=f"delete_confirm_{article_id}").check()
    rerun(at)
    at.button(key="article_delete").click()
    rerun(at)
    assert len(Store(env)) == 1
    assert metric(at, "Bài báo") == 1


# --- downloads --------------------------------------------------------------------------------------------------------

def test_download_buttons_and_csv_bytes(at, env):
    buttons = {b.key: b for b in at.get("download_button")}
    charts = ("per_article", "over_time", "category_mix")
    assert {"download_csv", "download_xlsx", "download_jsonl", "download_parquet",
            *(f"download_chart_{name}" for name in charts), *(f"download_png_{name}" for name in charts)} <= set(buttons)
    for key in ("download_csv", "download_chart_over_time", "download_png_over_time"):
        assert buttons[key].proto.ignore_rerun, key  # on_click="ignore": downloading keeps the page
    # AppTest does not fetch a button's bytes, so check the function the button calls
    data = table_bytes(Store(env).claims(), "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "1250.0" in text or "1250" in text
    assert "Công an tỉnh ra quân" in text
    assert table_bytes(pd.DataFrame({"x": ["=1+1"]}), "csv").decode("utf-8-sig").splitlines()[1] == "'=1+1"


def test_png_buttons_follow_the_browser(env, monkeypatch):
    """PNG bytes are drawn on click, on Streamlit's own thread, where an error shows only "Failed to generate
    file": so without a browser the buttons are disabled and a caption says HTML still works."""
    monkeypatch.setattr(figures.export, "browser_path", lambda: "/usr/bin/chromium")
    at = rerun(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60))
    png = [b for b in at.get("download_button") if b.key.startswith("download_png_")]
    assert len(png) == 3 and not any(b.proto.disabled for b in png)
    assert not any("Chromium" in c.value for c in at.caption)
    monkeypatch.setattr(figures.export, "browser_path", lambda: None)
    rerun(at)
    png = [b for b in at.get("download_button") if b.key.startswith("download_png_")]
    assert len(png) == 3 and all(b.proto.disabled for b in png)
    assert any("Chromium" in c.value and "HTML" in c.value for c in at.caption)
    assert not any(b.proto.disabled for b in at.get("download_button") if b.key.startswith("download_chart_"))


# --- the escaping itself ----------------------------------------------------------------------------------------------

MARKDOWN_TRAPS = ["$x$", "[a](b)", "![i](http://e/x.png)", ":red[x]", "<b>x</b>", "**x**", "# h", "1. list",
                  "`code`", "a_b_c", "\\$", "&amp;", "~~s~~", "> quote", "| t |", ":smile:"]


@pytest.mark.parametrize("text", MARKDOWN_TRAPS)
def test_escape_markdown_escapes_every_special(text):
    escaped = escape_markdown(text)
    assert plain(escaped) == text, "unescaping gives the text back"
    unescaped_punctuation = re.sub(r"\\[!-/:-@\[-`{-~]", "", escaped)
    assert not re.search(r"[!-/:-@\[-`{-~]", unescaped_punctuation), escaped


def test_escape_markdown_flattens_indentation():
    assert escape_markdown("a\n    b\n\tc") == "a\n\nb\n\nc"  # no indented code blocks


def test_claim_context_finds_the_right_occurrence():
    body = "Câu đầu có 5 người. Sau đó 5 người khác đến, rồi 5 người nữa."
    start = body.index("5 người khác")
    before, number, after = claim_context(body, start, start + 1, "Sau đó 5 người khác đến, rồi 5 người nữa.")
    assert (before, number, after) == ("Sau đó ", "5", " người khác đến, rồi 5 người nữa.")
    before, number, after = claim_context(body, start, start + 1, "")
    assert before.endswith("Sau đó ") and number == "5"
    assert sentence_markdown("a $", "5", "[x]") == "a \\$:orange-background[**5**]\\[x\\]"


def test_article_markdown_highlights_spans():
    body = "Có 12 chốt và <b>7</b> tổ."
    md = article_markdown(body, [(3, 5, "checkpoints"), (17, 18, "teams")], {"checkpoints": "blue", "teams": "red"})
    assert md == "Có :blue-background[12] chốt và \\<b\\>:red-background[7]\\<\\/b\\> tổ\\."


# --- the words -----------------------------------------------------------------------------------------------------------

def test_strings_have_both_languages_and_every_category():
    strings = load_strings()
    assert set(strings["vi"].strings) == set(strings["en"].strings)
    assert strings["vi"].category("money") == "Tiền" and strings["en"].category("money") == "Money"
    labels = strings["en"].figure_labels()
    assert labels["no_data"] == "No data" and labels["category.casualties"] == "Casualties"


def test_incomplete_strings_file_names_the_key(tmp_path):
    broken = tmp_path / "strings.toml"
    broken.write_text(STRINGS_PATH.read_text(encoding="utf-8").replace('save = "Save"\n', ""), encoding="utf-8")
    with pytest.raises(ValueError, match=r"'upload\.save'.*\[en\]"):
        load_strings(broken)

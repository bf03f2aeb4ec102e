"""HTML, DOCX and PDF articles: real text, title and date out; hidden text, bombs and runaway parsers kept out."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import time
import types
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from solieu.article import parse_article
from solieu.errors import ArticleFormatError
from solieu.readers import Limits, legacy, read_article_file, read_upload, sandbox
from solieu.readers.limits import ReadProblem
from solieu.readers.sandbox import ParseTimeout, run_isolated
from tests.readers_support import BODY, PARAGRAPHS, TITLE, docx_bytes, html_page, pdf_bytes, to_cp1258

EXPECTED_ID = parse_article(BODY).article_id


def one(name: str, data: bytes, **kwargs):
    [result] = read_upload(name, data, **kwargs)
    return result


# --- HTML -------------------------------------------------------------------------------------------------------

def test_html_gives_main_text_title_date_and_the_same_id_as_the_txt(tmp_path):
    head = '<meta property="article:published_time" content="2024-06-05T08:30:00+07:00">'
    path = tmp_path / "bai.html"
    path.write_text(html_page(head=head), encoding="utf-8")
    article = read_article_file(path)
    assert article.body == BODY  # paragraphs separated by blank lines; menu and footer dropped
    assert article.title == TITLE
    assert article.published == "2024-06-05"
    assert article.article_id == EXPECTED_ID


def test_hidden_and_script_text_never_reaches_the_body():
    extra = ("<script>var gia = '999 tỷ đồng';</script><style>p::after{content:'888 tỷ'}</style>"
             "<noscript>Bật JavaScript để xem 777 tỷ</noscript><!-- bình luận 666 tỷ -->"
             "<p style='Display: None'>ẩn 555 tỷ</p><div hidden>ẩn 444 tỷ</div>"
             "<span aria-hidden='true'>ẩn 333 tỷ</span><template><p>mẫu 222 tỷ</p></template>")
    article = one("bai.htm", html_page(extra=extra).encode()).article
    assert article.body == BODY
    for number in ("999", "888", "777", "666", "555", "444", "333", "222"):
        assert number not in article.body


def test_html_bytes_are_decoded_by_us_when_the_meta_charset_lies():
    page = html_page(charset="iso-8859-1")  # the page claims Latin-1 but is UTF-8
    assert one("a.html", page.encode("utf-8")).article.article_id == EXPECTED_ID
    windows_1258 = html_page(charset="windows-1258")
    assert one("b.html", to_cp1258(windows_1258)).article.body == BODY


def test_html_dateline_when_metadata_has_no_date():
    paragraphs = ("Thứ hai, 05/06/2024 08:30 (GMT+7)", *PARAGRAPHS)
    assert one("a.html", html_page(paragraphs).encode()).article.published == "2024-06-05"
    assert one("b.html", html_page().encode()).article.published is None


def test_html_with_no_article_text_is_an_error():
    page = "<html><head><title>Trống</title><script>var x = 1;</script></head><body><div></div></body></html>"
    assert one("trong.html", page.encode()).error == "trong.html: no article text found in the HTML page"


def test_html_fragment_is_read_rather_than_dropped():
    article = one("doan.html", f"<p>{PARAGRAPHS[0]}</p>".encode()).article
    assert article.body == PARAGRAPHS[0]


def test_deeply_nested_html_returns_within_budget():
    nested = ("<html><body>" + "<div>" * 100_000 + PARAGRAPHS[0] + "</div>" * 100_000 + "</body></html>").encode()
    started = time.monotonic()
    result = one("sau.html", nested, limits=Limits(parse_seconds=15))
    assert time.monotonic() - started < 15 + sandbox.START_SECONDS
    # libxml2 gives up below its nesting limit, so the text may be lost; but no crash and no time-out
    assert (result.article is not None and result.article.body == PARAGRAPHS[0]) or (
        result.error == "sau.html: no article text found in the HTML page"), result.error


def test_parse_time_limit_gives_an_error_and_the_next_file_still_works():
    huge = html_page([f"Đoạn {i}: {PARAGRAPHS[i % 3]}" for i in range(20_000)]).encode()
    assert one("to.html", huge, limits=Limits(parse_seconds=0.05)).error == (
        "to.html: parsing took longer than 0.05 s; gave up")
    assert one("nho.html", html_page().encode()).article.body == BODY


def test_sandbox_kills_a_parser_that_does_not_return():
    with pytest.raises(ParseTimeout, match=r"parsing took longer than 0\.3 s"):
        run_isolated("solieu.readers.worker:stall", b"", seconds=0.3, delay=30)
    assert run_isolated("solieu.readers.worker:stall", b"xong", seconds=10, delay=0) == {"text": "xong"}


# --- DOCX -------------------------------------------------------------------------------------------------------

def test_docx_paragraphs_title_and_date():
    data = docx_bytes([TITLE, "", *PARAGRAPHS], title="Báo cáo xuất khẩu", created=dt.datetime(2023, 3, 2, 9))
    article = one("bao-cao.docx", data).article
    assert article.body == BODY
    assert article.article_id == EXPECTED_ID
    assert article.title == "Báo cáo xuất khẩu"
    assert article.published == "2023-03-02"  # only the creation date: no header, metadata or dateline


def test_docx_dateline_beats_the_creation_date():
    data = docx_bytes(["Ngày 14/7/2021, Hà Nội", *PARAGRAPHS], created=dt.datetime(2023, 3, 2, 9))
    assert one("a.docx", data).article.published == "2021-07-14"


def test_docx_bomb_member_is_refused_before_python_docx_opens_it():
    original = docx_bytes(PARAGRAPHS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/media/bom.bin", b"\0" * (5 * 1024 * 1024))
    error = one("bom.docx", buffer.getvalue()).error
    assert error.startswith("bom.docx: word/media/bom.bin: compression ratio ")
    assert error.endswith("(zip bomb?)")


def test_docx_with_a_doctype_is_refused():
    original = docx_bytes(PARAGRAPHS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", '?><!DOCTYPE w [<!ENTITY a "999 tỷ">]>'.encode(), 1)
            dst.writestr(info, data)
    assert "DOCTYPE" in one("xxe.docx", buffer.getvalue()).error


def test_not_a_docx():
    assert one("gia.docx", BODY.encode()).error.startswith("gia.docx: not a valid zip archive")


# --- PDF --------------------------------------------------------------------------------------------------------

def test_pdf_text_layer_and_title():
    article = one("bao-cao.pdf", pdf_bytes([TITLE, *PARAGRAPHS], title="Báo cáo PDF")).article
    assert article.article_id == EXPECTED_ID  # line breaks differ from the .txt; the words do not
    assert article.body.split("\n") == [TITLE, *PARAGRAPHS]
    assert article.title == "Báo cáo PDF"


def test_scanned_pdf_without_text_layer():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert one("scan.pdf", buffer.getvalue()).error == "scan.pdf: no text layer (scanned PDF?); run OCR first"


def test_pdf_page_limit_and_garbage():
    assert one("a.pdf", pdf_bytes(PARAGRAPHS), limits=Limits(max_pdf_pages=0)).error == (
        "a.pdf: the PDF has 1 pages, more than the limit of 0")
    assert one("b.pdf", BODY.encode()).error == "b.pdf: not a PDF file (no %PDF- header)"
    assert one("c.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8).error.startswith("c.pdf: ")


def test_read_article_file_raises_for_bad_formats(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(ArticleFormatError, match=r"scan\.pdf: "):
        read_article_file(path)


def test_parser_memory_is_capped():
    with pytest.raises(ReadProblem, match="the parser ran out of memory on this file"):
        run_isolated("solieu.readers.worker:hog", b"", seconds=30, megabytes=2048)
    assert run_isolated("solieu.readers.worker:hog", b"", seconds=30, megabytes=16) == {"text": str(16 * 2**20)}


def test_parsing_from_several_threads_at_once():
    # Streamlit runs each session in its own thread; parsing must not depend on being on the main thread.
    pages = {f"bai{i}.html": html_page([f"Bài số {i}.", *PARAGRAPHS]).encode() for i in range(3)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(pages, pool.map(lambda item: one(*item), pages.items()), strict=True))
    for name, result in results.items():
        assert result.article.body.split("\n\n")[1] == f"Bài số {name[3]}."


def test_parser_processes_do_not_rerun_the_callers_main_script(tmp_path, monkeypatch):
    # Under Streamlit, __main__ is the dashboard script; multiprocessing's spawn/forkserver children would
    # run it again. Our workers are plain subprocesses, so a script that leaves a mark must not leave one.
    marker = tmp_path / "ran-again"
    script = tmp_path / "app.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)
    sandbox._shutdown()  # no idle worker: the next parse starts a fresh process
    assert one("bai.html", html_page().encode()).article.body == BODY
    assert not marker.exists()


def test_parser_processes_work_when_the_caller_imported_solieu_from_the_current_folder():
    # `python -c` or a REPL in the repository: sys.path[0] is "", which the worker (run with -P) does not get.
    script = ("from solieu.readers import read_upload\n"
              "from tests.readers_support import html_page\n"
              "[result] = read_upload('a.html', html_page().encode())\n"
              "print(result.error or result.article.title)\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", script], check=False, cwd=sandbox._IMPORT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == TITLE, done.stdout + done.stderr


def test_html_page_typed_in_tcvn3_is_converted():
    page = legacy.encode(html_page(), "tcvn3").encode("latin-1")
    assert one("cu.html", page).article.body == BODY

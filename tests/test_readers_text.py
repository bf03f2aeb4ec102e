"""Plain-text articles: every encoding users have gives the same Article; bad bytes give one clear error."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solieu.article import parse_article
from solieu.errors import ArticleFormatError, SolieuError
from solieu.readers import Limits, legacy, read_article_file, read_upload
from tests.readers_support import BODY, TITLE, to_cp1258

EXPECTED = parse_article(BODY)


@pytest.mark.parametrize(("label", "data"), [
    ("utf-8", BODY.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + BODY.encode("utf-8")),
    ("utf-16 LE with BOM", BODY.encode("utf-16")),
    ("utf-16 BE with BOM", b"\xfe\xff" + BODY.encode("utf-16-be")),
    ("NFD utf-8", unicodedata.normalize("NFD", BODY).encode("utf-8")),
    ("CRLF newlines", BODY.replace("\n", "\r\n").encode("utf-8")),
    ("windows-1258", to_cp1258(BODY)),
    ("TCVN3 bytes", legacy.encode(BODY, "tcvn3").encode("latin-1")),
    ("VNI bytes", legacy.encode(BODY, "vni").encode("latin-1")),
    ("VNI pasted into a UTF-8 file", legacy.encode(BODY, "vni").encode("utf-8")),
])
def test_same_article_whatever_the_encoding(tmp_path, label, data):
    path = tmp_path / "bai-viet.txt"
    path.write_bytes(data)
    article = read_article_file(path)
    assert article.body == BODY, label
    assert article.article_id == EXPECTED.article_id
    assert article.title == TITLE
    assert article.source == str(path)


def test_tcvn3_keeps_case_it_can_and_converts_the_rest():
    # TCVN3 has uppercase only for the base letters; toned capitals came from a separate font, so a text
    # written with the normal font converts to lowercase toned letters.
    text = "Tại huyện Bảo Thắng, sản lượng lúa đạt 45,2 nghìn tấn, tăng 3% so với năm trước."
    raw = legacy.encode(text, "tcvn3").encode("latin-1")
    assert raw.startswith(b"T\xb9i huy\xd6n B\xb6o Th\xbeng")
    assert read_upload("cu.txt", raw)[0].article.body == text


def test_published_legacy_samples_convert():
    assert legacy.convert("B¶o Th¾ng", "tcvn3") == "Bảo Thắng"
    assert legacy.convert("M\u00adêng Kh\u00ad¬ng", "tcvn3") == "Mường Khương"
    assert legacy.convert("Xin chaøo caùc baïn", "vni") == "Xin chào các bạn"
    assert legacy.convert("VIEÄT NAM", "vni") == "VIỆT NAM"


def test_legacy_tables_round_trip_every_letter():
    letters = "aăâeêioôơuưy"
    word_list = [unicodedata.normalize("NFC", base + tone) for base in letters + letters.upper()
                 for tone in ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")] + ["đ", "Đ"]
    text = " ".join(word_list)
    assert legacy.convert(legacy.encode(text, "vni"), "vni") == text
    lower = " ".join(w for w in word_list if w.islower() or w in "ĂÂÊÔƠƯĐ")
    assert legacy.convert(legacy.encode(lower, "tcvn3"), "tcvn3") == lower


def test_western_text_is_not_mistaken_for_legacy_vietnamese():
    french = "Le café coûte 2,50 euros à Paris; déjà vu, naïve et élève."
    assert read_upload("fr.txt", french.encode("utf-8"))[0].article.body == french


def test_garbled_legacy_text_is_refused_naming_the_encoding():
    # Half TCVN3 marks, half words that no Vietnamese table can make sense of.
    text = "Gi¸ x¨ng tzqwk ¶o brrk ¸ plmf ¾ng vvxq µ krt Th¾ng sdfq"
    result = read_upload("cu.txt", text.encode("latin-1"))[0]
    assert result.article is None
    assert result.error.startswith("cu.txt: legacy TCVN3")


def test_header_date_and_title_win(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"title: Tin nhanh\ndate: 2024-06-05\n\nNgày 14/7/2021, {BODY}", encoding="utf-8")
    article = read_article_file(path)
    assert (article.title, article.published) == ("Tin nhanh", "2024-06-05")


def test_dateline_gives_the_date_when_there_is_no_header():
    data = f"Hà Nội, thứ hai, 05/06/2024 08:30 (GMT+7)\n\n{BODY}".encode()
    assert read_upload("a.txt", data)[0].article.published == "2024-06-05"
    assert read_upload("b.txt", BODY.encode())[0].article.published is None


@pytest.mark.parametrize(("data", "problem"), [
    (b"", "empty file"),
    (b" \n\t\r\n  ", "no text (the file is empty or only whitespace)"),
    (b"\xef\xbb\xbf\n\n", "no text (the file is empty or only whitespace)"),
    (b"B\xc3\xa1o c\xc3\xa1o\x00\x00\x01 data", "binary file (contains NUL bytes), not text"),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "looks like a PNG image, not text"),
    (b"\x7fELF\x02\x01\x01" + bytes(64), "looks like an ELF executable, not text"),
    (b"PK\x03\x04" + bytes(30), "looks like a zip archive (or DOCX), not text"),
    (bytes(range(0x80, 0x100)) * 4, "not UTF-8 and the text encoding could not be recognised; save the file as UTF-8"),
    (b"\xff\xfeA\x00\x00\xd8", "starts with a UTF-16 byte-order mark but is not valid utf-16"),
])
def test_bad_text_files_give_one_clear_error(tmp_path, data, problem):
    path = tmp_path / "bao-cao.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleFormatError) as err:
        read_article_file(path)
    assert str(err.value) == f"{path}: {problem}"
    [result] = read_upload("bao-cao.txt", data)
    assert (result.name, result.article, result.error) == ("bao-cao.txt", None, f"bao-cao.txt: {problem}")


def test_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(ArticleFormatError, match=r"lon\.txt: 0\.0 MB is larger than the limit"):
        read_article_file(path, limits=Limits(max_bytes=1024))
    assert "larger than the limit" in read_upload("lon.txt", b"a" * 2048, limits=Limits(max_bytes=1024))[0].error


def test_unsupported_and_missing_files(tmp_path):
    (tmp_path / "bang.xlsx").write_bytes(b"x")
    with pytest.raises(ArticleFormatError, match=r"bang\.xlsx: unsupported file type '\.xlsx'"):
        read_article_file(tmp_path / "bang.xlsx")
    with pytest.raises(ArticleFormatError, match=r"khong-co\.txt: no such file"):
        read_article_file(tmp_path / "khong-co.txt")


def test_upload_name_is_never_used_as_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [result] = read_upload("../../etc/passwd.txt", BODY.encode())
    assert result.article.body == BODY
    assert list(tmp_path.iterdir()) == []


def test_limits_from_env():
    limits = Limits.from_env({"SOLIEU_MAX_FILE_MB": "5", "SOLIEU_PARSE_SECONDS": "2.5", "SOLIEU_MAX_PDF_PAGES": "10"})
    assert (limits.max_bytes, limits.parse_seconds, limits.max_pdf_pages) == (5 * 1024 * 1024, 2.5, 10)
    assert limits.max_archive_members == Limits().max_archive_members
    with pytest.raises(SolieuError, match="SOLIEU_MAX_FILE_MB='nhiều': expected a positive number"):
        Limits.from_env({"SOLIEU_MAX_FILE_MB": "nhiều"})


def test_a_few_stray_control_characters_are_dropped_but_many_are_refused():
    assert read_upload("a.txt", f"{BODY}\x0b\x1b".encode())[0].article.body == BODY
    noisy = "".join(f"{c}\x1b" for c in BODY).encode()
    assert read_upload("b.txt", noisy)[0].error == "b.txt: contains control characters, probably not a text file"


def _bytes_text_one_by_one(text: str) -> str | None:
    """as_bytes_text written the plain way, one character at a time (the reference for the codec version)."""
    out = []
    for ch in text:
        if ord(ch) < 256:
            out.append(ch)
            continue
        try:
            out.append(ch.encode("cp1252").decode("latin-1"))
        except UnicodeEncodeError:
            return None
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(i) for i in range(0x70, 0x110)] + list("€‘’“”…ŽžŸươạ")),
               max_size=40))
def test_bytes_text_matches_the_plain_walk(text: str) -> None:
    assert legacy.as_bytes_text(text) == _bytes_text_one_by_one(text)

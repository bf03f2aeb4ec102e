"""Zips and folders: every member read in memory, unsafe names and bombs reported, one bad file never stops
the batch."""

from __future__ import annotations

import zipfile

import pytest

from solieu.article import parse_article
from solieu.errors import ArticleFormatError
from solieu.readers import Limits, read_article_file, read_paths, read_upload
from tests.readers_support import BODY, PARAGRAPHS, docx_bytes, html_page, pdf_bytes, zip_bytes

EXPECTED_ID = parse_article(BODY).article_id


def summary(results):
    return [(r.name, r.article.article_id if r.article else None, r.error) for r in results]


def test_zip_of_every_format_gives_the_same_article():
    data = zip_bytes({
        "bai/a.txt": BODY.encode("utf-16"),
        "bai/b.html": html_page().encode(),
        "bai/c.docx": docx_bytes(BODY.split("\n\n")),
        "bai/d.pdf": pdf_bytes(BODY.split("\n\n")),
        "bai/": b"",
        "__MACOSX/bai/._a.txt": b"\x00\x05",
        "bai/.DS_Store": b"\x00",
        "bai/anh.jpg": b"\xff\xd8\xff",
    })
    assert summary(read_upload("bai.zip", data)) == [
        (f"bai.zip!bai/{name}", EXPECTED_ID, None) for name in ("a.txt", "b.html", "c.docx", "d.pdf")]


def test_path_traversal_members_are_reported_and_never_written(tmp_path, monkeypatch):
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    data = zip_bytes({"../../evil.txt": b"x", "/tmp/abs.txt": b"x", "C:\\win.txt": b"x", "ok.txt": BODY.encode()})
    archive = work / "x.zip"
    archive.write_bytes(data)
    results = list(read_paths(archive))
    assert summary(results) == [
        (f"{archive}!../../evil.txt", None, f"{archive}!../../evil.txt: unsafe path in archive, skipped"),
        (f"{archive}!/tmp/abs.txt", None, f"{archive}!/tmp/abs.txt: unsafe path in archive, skipped"),
        (f"{archive}!C:\\win.txt", None, f"{archive}!C:\\win.txt: unsafe path in archive, skipped"),
        (f"{archive}!ok.txt", EXPECTED_ID, None),
    ]
    files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert [str(p) for p in files] == ["work", "work/deep", "work/deep/x.zip"]
    upload = read_upload("x.zip", data)
    assert upload[0].error == "x.zip!../../evil.txt: unsafe path in archive, skipped"


def test_zip_bomb_by_ratio_is_refused_before_decompressing():
    data = zip_bytes({"bom.txt": b"0" * (10 * 1024 * 1024)})
    assert len(data) < 100_000
    [result] = read_upload("bom.zip", data)
    assert result.error.startswith("bom.zip: bom.txt: compression ratio ")


def test_zip_limits_on_member_size_count_and_total():
    members = {f"bai{i}.txt": BODY.encode() for i in range(5)}
    data = zip_bytes(members, compression=zipfile.ZIP_STORED)
    assert read_upload("a.zip", data, limits=Limits(max_archive_members=4))[0].error == (
        "a.zip: zip has 5 entries, more than the limit of 4")
    assert read_upload("a.zip", data, limits=Limits(max_archive_total=len(BODY.encode()) * 4))[0].error.startswith(
        "a.zip: zip would expand to ")
    long_member = zip_bytes({"dai.txt": (BODY * 20).encode()})
    assert read_upload("b.zip", long_member, limits=Limits(max_bytes=len(BODY.encode()) * 10))[0].error.startswith(
        "b.zip: dai.txt: expands to ")


def test_lying_declared_size_does_not_let_a_member_through():
    data = bytearray(zip_bytes({"a.txt": BODY.encode()}, compression=zipfile.ZIP_STORED))
    size = len(BODY.encode()).to_bytes(4, "little")
    # Declare 4 bytes in both the local header and the central directory; the real data is longer.
    data = bytes(data).replace(size, (4).to_bytes(4, "little"))
    [result] = read_upload("noi-doi.zip", data)
    assert result.article is None or len(result.article.body) <= 4


def test_nested_zips_and_depth_limit():
    inner = zip_bytes({"c.txt": BODY.encode()})
    middle = zip_bytes({"b.zip": inner})
    assert summary(read_upload("a.zip", middle)) == [("a.zip!b.zip!c.txt", EXPECTED_ID, None)]
    deepest = inner
    for level in range(3):
        deepest = zip_bytes({f"l{level}.zip": deepest})
    [result] = read_upload("sau.zip", deepest)
    assert result.error.endswith("archives nested more than 3 deep are not read")


def test_corrupt_zip_and_empty_zip():
    assert read_upload("hong.zip", b"PK\x03\x04 not really")[0].error.startswith("hong.zip: not a valid zip archive")
    assert read_upload("rong.zip", zip_bytes({"anh.png": b"\x89PNG"}))[0].error.startswith(
        "rong.zip: no supported files")


def test_read_paths_walks_folders_and_keeps_going_after_bad_files(tmp_path):
    (tmp_path / "2024" / "thang6").mkdir(parents=True)
    (tmp_path / "2024" / "thang6" / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "2024" / "b.html").write_text(html_page(), encoding="utf-8")
    (tmp_path / "2024" / "rong.txt").write_bytes(b"")
    (tmp_path / "2024" / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    (tmp_path / "2024" / "ghi-chu.xlsx").write_bytes(b"PK")  # unsupported in a folder: skipped quietly
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "d.zip").write_bytes(zip_bytes({"e.md": BODY.encode(), "f.pdf": PARAGRAPHS[0].encode()}))
    root = tmp_path / "2024"
    assert summary(read_paths([tmp_path, tmp_path / "khong-co.txt"])) == [
        (f"{root}/anh.txt", None, f"{root}/anh.txt: looks like a PNG image, not text"),
        (f"{root}/b.html", EXPECTED_ID, None),
        (f"{root}/rong.txt", None, f"{root}/rong.txt: empty file"),
        (f"{root}/thang6/a.txt", EXPECTED_ID, None),
        (f"{tmp_path}/d.zip!e.md", EXPECTED_ID, None),
        (f"{tmp_path}/d.zip!f.pdf", None, f"{tmp_path}/d.zip!f.pdf: not a PDF file (no %PDF- header)"),
        (f"{tmp_path}/khong-co.txt", None, f"{tmp_path}/khong-co.txt: no such file"),
    ]


def test_read_paths_accepts_a_single_path_and_reports_an_empty_folder(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    assert summary(read_paths(str(tmp_path / "a.txt"))) == [(str(tmp_path / "a.txt"), EXPECTED_ID, None)]
    (tmp_path / "trong").mkdir()
    assert read_paths(tmp_path / "trong").__next__().error.startswith(f"{tmp_path / 'trong'}: no supported files")


def test_read_article_file_refuses_an_archive(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(zip_bytes({"a.txt": BODY.encode()}))
    with pytest.raises(ArticleFormatError, match=r"a\.zip: \.zip files hold several articles"):
        read_article_file(path)


def test_encrypted_member_is_reported():
    data = bytearray(zip_bytes({"mat.txt": BODY.encode()}, compression=zipfile.ZIP_STORED))
    # Set the "encrypted" flag bit in the local header and the central directory entry.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= 0x01
    assert read_upload("mat.zip", bytes(data))[0].error == "mat.zip!mat.txt: encrypted archive member, skipped"


def test_many_small_files_stay_fast():
    data = zip_bytes({f"bai{i:03}.txt": f"{BODY}\n\nSố thứ tự {i}.".encode() for i in range(200)})
    results = read_upload("nhieu.zip", data)
    assert len(results) == 200 and all(r.article for r in results)
    assert len({r.article.article_id for r in results}) == 200

"""The command line end to end, through main([...]) on a store in tmp_path."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from solieu.cli import main
from solieu.extract import extract
from solieu.store import Store
from solieu.synthetic import generate_articles

ARTICLE_A = "title: Công an Hà Nội ra quân\ndate: 2021-08-15\n\nCông an huy động 1.234 cán bộ, chiến sĩ.\n"
ARTICLE_B = "title: Thu ngân sách\ndate: 2022-03\n\nThu ngân sách đạt 12,5% dự toán, tăng 8% so với cùng kỳ.\n"
ARTICLE_C = "Cháy kho hàng\n\nVụ cháy thiêu rụi 500 m2 nhà xưởng, 3 xe chữa cháy được điều đến.\n"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "more" / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as archive:
        archive.writestr("c.txt", ARTICLE_C.encode("utf-8"))
    return tmp_path


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.sqlite")


@pytest.fixture
def filled(db: str) -> Store:
    store = Store(db)
    for article in generate_articles(8, seed=31):
        store.add(article)
    return store


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_still_prints_jsonl(files: Path, capsys):
    code, out, _ = run(capsys, "extract", str(files / "articles" / "a.txt"))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in rows] == [c.text for c in extract("Công an huy động 1.234 cán bộ, chiến sĩ.\n")]
    assert {r["title"] for r in rows} == {"Công an Hà Nội ra quân"}


def test_import_files_folders_and_zips_then_again(files: Path, db: str, capsys):
    missing = str(files / "missing.txt")
    code, out, err = run(capsys, "import", "--db", db, str(files / "articles"), str(files / "c.zip"), missing)
    assert code == 1
    assert out.splitlines()[-1] == "imported 3, already present 0, failed 1"
    assert out.count("imported ") == 4 and "Cháy kho hàng" in out
    assert "failed: " in err and "missing.txt" in err and "Traceback" not in err
    assert sorted(Store(db).articles()["title"]) == ["Cháy kho hàng", "Công an Hà Nội ra quân", "Thu ngân sách"]

    (files / "copy.txt").write_text("\ufeff" + ARTICLE_A.replace("title: Công an Hà Nội ra quân", "title: Khác"),
                                    encoding="utf-8")
    code, out, err = run(capsys, "import", "--db", db, str(files / "articles"), str(files / "copy.txt"))
    assert code == 0 and err == ""
    assert out.splitlines()[-1] == "imported 0, already present 3, failed 0"
    assert "already imported" in out and "Công an Hà Nội ra quân" in out and "Khác" not in out
    assert len(Store(db)) == 3


def test_list_show_edit_delete(filled: Store, db: str, capsys):
    articles = filled.articles()
    code, out, err = run(capsys, "list", "--db", db)
    assert code == 0 and len(out.splitlines()) == 8 and "8 articles" in err
    first = articles.iloc[0]
    assert first.article_id in out and first.title in out

    code, out, _ = run(capsys, "show", first.article_id[:8], "--db", db)
    assert code == 0
    assert f"title:     {first.title}" in out and f"claims:    {first.claims}" in out
    assert len(out.splitlines()) == 5 + first.claims

    code, out, _ = run(capsys, "edit", first.article_id[:8], "--db", db, "--title", "Tên mới", "--published", "2020-02")
    assert code == 0 and "2020-02  Tên mới" in out
    assert filled.article(first.article_id).title == "Tên mới"
    code, _, err = run(capsys, "edit", first.article_id, "--db", db, "--published", "2020-02-31")
    assert code == 2 and err.startswith("error: the date must be") and "Traceback" not in err

    code, out, _ = run(capsys, "delete", first.article_id, "--db", db)
    assert code == 0 and out.startswith(f"deleted {first.article_id}")
    assert len(filled) == 7
    code, _, err = run(capsys, "delete", first.article_id, "--db", db)
    assert code == 2 and err.startswith("error: no article")


def test_export_csv_to_stdout_with_and_without_bom(filled: Store, db: str, capsysbinary):
    assert main(["export", "--db", db]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"\xef\xbb\xbf")
    assert len(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")) == len(filled.claims())
    assert main(["export", "--db", db, "--no-bom", "--format", "jsonl"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert len(lines) == len(filled.claims()) and not lines[0].startswith("\ufeff")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "parquet"])
def test_export_to_a_file_with_filters(filled: Store, db: str, tmp_path: Path, fmt: str, capsys):
    claims = filled.claims()
    some = claims["article_id"].unique()[:3]
    out = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "export", "--db", db, "--format", fmt, "--out", str(out),
                       "--article", some[0][:10], "--article", f"{some[1]},{some[2]}", "--min", "2", "--max", "1e6")
    assert code == 0
    expected = claims[claims["article_id"].isin(some) & claims["value"].between(2, 1e6)]
    assert 0 < len(expected) < len(claims)
    assert f"wrote {len(expected)} claims" in err
    read = {"csv": lambda p: pd.read_csv(p, encoding="utf-8-sig"), "xlsx": pd.read_excel,
            "jsonl": lambda p: pd.read_json(p, lines=True, dtype=False), "parquet": pd.read_parquet}[fmt]
    assert read(out)["value"].tolist() == expected["value"].tolist()


def test_export_binary_to_stdout_and_bad_filters_are_errors(filled: Store, db: str, capsys):
    code, _, err = run(capsys, "export", "--db", db, "--format", "xlsx")
    assert code == 2 and "--out" in err
    code, _, err = run(capsys, "export", "--db", db, "--from", "last week")
    assert code == 2 and err.startswith("error: date from must be")


def test_reindex_and_check(filled: Store, db: str, capsys):
    assert run(capsys, "reindex", "--db", db)[1] == "re-extracted 0 articles\n"
    assert run(capsys, "reindex", "--db", db, "--force")[1] == "re-extracted 8 articles\n"
    assert run(capsys, "check", "--db", db) == (0, f"{db}: ok\n", "")


def test_a_file_that_is_not_a_store_is_an_error_not_a_traceback(tmp_path: Path, capsys):
    junk = tmp_path / "notes.sqlite"
    junk.write_text("my notes, not a database\n" * 50)
    code, out, err = run(capsys, "list", "--db", str(junk))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and "not a usable solieu store" in err and "Traceback" not in err
    assert junk.read_text() == "my notes, not a database\n" * 50


def test_backup_writes_a_copy_and_says_what_it_holds(filled: Store, db: str, tmp_path: Path, capsys):
    dest = tmp_path / "backup.sqlite"
    claims = len(filled.claims())
    assert claims > 8
    code, out, err = run(capsys, "backup", str(dest), "--db", db)
    assert (code, err) == (0, "")
    assert out == f"backed up {db} to {dest}: 8 articles, {claims} claims\n"
    assert dest.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: one self-contained file
    pd.testing.assert_frame_equal(Store(dest).claims(), filled.claims())


def test_backup_to_an_existing_file_is_an_error_unless_overwrite(filled: Store, db: str, tmp_path: Path, capsys):
    dest = tmp_path / "backup.sqlite"
    dest.write_text("last week's backup\n")
    code, out, err = run(capsys, "backup", str(dest), "--db", db)
    assert (code, out) == (2, "")
    assert err == f"error: {dest} already exists and was left untouched; choose another name or use --overwrite\n"
    assert dest.read_text() == "last week's backup\n"
    code, out, err = run(capsys, "backup", str(dest), "--db", db, "--overwrite")
    assert (code, err) == (0, "") and out.endswith(f"to {dest}: 8 articles, {len(filled.claims())} claims\n")
    code, _, err = run(capsys, "backup", db, "--db", db, "--overwrite")
    assert code == 2 and err == f"error: {db} is the store itself; back it up to another file\n"

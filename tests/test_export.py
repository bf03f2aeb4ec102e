"""Exports: round trips through every format, formula neutralisation, BOM, typed XLSX cells, atomic writes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import solieu.export as export_module
from solieu.errors import SolieuError
from solieu.export import EXPORT_FORMATS, FORMULA_TRIGGERS, to_bytes, to_csv_bytes, write_export
from solieu.model import COLUMNS
from solieu.store import Store
from solieu.synthetic import generate_articles
from solieu.table import frame_from_rows

PAYLOADS = ["=1+1", "+84 912", "-3% so với", "@SUM(A1)", "\t=cmd", "\r=cmd"]


def read_back(data: bytes, fmt: str) -> pd.DataFrame:
    """An exported claims table read back into the claims dtypes (frame_from_rows), undoing only what the
    format itself changes (CSV's neutralising quote)."""
    if fmt == "csv":
        df = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
        df = df.replace(r"^'(?=[=+\-@\t\r])", "", regex=True)
        return frame_from_rows(df.to_dict("records"))
    if fmt == "xlsx":
        df = pd.read_excel(io.BytesIO(data), engine="openpyxl", dtype=object)
        return frame_from_rows(df.fillna("").to_dict("records"))  # empty cells come back as NaN
    if fmt == "jsonl":
        return frame_from_rows(json.loads(line) for line in data.decode("utf-8").splitlines())
    return pd.read_parquet(io.BytesIO(data))


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    store = Store(tmp_path_factory.mktemp("export") / "store.sqlite")
    for article in generate_articles(12, seed=21):
        store.add(article)
    df = store.claims()
    # The awkward cells: separators, quotes, newlines, a range, formula-looking text, Vietnamese.
    df.loc[0, "sentence"] = 'Có dấu phẩy, "ngoặc kép",\nxuống dòng\r\nvà CRLF.'
    df.loc[1, ["value", "value_high", "qualifier"]] = [10.0, 15.0, "range"]
    df.loc[2, ["subject", "value"]] = ["-3% so với cùng kỳ", -3.0]
    return df


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_format_reads_back_as_the_claims_table(claims: pd.DataFrame, fmt: str, tmp_path: Path):
    out = write_export(claims, fmt, tmp_path / f"claims.{fmt}")
    assert out.read_bytes() == to_bytes(claims, fmt) or fmt == "xlsx"  # xlsx zips carry a timestamp
    pd.testing.assert_frame_equal(read_back(out.read_bytes(), fmt), claims)


def test_csv_neutralises_formula_text_and_keeps_numbers_numeric():
    df = pd.DataFrame({"text": [*PAYLOADS, "12,5%", "an toàn"],
                       "value": [-3.0, -1.5, 2.0, 0.0, -7.25, 1.0, 12.5, -0.5]})
    data = to_csv_bytes(df)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert back["text"].tolist() == ["'" + p for p in PAYLOADS] + ["12,5%", "an toàn"]
    assert not any(cell.startswith(FORMULA_TRIGGERS) for cell in back["text"])
    assert back["value"].dtype == "float64"
    assert back["value"].tolist() == df["value"].tolist()
    assert b",-3.0\r\n" in data  # the number itself is written as a plain number


def test_neutralising_leaves_the_input_frame_and_other_formats_alone():
    df = pd.DataFrame({"text": PAYLOADS, "value": [-1.0] * len(PAYLOADS)})
    to_csv_bytes(df)
    assert df["text"].tolist() == PAYLOADS
    lines = to_bytes(df, "jsonl").decode("utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines] == PAYLOADS


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(FORMULA_TRIGGERS), st.text())
def test_no_csv_text_cell_starts_with_a_trigger(trigger: str, rest: str):
    df = pd.DataFrame({"text": [trigger + rest]})
    back = pd.read_csv(io.BytesIO(to_csv_bytes(df)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back["text"].tolist() == ["'" + trigger + rest]


def test_bom_on_by_default_and_off_on_request():
    df = pd.DataFrame({"title": ["Công an Hà Nội"], "value": [1.5]})
    with_bom, without = to_csv_bytes(df), to_csv_bytes(df, bom=False)
    assert with_bom[:3] == b"\xef\xbb\xbf" and with_bom[3:] == without
    assert without.decode("utf-8") == "title,value\r\nCông an Hà Nội,1.5\r\n"
    assert to_bytes(df, "csv", bom=False) == without


def test_xlsx_numbers_are_number_cells_and_formula_text_is_string_cells():
    df = pd.DataFrame({"text": [*PAYLOADS, "ok\x01"], "value": [-3.0, 1.5, 2.0, 1e12, -0.25, 7.0, 3.0],
                       "value_high": [None, 2.5, None, None, None, None, None], "start": range(7)})
    sheet = openpyxl.load_workbook(io.BytesIO(to_bytes(df, "xlsx"))).active
    rows = list(sheet.iter_rows(min_row=2))
    assert [(r[0].value, r[0].data_type) for r in rows] == [(p, "s") for p in PAYLOADS] + [("ok", "s")]
    assert all(r[1].data_type == "n" for r in rows)
    assert [r[1].value for r in rows] == [-3.0, 1.5, 2.0, 1e12, -0.25, 7.0, 3.0]
    assert [r[2].value for r in rows] == [None, 2.5, None, None, None, None, None]
    assert [r[3].value for r in rows] == list(range(7))


def test_jsonl_is_utf8_with_nulls_for_missing_values():
    row = dict.fromkeys(COLUMNS, "") | {"title": "Cháy lớn", "value": 3.0, "value_high": None, "start": 0, "end": 1}
    df = frame_from_rows([row])
    line = to_bytes(df, "jsonl")
    assert "Cháy lớn".encode() in line and line.endswith(b"\n")
    record = json.loads(line)
    assert record["value_high"] is None and record["start"] == 0 and record["value"] == 3.0


def test_unknown_format_is_an_error_a_person_can_act_on():
    with pytest.raises(SolieuError, match="csv, xlsx, jsonl, parquet"):
        to_bytes(pd.DataFrame(), "pdf")


def test_a_failed_export_keeps_the_old_file_and_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "claims.csv"
    out.write_bytes(b"old export")

    def half_then_fail(df, handle, *, bom):
        handle.write(b"half of the new ")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(export_module._WRITERS, "csv", half_then_fail)
    with pytest.raises(SolieuError, match="No space left"):
        write_export(pd.DataFrame({"a": [1]}), "csv", out)
    assert out.read_bytes() == b"old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv"]


def test_export_into_a_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(SolieuError, match="cannot write"):
        write_export(pd.DataFrame({"a": [1]}), "csv", tmp_path / "missing" / "claims.csv")


def test_export_replaces_an_existing_file_keeping_its_permissions(tmp_path: Path):
    out = tmp_path / "claims.jsonl"
    out.write_text("old")
    out.chmod(0o640)
    write_export(pd.DataFrame({"a": [1]}), "jsonl", out)
    assert out.read_text() == '{"a": 1}\n'
    assert out.stat().st_mode & 0o777 == 0o640

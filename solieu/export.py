"""A claims table as a file: CSV, XLSX, JSON lines or Parquet.

Spreadsheets are the risky readers: Excel runs a CSV cell that starts with ``=``, ``+``, ``-``, ``@``, tab
or CR as a formula, and opens UTF-8 without a BOM as the ANSI code page (Vietnamese turns to mojibake).
So CSV gets a BOM by default and a ``'`` before such cells in text columns (numeric columns keep their
dtype, so ``-5.2`` stays a number), and XLSX stores every string as a string cell, never as a formula.
JSONL and Parquet are for programs and keep the values exactly.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from solieu.errors import SolieuError

EXPORT_FORMATS = ("csv", "xlsx", "jsonl", "parquet")
BINARY_FORMATS = frozenset({"xlsx", "parquet"})
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CELL_MAX = 32_767  # longer text makes Excel call the file damaged
_UTF8_BOM = b"\xef\xbb\xbf"


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells that a spreadsheet would run as a formula start with ``'``.
    Only text columns are touched; numeric columns keep their values and dtype."""
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_object_dtype(series.dtype):
            risky = series.str.startswith(FORMULA_TRIGGERS, na=False)
            out[column] = series.mask(risky, "'" + series)
        elif pd.api.types.is_object_dtype(series.dtype):
            out[column] = series.map(_neutralise_cell)
    return out


def _neutralise_cell(value: object) -> object:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) else value


def _write_csv(df: pd.DataFrame, out: BinaryIO, *, bom: bool) -> None:
    if bom:
        out.write(_UTF8_BOM)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        # CRLF (RFC 4180) on purpose: Python's csv module quotes a cell holding a bare CR only when CR is
        # part of the line terminator, and an unquoted CR splits the row in every reader.
        neutralise_formulas(df).to_csv(text, index=False, lineterminator="\r\n")
        text.flush()
    finally:
        text.detach()  # leave `out` open for the caller


def _write_jsonl(df: pd.DataFrame, out: BinaryIO, *, bom: bool) -> None:
    records = df.astype(object).where(df.notna(), None).to_dict("records")  # NaN -> null, not NaN
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False, default=_json_scalar).encode("utf-8"))
        out.write(b"\n")


def _json_scalar(value: object) -> object:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _write_parquet(df: pd.DataFrame, out: BinaryIO, *, bom: bool) -> None:
    df.to_parquet(out, engine="pyarrow", index=False)


def _write_xlsx(df: pd.DataFrame, out: BinaryIO, *, bom: bool) -> None:
    from openpyxl import Workbook  # imported here: it adds a noticeable delay to `import solieu`

    workbook = Workbook(write_only=True)  # streams rows: memory stays flat on big tables
    sheet = workbook.create_sheet("claims")
    sheet.append([str(column) for column in df.columns])
    for row in df.itertuples(index=False, name=None):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    workbook.save(out)


def _xlsx_cell(sheet, value: object) -> object:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_MAX])
        cell.data_type = "s"  # openpyxl would store "=1+1" as a formula
        return cell
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


_WRITERS: dict[str, Callable[..., None]] = {
    "csv": _write_csv, "xlsx": _write_xlsx, "jsonl": _write_jsonl, "parquet": _write_parquet,
}


def _writer(fmt: str) -> Callable[..., None]:
    try:
        return _WRITERS[fmt]
    except KeyError:
        raise SolieuError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}") from None


def to_bytes(df: pd.DataFrame, fmt: str, *, bom: bool = True) -> bytes:
    """``df`` in format ``fmt`` (one of EXPORT_FORMATS). ``bom`` only affects CSV."""
    writer = _writer(fmt)
    buffer = io.BytesIO()
    writer(df, buffer, bom=bom)
    return buffer.getvalue()


def to_csv_bytes(df: pd.DataFrame, *, bom: bool = True) -> bytes:
    """CSV for spreadsheets: UTF-8 (with BOM unless ``bom=False``), formula cells neutralised."""
    return to_bytes(df, "csv", bom=bom)


def write_export(df: pd.DataFrame, fmt: str, out_path: str | Path, *, bom: bool = True) -> Path:
    """Write ``df`` to ``out_path`` atomically: the file is either the old one or the complete new one,
    never half written, and no temporary file is left behind on failure."""
    writer = _writer(fmt)
    out_path = Path(out_path)
    folder = out_path.parent
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{out_path.name}.", suffix=".tmp")
    except OSError as exc:
        raise SolieuError(f"cannot write {out_path}: {exc.strerror or exc}") from exc
    temp = Path(temp_name)
    try:
        with open(fd, "wb") as handle:
            writer(df, handle, bom=bom)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(out_path))
        os.replace(temp, out_path)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise SolieuError(f"cannot write {out_path}: {exc.strerror or exc}") from exc
        raise
    fsync_dir(folder)
    return out_path


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new one gets the usual rw-r--r-- (mkstemp makes it 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable. Not every platform can open a folder; then the rename is enough."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

"""Datelines: day first, only in the first lines, never impossible, future or before 1990."""

from __future__ import annotations

import datetime as dt

import pytest

from solieu.readers.dates import checked_iso, find_dateline

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(("text", "expected"), [
    ("Ngày 14/7/2021, Bộ Tài chính công bố số liệu thu ngân sách.", "2021-07-14"),
    ("Hà Nội\n14/07/2021 08:30\nTổng thu ngân sách đạt 1,2 triệu tỷ đồng.", "2021-07-14"),
    ("Thứ hai, 05/06/2024 08:30 (GMT+7)\nGiá xăng giảm 500 đồng mỗi lít.", "2024-06-05"),
    ("Chủ nhật, 1-12-2024\nNội dung.", "2024-12-01"),
    ("TP.HCM, ngày 5 tháng 6 năm 2024 - Lượng khách quốc tế tăng 40%.", "2024-06-05"),
    ("Ngày 31/02/2021, một ngày không có thật.", None),
    ("Ngày 01/01/1985, số liệu quá cũ để là ngày đăng.", None),
    ("Ngày 28/11/2030, một ngày trong tương lai.", None),
    ("Theo Nghị định 30/2020/NĐ-CP, thời hạn là 15 ngày.", None),
    ("Gọi 0912.345.678 để biết thêm; giá 1.234.567 đồng.", None),
    ("Dòng 1\nDòng 2\nDòng 3\nDòng 4\nNgày 14/7/2021 ở dòng thứ năm thì không phải dateline.", None),
])
def test_find_dateline(text, expected):
    assert find_dateline(text, today=TODAY) == expected


def test_one_day_of_slack_for_vietnamese_time():
    assert find_dateline("28/11/2026 06:00", today=TODAY) == "2026-11-28"


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-06-05T08:30:00+07:00", "2024-06-05"),
    (dt.datetime(2023, 3, 2, 9, 0), "2023-03-02"),
    ("1970-01-01", None),
    ("2024-13-01", None),
    ("hôm qua", None),
    (None, None),
])
def test_checked_iso(value, expected):
    assert checked_iso(value, today=TODAY) == expected

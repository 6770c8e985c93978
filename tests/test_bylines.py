"""Datelines and bylines as newsrooms write them (authoring/bylines.py)."""

from __future__ import annotations

import pytest

from bantin.authoring.bylines import dateline_alone, parse_byline, split_dateline


@pytest.mark.parametrize("lead, source, rest", [
    ("(QNO) - Sáng 27/9, Công an", "QNO", "Sáng 27/9, Công an"),
    ("(PL)- Ngày 27/9, lực lượng", "PL", "Ngày 27/9, lực lượng"),
    ("NDO – sáng nay, lực lượng", "NDO", "Sáng nay, lực lượng"),
    ("Quảng Nam (TTXVN) - Sáng nay", "TTXVN", "Sáng nay"),
    ("(Chinhphu.vn) - Chiều 4/12", "Chinhphu.vn", "Chiều 4/12"),
    ("**ĐTO - Sáng 27/9.**", "ĐTO", "**Sáng 27/9.**"),
    ("**ĐTO** - **Sáng 27/9.**", "ĐTO", "**Sáng 27/9.**"),
    ("ĐTO-Sáng 27/9", "ĐTO", "Sáng 27/9"),
    ("(QNO) Sáng 27/9, Công an", "QNO", "Sáng 27/9, Công an"),
    ("QĐND Online - Sáng nay", "QĐND Online", "Sáng nay"),
    ("COVID-19 đã lan rộng", None, "COVID-19 đã lan rộng"),
    ("(Ảnh minh họa) Sáng nay", None, "(Ảnh minh họa) Sáng nay"),
    ("Công an tỉnh - đơn vị anh hùng", None, "Công an tỉnh - đơn vị anh hùng"),
])
def test_a_dateline_opening_the_lead(lead, source, rest):
    assert split_dateline(lead) == (source, rest)


def test_a_dateline_alone_on_its_line():
    assert [dateline_alone(t) for t in ("NDO -", "(QNO) –", "ĐTO-", "Sáng nay -")] == ["NDO", "QNO", "ĐTO", None]


@pytest.mark.parametrize("line, names", [
    ("Tin, ảnh: Ngọc Hân", ("Ngọc Hân",)),
    ("Bài, ảnh: Q.H - T.L", ("Q.H", "T.L")),
    ("Nguồn: Ngọc Hân (TTXVN)", ("Ngọc Hân (TTXVN)",)),
    ("P.V", ("P.V",)),
    ("NGỌC HÂN", ("Ngọc Hân",)),
    ("THANH TÙNG - HOÀI NAM (TTXVN)", ("Thanh Tùng", "Hoài Nam (TTXVN)")),
    ("Hữu Tài và Minh Châu", ("Hữu Tài", "Minh Châu")),
    ("Q.H/T.L", ("Q.H", "T.L")),
    ("tin, ảnh: hoàng anh", ("Hoàng Anh",)),
    ("Bài và ảnh: NHÓM PV", ("Nhóm PV",)),
    ("ĐẠI ÚY NGUYỄN VĂN BÌNH", ("Đại úy Nguyễn Văn Bình",)),
    ("Tin: Lê Hoàng; Ảnh: Minh Đức", ("Lê Hoàng",)),
    ("Tin, ảnh: Công an huyện Lai Vung", ("Công an huyện Lai Vung",)),
    ("(Theo Báo Công an nhân dân)", ("Báo Công an nhân dân",)),
    ("Toàn cảnh hội nghị", None),
    ("Đồng chí Phạm Thành Ngại phát biểu chỉ đạo hội nghị", None),
    ("NDO -", None),
])
def test_a_byline_in_any_case_with_its_names_apart(line, names):
    assert parse_byline(line) == names

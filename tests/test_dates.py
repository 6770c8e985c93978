"""Publication dates as portals print them (authoring/dates.py)."""

from __future__ import annotations

import pytest

from bantin.authoring.dates import find_date, read_date


@pytest.mark.parametrize("line, expected", [
    ("Thứ Sáu, 27/09/2024 - 11:41", "27/09/2024 11:41"),
    ("27/9/2024 | 08:30", "27/09/2024 08:30"),
    ("Ngày 27 tháng 9 năm 2024", "27/09/2024"),
    ("2024-09-27 11:41", "27/09/2024 11:41"),
    ("27-09-2024 11:41 GMT+7", "2024-09-27 11:41+07:00"),
    ("4/12/2024, 14:30 (GMT+7)", "2024-12-04 14:30+07:00"),
    ("27/09/24 08:05", "27/09/2024 08:05"),
    ("Đăng lúc 11 giờ 41 phút, ngày 27/09/2024", "27/09/2024 11:41"),
    ("Cập nhật ngày: 27/09/2024 11:41:48", "27/09/2024 11:41:48"),
    ("Thời gian đăng: 02.10.2024 08h15", "02/10/2024 08:15"),
    ("11:41 27/09/2024", "27/09/2024 11:41"),
    ("Thứ Tư, 13/11/2024 lúc 2:30 CH", "13/11/2024 14:30"),
    ("Chủ nhật, 01/12/2024, 07:05 (GMT+07:00)", "2024-12-01 07:05+07:00"),
    ("27 Tháng 9, 2024 | 10:15", "27/09/2024 10:15"),
    ("T6, 27/09/2024 | 11:41", "27/09/2024 11:41"),
])
def test_a_date_line_in_every_shape_portals_print(line, expected):
    found = find_date([line])
    assert found is not None and found.text == expected


def test_day_first_always_and_two_digit_years_in_this_century_up_to_69():
    assert read_date("4/12/2024") == "04/12/2024"
    assert read_date("01/02/69") == "01/02/2069" and read_date("01/02/70") == "01/02/1970"
    assert read_date("31/02/2024") is None and read_date("13/13/2024") is None


def test_a_date_in_a_sentence_of_the_lead_is_not_the_pages_date():
    assert find_date(["Sáng 27/9/2024, Công an tỉnh tổ chức hội nghị sơ kết công tác"]) is None
    assert find_date(["Ngày 27/9/2024, Công an tỉnh đã tổ chức hội nghị sơ kết"]) is None


def test_the_publication_label_wins_over_an_update_and_a_label_alone_takes_the_next_line():
    lines = ["Tiêu đề", "Cập nhật: 05/09/2024 07:30", "Ngày đăng: 04/09/2024 18:00", "Nội dung"]
    assert find_date(lines, 1).text == "04/09/2024 18:00"
    assert find_date(["Cập nhật ngày:", "21/06/2024 15:00"]).text == "21/06/2024 15:00"


def test_what_a_date_line_says_besides_the_date_is_handed_back():
    found = find_date(["Ngọc Hân - 27/09/2024 11:41"])
    assert (found.text, found.rest) == ("27/09/2024 11:41", "Ngọc Hân")

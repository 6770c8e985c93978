"""Tests for bantin.core.vi (Vietnamese-language helpers)."""

import pickle
import random
import re
import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bantin.core import vi

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PLUS7 = timedelta(hours=7)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# ---------------------------------------------------------------- nfc / upper


def test_nfc_composes():
    assert vi.nfc(nfd("Nguyễn Văn Đức")) == "Nguyễn Văn Đức"
    assert vi.nfc("Đồng Tháp") == "Đồng Tháp"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nguyễn Văn Đức", "NGUYỄN VĂN ĐỨC"),
        ("đ", "Đ"),
        ("công an tỉnh đồng tháp", "CÔNG AN TỈNH ĐỒNG THÁP"),
        ("ơ ư ă â ê ô ậ ặ ợ ự", "Ơ Ư Ă Â Ê Ô Ậ Ặ Ợ Ự"),
        ("", ""),
    ],
)
def test_upper(text, expected):
    assert vi.upper(text) == expected
    out = vi.upper(nfd(text))
    assert out == expected
    assert unicodedata.is_normalized("NFC", out)


# ---------------------------------------------------------------- slugify


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sơ kết 2 năm xây dựng lực lượng Công an xã", "so-ket-2-nam-xay-dung-luc-luong-cong-an-xa"),
        ("Đồng Tháp", "dong-thap"),
        ("đường Đinh Tiên Hoàng", "duong-dinh-tien-hoang"),
        ("Ưu tiên ơn ăn ân ên ôn", "uu-tien-on-an-an-en-on"),
        ("  Hello,   World!  ", "hello-world"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", ""),
        ("/", ""),
        ("..\\..\\windows\\system32", "windows-system32"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("🎉🔥🚓", ""),
        ("", ""),
        ("   ", ""),
    ],
)
def test_slugify(text, expected):
    assert vi.slugify(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sơ kết 2 năm xây dựng lực lượng Công an xã",
        "Đồng Tháp",
        "Quảng Ngãi: bắt giữ đối tượng trộm cắp",
        "Khởi tố vụ án 'lừa đảo' chiếm đoạt tài sản",
    ],
)
def test_slugify_nfd_equals_nfc(text):
    assert vi.slugify(nfd(text)) == vi.slugify(text)


@pytest.mark.parametrize(
    "text",
    [
        "../../etc/passwd",
        "/etc/shadow",
        "C:\\Windows\\..",
        "a/../../b",
        "~/.ssh/id_rsa",
        "foo\x00bar",
        "Trụ sở Công an — Số 1 / 2024 © ™ ½",
        "x" * 300,
        "Tin tức " * 40,
    ],
)
def test_slugify_is_safe(text):
    slug = vi.slugify(text)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)
    assert len(slug) <= 80


def test_slugify_word_boundary():
    slug = vi.slugify("Tin tức " * 40)
    assert len(slug) <= 80
    assert slug.endswith("tuc") or slug.endswith("tin")


# ---------------------------------------------------------------- parse_datetime


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-09-27 11:41:48", (2024, 9, 27, 11, 41, 48)),
        ("2024-09-27 11:41", (2024, 9, 27, 11, 41, 0)),
        ("2024-09-27", (2024, 9, 27, 0, 0, 0)),
        ("2024-09-27T11:41:48", (2024, 9, 27, 11, 41, 48)),
        ("2024-09-27T11:41", (2024, 9, 27, 11, 41, 0)),
        ("27/09/2024 11:41:48", (2024, 9, 27, 11, 41, 48)),
        ("27/09/2024 11:41", (2024, 9, 27, 11, 41, 0)),
        ("27/09/2024", (2024, 9, 27, 0, 0, 0)),
        ("27/9/2024", (2024, 9, 27, 0, 0, 0)),
        ("7/9/2024 8:05", (2024, 9, 7, 8, 5, 0)),
        ("7/9/2024 8:05:09", (2024, 9, 7, 8, 5, 9)),
        ("27-09-2024", (2024, 9, 27, 0, 0, 0)),
        ("27-09-2024 11:41", (2024, 9, 27, 11, 41, 0)),
        ("1/2/2024", (2024, 2, 1, 0, 0, 0)),  # day first: 1 Feb, never 2 Jan
        ("12/01/2024", (2024, 1, 12, 0, 0, 0)),
        ("29/02/2024", (2024, 2, 29, 0, 0, 0)),  # leap year
        ("  2024-09-27 11:41:48 \n", (2024, 9, 27, 11, 41, 48)),
        ("\t27/09/2024  11:41 ", (2024, 9, 27, 11, 41, 0)),
        ("2024-12-31 23:59:59", (2024, 12, 31, 23, 59, 59)),
    ],
)
def test_parse_naive_gets_site_zone(text, expected):
    dt = vi.parse_datetime(text, HCM)
    assert dt == datetime(*expected, tzinfo=HCM)
    assert dt.tzinfo is HCM
    assert dt.utcoffset() == PLUS7
    assert dt.isoformat().endswith("+07:00")


def test_parse_naive_uses_given_zone_not_utc():
    paris = ZoneInfo("Europe/Paris")
    dt = vi.parse_datetime("2024-09-27 11:41", paris)
    assert dt.tzinfo is paris
    assert dt.utcoffset() == timedelta(hours=2)  # CEST


@pytest.mark.parametrize(
    "text, expected_offset, fields",
    [
        ("2024-09-27T11:41:48+07:00", timedelta(hours=7), (2024, 9, 27, 11, 41, 48)),
        ("2024-09-27T11:41:48Z", timedelta(0), (2024, 9, 27, 11, 41, 48)),
        ("2024-09-27 11:41:48+07:00", timedelta(hours=7), (2024, 9, 27, 11, 41, 48)),
        ("2024-09-27T04:41:48+00:00", timedelta(0), (2024, 9, 27, 4, 41, 48)),
        ("2024-09-27T11:41:48-05:30", -timedelta(hours=5, minutes=30), (2024, 9, 27, 11, 41, 48)),
        ("2024-09-27T11:41+0700", timedelta(hours=7), (2024, 9, 27, 11, 41, 0)),
        ("2024-09-27T11:41:48+09:00", timedelta(hours=9), (2024, 9, 27, 11, 41, 48)),
    ],
)
def test_parse_explicit_offset_is_kept(text, expected_offset, fields):
    dt = vi.parse_datetime(text, HCM)
    assert dt.utcoffset() == expected_offset
    # Not converted: wall-clock fields are as written.
    assert (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second) == fields


def test_parse_z_and_plus7_same_instant():
    a = vi.parse_datetime("2024-09-27T04:41:48Z", HCM)
    b = vi.parse_datetime("2024-09-27 11:41:48", HCM)
    assert a == b


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hôm qua",
        "27 tháng 9 năm 2024",
        "Sep 27, 2024",
        "2024/09/27",
        "24-09-27",
        "27/09/24",
        "2024-9-27",
        "2024-09-27 11",
        "2024-09-27 11:4",
        "2024-09-27T",
        "2024-09-27 11:41:48.123",
        "2024-09-27+07:00",
        "27/09/2024T11:41",
        "27/09-2024",
        "27-09/2024",
        "27/09/2024 11:41+07:00",
        "123/09/2024",
        "27/09/2024 11h41",
        "2024-09-27 11:41:48 +07:00",
        "2024-09-27T11:41:48+7",
        "２０２４-０９-２７",  # full-width digits
        "١٢/٠٩/٢٠٢٤",  # Arabic-Indic digits
        "2024-09-27 11:41:48 extra",
        "20240927",
    ],
)
def test_parse_bad_format(text):
    with pytest.raises(vi.DateFormatError) as exc:
        vi.parse_datetime(text, HCM)
    assert exc.value.reason == "format"
    assert exc.value.text == text


@pytest.mark.parametrize(
    "text",
    [
        "32/09/2024",
        "31/09/2024",
        "29/02/2023",
        "0/09/2024",
        "27/0/2024",
        "27/13/2024",
        "2024-13-01",
        "2024-00-10",
        "2024-02-30",
        "2023-02-29",
        "2024-09-27 25:00",
        "2024-09-27 24:00:00",
        "27/09/2024 11:60",
        "27/09/2024 11:41:60",
        "27/09/2024 25:00",
        "2024-09-27T11:41:48+25:00",
        "2024-09-27T11:41:48+07:99",
        "0000-01-01",
    ],
)
def test_parse_impossible(text):
    with pytest.raises(vi.DateFormatError) as exc:
        vi.parse_datetime(text, HCM)
    assert exc.value.reason == "impossible"
    assert exc.value.text == text


def test_date_format_error_is_value_error():
    err = vi.DateFormatError("x", "format")
    assert isinstance(err, ValueError)
    assert "x" in str(err)
    assert "x" in str(vi.DateFormatError("x", "impossible"))
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.text, copy.reason) == ("x", "format")
    with pytest.raises(ValueError):
        vi.DateFormatError("x", "other")


def test_parse_rejects_non_string():
    with pytest.raises(TypeError):
        vi.parse_datetime(date(2024, 9, 27), HCM)  # type: ignore[arg-type]


# ---------------------------------------------------------------- formatting

DT = datetime(2024, 9, 27, 11, 41, 48, tzinfo=HCM)
EARLY = datetime(2024, 1, 5, 8, 5, 9, tzinfo=HCM)


def test_format_date():
    assert vi.format_date(DT) == "27/09/2024"
    assert vi.format_date(EARLY) == "05/01/2024"


def test_format_datetime():
    assert vi.format_datetime(DT) == "27/09/2024 11:41:48"
    assert vi.format_datetime(EARLY) == "05/01/2024 08:05:09"
    assert vi.format_datetime(datetime(2024, 9, 27, 23, 0, 0)) == "27/09/2024 23:00:00"


def test_format_time():
    assert vi.format_time(DT) == "11:41"
    assert vi.format_time(EARLY) == "08:05"
    assert vi.format_time(datetime(2024, 9, 27, 0, 0)) == "00:00"
    assert vi.format_time(datetime(2024, 9, 27, 23, 59)) == "23:59"


def test_format_roundtrip():
    text = vi.format_datetime(DT)
    assert vi.parse_datetime(text, HCM) == DT


@pytest.mark.parametrize(
    "when, name",
    [
        (datetime(2024, 9, 23), "Thứ Hai"),
        (datetime(2024, 9, 24), "Thứ Ba"),
        (datetime(2024, 9, 25), "Thứ Tư"),
        (datetime(2024, 9, 26), "Thứ Năm"),
        (datetime(2024, 9, 27), "Thứ Sáu"),
        (datetime(2024, 9, 28), "Thứ Bảy"),
        (datetime(2024, 9, 29), "Chủ Nhật"),
        (datetime(1975, 4, 30), "Thứ Tư"),
        (datetime(1945, 9, 2), "Chủ Nhật"),
    ],
)
def test_weekday_name(when, name):
    assert vi.weekday_name(when) == name
    assert unicodedata.is_normalized("NFC", vi.weekday_name(when))


def test_weekday_of_parsed_date():
    assert vi.weekday_name(vi.parse_datetime("27/09/2024", HCM)) == "Thứ Sáu"


@pytest.mark.parametrize("month", range(1, 13))
def test_month_name(month):
    assert vi.month_name(month) == f"Tháng {month}"


def test_month_name_example():
    assert vi.month_name(9) == "Tháng 9"


@pytest.mark.parametrize("bad", [0, 13, -1, True])
def test_month_name_out_of_range(bad):
    with pytest.raises(ValueError):
        vi.month_name(bad)


@pytest.mark.parametrize(
    "n, text",
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1 000"),
        (1234, "1 234"),
        (1234567, "1 234 567"),
        (-1234, "-1 234"),
    ],
)
def test_format_count(n, text):
    assert vi.format_count(n) == text
    assert "\u00a0" not in vi.format_count(n)
    assert f"built {vi.format_count(1234)} pages" == "built 1 234 pages"


# ---------------------------------------------------------------- fold


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đồng Tháp", "dong thap"),
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("  CÔNG   AN\tTỈNH\n", "cong an tinh"),
        ("ă â ê ô ơ ư đ", "a a e o o u d"),
        ("Quảng Ngãi", "quang ngai"),
        ("plain ascii", "plain ascii"),
        ("", ""),
    ],
)
def test_fold(text, expected):
    assert vi.fold(text) == expected
    assert vi.fold(nfd(text)) == expected


# ---------------------------------------------------------------- sort_key


def test_sort_example():
    words = ["Đào", "Dương", "Anh", "Ánh", "Ảnh", "Ăn", "Âu", "Bình"]
    expected = ["Anh", "Ảnh", "Ánh", "Ăn", "Âu", "Bình", "Dương", "Đào"]
    assert sorted(words, key=vi.sort_key) == expected
    for seed in range(5):
        shuffled = words[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=vi.sort_key) == expected


def test_sort_tone_order():
    # ngang < huyền < hỏi < ngã < sắc < nặng
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(tones), key=vi.sort_key) == tones


def test_sort_letter_order():
    letters = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
    shuffled = letters[::-1]
    assert sorted(shuffled, key=vi.sort_key) == letters


def test_sort_foreign_letters_latin_position():
    assert sorted(["g", "f", "e", "đ"], key=vi.sort_key) == ["đ", "e", "f", "g"]
    assert sorted(["k", "j", "i"], key=vi.sort_key) == ["i", "j", "k"]
    assert sorted(["x", "w", "v", "z", "y"], key=vi.sort_key) == ["v", "w", "x", "y", "z"]


def test_sort_d_before_all_dd():
    words = ["Đa", "Dzũng", "Duy", "Dũng", "Đặng", "Dương", "Dy", "Đỗ", "Da"]
    result = sorted(words, key=vi.sort_key)
    first_dd = next(i for i, w in enumerate(result) if w.startswith("Đ"))
    assert all(w.startswith("D") for w in result[:first_dd])
    assert all(w.startswith("Đ") for w in result[first_dd:])


def test_sort_base_letters_beat_tones():
    # Primary (letters) decides before tone: 'á' < 'b' and 'ạc' < 'ba'.
    assert vi.sort_key("ạc") < vi.sort_key("ba")
    assert vi.sort_key("ánh") < vi.sort_key("ăn")
    assert vi.sort_key("ọ") < vi.sort_key("ô")  # o before ô despite nặng
    assert vi.sort_key("ữ") > vi.sort_key("uz")  # ư is after u entirely


def test_sort_case_insensitive_primary():
    assert sorted(["bình", "An", "Bình", "an"], key=vi.sort_key)[:2] in (["An", "an"], ["an", "An"])
    assert vi.sort_key("ánh") < vi.sort_key("Ăn")
    assert vi.sort_key("Anh") < vi.sort_key("ảnh")


def test_sort_nfd_equals_nfc():
    for word in ["Đào", "Dương", "Ảnh", "Nguyễn", "Ậu", "Ợt", "Ữa"]:
        assert vi.sort_key(nfd(word)) == vi.sort_key(word)
    words = ["Đào", "Dương", "Anh", "Ánh", "Ảnh", "Ăn", "Âu", "Bình"]
    mixed = [nfd(w) if i % 2 else w for i, w in enumerate(words)]
    assert [vi.nfc(w) for w in sorted(mixed, key=vi.sort_key)] == [
        "Anh", "Ảnh", "Ánh", "Ăn", "Âu", "Bình", "Dương", "Đào"
    ]


def test_sort_full_names_word_by_word():
    names = ["Nguyễn Văn B", "Nguyễn An", "Nguyễn Văn An", "Lê Văn Đức", "Lê Văn Dũng"]
    assert sorted(names, key=vi.sort_key) == [
        "Lê Văn Dũng", "Lê Văn Đức", "Nguyễn An", "Nguyễn Văn An", "Nguyễn Văn B"
    ]


def test_sort_tone_is_secondary_per_syllable():
    # Same letters: first syllable's tone decides before the second's.
    assert vi.sort_key("ma má") < vi.sort_key("mà ma")
    assert vi.sort_key("Hòa") == vi.sort_key("Hòa")
    # Old/new tone placement compares equal on letters and tone.
    assert vi.sort_key("Hoà")[:2] == vi.sort_key("Hòa")[:2]


def test_sort_key_total_order_and_deterministic():
    assert vi.sort_key("An") != vi.sort_key("an")
    assert sorted(["an", "An"], key=vi.sort_key) == sorted(["An", "an"], key=vi.sort_key)
    assert isinstance(vi.sort_key("x"), tuple)


def test_sort_mixed_non_letters():
    items = ["Bình", "2024", "An", "", " ", "!"]
    result = sorted(items, key=vi.sort_key)
    assert result[0] == ""
    assert result.index("2024") < result.index("An") < result.index("Bình")


# ---------------------------------------------------------------- article slugs

BINH_TAN = "Công an tỉnh truy bắt thành công đối tượng truy nã đặc biệt nguy hiểm tại thị trấn Bình Tân"
PHUOC_LOC = "Công an tỉnh truy bắt thành công đối tượng truy nã đặc biệt nguy hiểm tại thị trấn Phước Lộc"


def test_titles_that_differ_late_give_distinct_slugs():
    assert vi.article_slug(None, BINH_TAN).endswith("-tai-thi-tran-binh-tan")
    assert vi.article_slug(None, PHUOC_LOC).endswith("-tai-thi-tran-phuoc-loc")


def test_a_title_slug_is_cut_at_a_word_end_past_the_title_limit():
    slug = vi.article_slug(None, "Tin tức " * 40)
    assert len(slug) <= vi.TITLE_SLUG_LIMIT and slug.endswith(("tuc", "tin"))


def test_an_editors_slug_is_used_as_written_and_never_cut():
    written = "cong-an-tinh-truy-bat-thanh-cong-doi-tuong-truy-na-dac-biet-nguy-hiem-tai-thi-tran-binh-tan-lan-2"
    assert vi.article_slug(written, "Tiêu đề") == written
    assert vi.article_slug("Bắt đối tượng " * 12, "x") == "bat-doi-tuong-" * 11 + "bat-doi-tuong"

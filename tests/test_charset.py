"""A page's charset read from its bytes (authoring/charset.py)."""

from __future__ import annotations

import pytest
from legacy_portal import to_cp1258

from bantin.authoring.charset import decode_page, vietnamese_score
from bantin.core.syllables import is_syllable

TEXT = "Sáng ngày 27/9, Công an tỉnh tổ chức Hội nghị sơ kết 2 năm thực hiện Đề án xây dựng lực lượng Công an xã."


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", "utf-8", "latin1", "no-such-charset", None])
def test_windows_1258_is_read_whatever_the_page_declares(declared):
    assert decode_page(b"<meta charset='iso-8859-1'>" + to_cp1258(TEXT), declared).endswith(TEXT)


def test_utf_8_wins_over_a_declared_legacy_charset():
    assert decode_page(TEXT.encode("utf-8"), "windows-1252") == TEXT


def test_mojibake_scores_below_vietnamese():
    wrong = to_cp1258(TEXT).decode("latin-1")
    assert vietnamese_score(TEXT) > 10 > vietnamese_score(wrong)


def test_a_syllable_has_one_tone_and_a_vietnamese_shape():
    assert all(is_syllable(w) for w in ("Hân", "ĐƯỜNG", "nghiêng", "khuya", "gì", "quý"))
    assert not any(is_syllable(w) for w in ("ĐTO", "QNO", "TTXVN", "dýòng", "xaÞ", "TiÒnh"))

"""Publication dates as Vietnamese portals print them, read from the first lines of a copied page.

A date line is labelled ("Cập nhật ngày: 27/09/2024 11:41:48", "Ngày đăng: ...", "Đăng lúc ...",
"Thời gian đăng: ...") or bare ("Thứ Sáu, 27/09/2024 - 11:41", "27/9/2024 | 08:30",
"Ngày 27 tháng 9 năm 2024", "2024-09-27 11:41", "27-09-2024 11:41 GMT+7", "4/12/2024, 14:30 (GMT+7)").
The rules:

- day first, always ("4/12/2024" is the 4th of December); a two-digit year is 20yy up to 69, else 19yy;
- the time may stand before or after the date: "11:41", "11h41", "11g41", "lúc 11 giờ 41 phút",
  "2:30 PM" / "2:30 CH" (Vietnamese for p.m.); without one the date is at midnight;
- "GMT+7", "UTC+07:00" or "+07:00" keep their offset; otherwise the date is site time;
- a bare date counts only on a line that is mostly the date: "Sáng 27/9/2024, Công an tỉnh tổ
  chức ..." is a sentence of the lead, not the date of the page. What a date line holds besides
  the date (a byline: "Ngọc Hân - 27/09/2024 11:41") is handed back as `rest`;
- the label of the publication ("Ngày đăng", "Đăng lúc", "Ngày xuất bản") wins over the label of an
  update ("Cập nhật"), a labelled date over a bare one, an earlier line over a later one.

`read_date` returns the text `vi.parse_datetime` reads: '27/09/2024 11:41' or '2024-09-27 11:41+07:00'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..core import vi

SEARCHED_LINES = 8          # the date is looked for in this many lines after the title
DATE_LINE_LEFTOVER = 40     # a bare date line holds at most this many other characters (a byline, a counter)

PUBLISHED_LABELS = ("ngày đăng", "đăng ngày", "đăng lúc", "đăng vào", "ngày đưa tin", "ngày xuất bản", "xuất bản",
                    "thời gian đăng", "thời gian xuất bản", "ngày viết", "ngày gửi", "ngày tạo", "đăng tải",
                    "published", "posted on", "posted", "đăng")
WEAK_LABELS = ("ngày", "thời gian", "đăng", "date")     # words that also open a sentence
UPDATED_LABELS = ("cập nhật ngày", "ngày cập nhật", "cập nhật lúc", "cập nhật lần cuối", "lần cập nhật cuối",
                  "cập nhật", "thời gian", "ngày", "updated", "date")
_LABEL = re.compile(r"(?<![\w])(?P<label>" + "|".join(
    sorted((re.escape(label) for label in PUBLISHED_LABELS + UPDATED_LABELS), key=len, reverse=True))
    + r")\s*(?::|-|\s)\s*", re.IGNORECASE)

_MONTH_WORDS = {"giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
                "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_MONTH_EN = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
             "nov": 11, "dec": 12}
_MONTH_WORD = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_NUMERIC_DMY = re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?"
                          r"(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)")
_NUMERIC_YMD = re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
                          r"(?![\d/])")
_WORDS_DMY = re.compile(r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2}|" + _MONTH_WORD + r")"
                        r"(?:\s*(?:,|năm|,\s*năm)\s*|\s+)(?P<y>\d{4})", re.IGNORECASE)
_WORDS_MDY = re.compile(r"tháng\s+(?P<m>\d{1,2}|" + _MONTH_WORD + r")\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})",
                        re.IGNORECASE)
_ENGLISH = re.compile(r"(?:(?P<d1>\d{1,2})\s+(?P<m1>[A-Za-z]{3})[a-z]*\.?,?\s+(?P<y1>\d{4})"
                      r"|(?P<m2>[A-Za-z]{3})[a-z]*\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))")
_CLOCK = re.compile(r"(?<![\d/.:])(?P<H>\d{1,2})\s?(?:[:hHg]|giờ)\s?(?P<M>\d{2})(?:\s?(?::|phút)\s?(?P<S>\d{2}))?"
                    r"(?:\s?phút)?(?:\s?(?P<half>AM|PM|am|pm|SA|CH|sáng|chiều|tối))?(?![\d/])")
_HOUR_ONLY = re.compile(r"(?:lúc\s+)?(?<!\d)(?P<H>\d{1,2})\s?giờ(?!\s?\d)(?:\s?(?P<half>sáng|chiều|tối))?",
                        re.IGNORECASE)
_OFFSET = re.compile(r"(?:GMT|UTC)\s?(?P<sign>[+-])\s?(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?"
                     r"|(?<=\d)\s?(?P<sign2>[+-])(?P<h2>\d{2}):(?P<m2>\d{2})(?!\d)", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|t[2-7]|cn|monday|tuesday|wednesday|"
                      r"thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b", re.IGNORECASE)
_COUNTER = re.compile(r"\b(?:lượt xem|lượt đọc|số lượt|lượt thích|bình luận|views?|comments?)\b", re.IGNORECASE)
_BYLINE_LABEL = re.compile(r"(?:tin|bài|ảnh|tác giả|nguồn|video|clip)\b", re.IGNORECASE)
_FILLER = re.compile(r"\b(?:lúc|vào|ngày|hồi|giờ|gmt|utc)\b|[|,;()\[\]\-–—/:•·.]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FoundDate:
    text: str           # for vi.parse_datetime: '27/09/2024 11:41' or '2024-09-27 11:41+07:00'
    line: int           # the index of the line it was read from
    rest: str           # what that line says besides the date and its label ('' for nothing)
    labelled: bool


def find_date(lines: Sequence[str], start: int = 0, count: int = SEARCHED_LINES) -> FoundDate | None:
    """The publication date among `lines[start:start + count]`: a published label first, then an
    updated label, then a bare date line; the earliest line within each kind."""
    best: tuple[int, FoundDate] | None = None
    for index in range(start, min(len(lines), start + count)):
        found = _date_on_line(lines, index)
        if found is None:
            continue
        kind, date_found = found
        if best is None or kind < best[0]:
            best = (kind, date_found)
        if kind == 0:
            break
    return best[1] if best else None


def _date_on_line(lines: Sequence[str], index: int) -> tuple[int, FoundDate] | None:
    """(kind, the date) of one line: 0 published label, 1 update label, 2 a bare date line."""
    line = lines[index]
    label = _LABEL.search(line[:60])
    if label and not line[:label.start()].strip(" |-–•*_"):
        name = label["label"].casefold()
        weak = name in WEAK_LABELS          # 'Ngày 27/9/2024, Công an tỉnh ...' opens a sentence
        after = line[label.end():]
        text = read_date(after)
        if text is None and not after.strip(" *_") and index + 1 < len(lines) and not weak:
            text = read_date(lines[index + 1])          # the label alone, the date on the next line
        if text is not None and (not weak or _is_date_line(line)):
            kind = 0 if name in PUBLISHED_LABELS and not weak else 1 if not weak else 2
            return kind, FoundDate(text, index, _leftover(after), True)
    if _is_date_line(line):
        text = read_date(line)
        if text is not None:
            return 2, FoundDate(text, index, _leftover(line), False)
    return None


def read_date(text: str) -> str | None:
    """The first date of `text`, with the time and offset written near it, for vi.parse_datetime."""
    found = _find_day(text)
    if found is None:
        return None
    (year, month, day), span = found
    around = text[:span[0]] + " " * (span[1] - span[0]) + text[span[1]:]
    clock = _clock(around)
    result = f"{day:02d}/{month:02d}/{year:04d}"
    if clock is None:
        return result
    offset = _offset(around)
    if offset:
        return f"{year:04d}-{month:02d}-{day:02d} {clock}{offset}"
    return f"{result} {clock}"


def _find_day(text: str) -> tuple[tuple[int, int, int], tuple[int, int]] | None:
    candidates = []
    for pattern in (_NUMERIC_YMD, _NUMERIC_DMY, _WORDS_DMY, _WORDS_MDY):
        for match in pattern.finditer(text):
            value = _day_of(match["y"], match["m"], match["d"])
            if value:
                candidates.append((match.start(), value, match.span()))
                break
    for match in _ENGLISH.finditer(text):
        month = _MONTH_EN.get((match["m1"] or match["m2"] or "").lower()[:3])
        value = month and _day_of(match["y1"] or match["y2"], str(month), match["d1"] or match["d2"])
        if value:
            candidates.append((match.start(), value, match.span()))
            break
    if not candidates:
        return None
    _, value, span = min(candidates)
    return value, span


def _day_of(year: str, month: str, day: str) -> tuple[int, int, int] | None:
    month_number = int(month) if month.isdigit() else _MONTH_WORDS.get(month.casefold(), 0)
    year_number = int(year)
    if len(year) == 2:
        year_number += 2000 if year_number <= 69 else 1900
    try:
        date(year_number, month_number, int(day))
    except ValueError:
        return None
    if not vi.MIN_YEAR <= year_number <= vi.MAX_YEAR:
        return None
    return year_number, month_number, int(day)


def _clock(text: str) -> str | None:
    for match in _CLOCK.finditer(text):
        hour, minute = int(match["H"]), int(match["M"])
        hour = _twelve_hour(hour, match["half"])
        if hour < 24 and minute < 60 and (match["S"] is None or int(match["S"]) < 60):
            return f"{hour:02d}:{minute:02d}" + (f":{match['S']}" if match["S"] else "")
    match = _HOUR_ONLY.search(text)
    if match:
        hour = _twelve_hour(int(match["H"]), match["half"])
        if hour < 24:
            return f"{hour:02d}:00"
    return None


def _twelve_hour(hour: int, half: str | None) -> int:
    half = (half or "").casefold()
    if half in ("pm", "ch", "chiều", "tối") and hour < 12:
        return hour + 12
    if half in ("am", "sa") and hour == 12:
        return 0
    return hour


def _offset(text: str) -> str:
    match = _OFFSET.search(text)
    if not match:
        return ""
    sign = match["sign"] or match["sign2"]
    hours = int(match["h"] or match["h2"])
    minutes = int(match["m"] or match["m2"] or 0)
    if hours > 14 or minutes >= 60:
        return ""
    return f"{sign}{hours:02d}:{minutes:02d}"


def _leftover(line: str) -> str:
    """What a date line says besides its date, time, weekday and label."""
    text = line
    for pattern in (_OFFSET, _NUMERIC_YMD, _NUMERIC_DMY, _WORDS_DMY, _WORDS_MDY, _ENGLISH, _CLOCK, _HOUR_ONLY,
                    _WEEKDAY, _LABEL):
        text = pattern.sub(" ", text)
    text = re.sub(r"(?<!\w)(?:lúc|vào|hồi|gmt|utc|ngày)(?!\w)", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split()).strip(" |,;-–—/•·()[]:")


def _is_date_line(line: str) -> bool:
    """A line that is a date and little else: the date, time, weekday, labels and separators, plus
    at most a byline ('Ngọc Hân', 'Tin, ảnh: P.V') or a counter ('Lượt xem: 1.234')."""
    if len(line) > 160 or read_date(line) is None:
        return False
    rest = " ".join(_FILLER.sub(" ", _leftover(line)).split())
    if not rest or _COUNTER.search(rest):
        return True
    words = rest.split()
    if len(rest) > DATE_LINE_LEFTOVER or len(words) > 6:
        return False
    return all(word[:1].isupper() or not word[:1].isalpha() for word in words) or _BYLINE_LABEL.match(rest) is not None

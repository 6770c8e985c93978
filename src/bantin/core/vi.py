"""Everything Vietnamese-language in bantin: text normalisation, slugs,
date parsing/formatting, collation, search folding and number formatting.

Pure functions only; imports nothing but the standard library and
python-slugify.
"""

import functools
import re
import unicodedata
import zoneinfo
from datetime import datetime, timedelta, timezone

from slugify import slugify as _lib_slugify

__all__ = [
    "DateFormatError",
    "nfc",
    "find_control_character",
    "slugify",
    "article_slug",
    "parse_datetime",
    "format_date",
    "format_datetime",
    "format_time",
    "format_seconds",
    "iso_in",
    "weekday_name",
    "month_name",
    "upper",
    "sort_key",
    "fold",
    "format_count",
]

# --- Text basics -----------------------------------------------------------


def nfc(text: str) -> str:
    """Return *text* in Unicode normalisation form NFC."""
    return unicodedata.normalize("NFC", text)


def upper(text: str) -> str:
    """Vietnamese-correct uppercase ('Nguyễn Văn Đức' -> 'NGUYỄN VĂN ĐỨC'), NFC."""
    return nfc(text.upper())


def fold(text: str) -> str:
    """Fold for search: lowercase, no tone/vowel marks, đ->d, single spaces."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "d")
    return " ".join(stripped.lower().split())


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def find_control_character(text: str) -> tuple[int, int, str] | None:
    """(line, column, character) of the first invisible control character of *text* (NUL, ESC, DEL,
    C1 controls...; tab and newline are text), or None. Such characters are never meant (they come
    with copied text) and are not allowed in the XML of feeds and sitemaps."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    start = text.rfind("\n", 0, found.start()) + 1
    return text.count("\n", 0, found.start()) + 1, found.start() - start + 1, found.group()


_SLUG_JUNK = re.compile(r"[^a-z0-9-]+")

SLUG_LIMIT = 80           # a tag, an author, a section: short names
TITLE_SLUG_LIMIT = 150    # a slug made from a title: a whole news title fits (longer titles get a warning)
MAX_SLUG = 200            # an editor's own slug is never cut; a folder name holds 255 bytes at most


@functools.lru_cache(maxsize=8192)
def slugify(text: str, max_length: int = SLUG_LIMIT) -> str:
    """URL slug of *text*: only [a-z0-9-], at most *max_length* chars (cut at a word end; 0: never
    cut), '' if nothing left.

    Memoized: tags, authors and sections repeat on every article of a large archive."""
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    slug = _lib_slugify(text, max_length=max_length, word_boundary=True)
    # Belt and braces: never let anything path-like through.
    slug = _SLUG_JUNK.sub("-", slug.lower())
    return re.sub(r"-{2,}", "-", slug).strip("-")


def article_slug(explicit: str | None, title: str) -> str:
    """The last part of an article's address.

    The editor's `slug:` is used as written (only made URL-safe) and never cut: cutting it is what
    made two slugs that differ late collide again. Without one, the slug is made from the title
    and cut at a word end only past `TITLE_SLUG_LIMIT`, so titles of one day that differ in their
    last words ('... tại thị trấn Bình Tân', '... tại thị trấn Phước Lộc') stay distinct."""
    if explicit:
        return slugify(explicit, max_length=0)
    return slugify(title, max_length=TITLE_SLUG_LIMIT)


# --- Dates -----------------------------------------------------------------


class DateFormatError(ValueError):
    """A date/time string that could not be parsed.

    ``.text`` is the input; ``.reason`` is ``'format'`` (no accepted shape
    matched), ``'impossible'`` (shape matched, values impossible) or
    ``'range'`` (a real date outside the years ``MIN_YEAR``..``MAX_YEAR``).
    """

    REASONS = ("format", "impossible", "range")

    def __init__(self, text: str, reason: str) -> None:
        if reason not in self.REASONS:
            raise ValueError(f"unknown DateFormatError reason {reason!r}")
        super().__init__(text, reason)
        self.text = text
        self.reason = reason

    def __str__(self) -> str:
        if self.reason == "impossible":
            return f"impossible date/time {self.text!r}"
        if self.reason == "range":
            return f"date/time {self.text!r} is outside the years {MIN_YEAR}..{MAX_YEAR}"
        return (
            f"unrecognised date/time {self.text!r} (expected e.g. "
            "'2024-09-27 11:41:48', '27/09/2024 11:41' or ISO 8601)"
        )


_TIME = r"(?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2}))?"
_OFFSET = r"(?P<off>Z|z|[+-][0-9]{2}:?[0-9]{2})"
# Year first (ISO-like); an offset is only allowed together with a time.
_ISO_RE = re.compile(
    rf"(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{2}})-(?P<d>[0-9]{{2}})"
    rf"(?:[T ]{_TIME}{_OFFSET}?)?",
    re.ASCII,
)
# Day first, '/' or '-' (same separator twice); never month first.
_DMY_RE = re.compile(
    rf"(?P<d>[0-9]{{1,2}})(?P<sep>[/-])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<y>[0-9]{{4}})"
    rf"(?:\s+{_TIME})?",
    re.ASCII,
)


def _offset(spec: str) -> timezone:
    """Turn 'Z', '+07:00' or '+0700' into a fixed timezone (ValueError if bad)."""
    if spec in ("Z", "z"):
        return timezone.utc
    sign = -1 if spec[0] == "-" else 1
    digits = spec[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if minutes >= 60:
        raise ValueError("offset minutes out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


# A news article is dated within these years; outside them a date is a typo, and near the ends of
# Python's calendar (year 1 with +12:00, year 9999 with -12:00) time-zone arithmetic overflows.
MIN_YEAR, MAX_YEAR = 1900, 2999


def parse_datetime(text: str, tz: zoneinfo.ZoneInfo) -> datetime:
    """Parse a press-release date into an aware datetime.

    Accepts ISO-like ``2024-09-27[ T]11:41[:48][+07:00|Z]`` and day-first
    ``27/9/2024 [8:05[:48]]`` / ``27-09-2024``. Without an explicit offset
    the site zone *tz* is attached; an explicit offset is kept as is.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_datetime expects str, got {type(text).__name__}")
    raw = text.strip()
    match = _ISO_RE.fullmatch(raw) or _DMY_RE.fullmatch(raw)
    if match is None:
        raise DateFormatError(text, "format")
    parts = match.groupdict()
    try:
        dt = datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts["H"] or 0),
            int(parts["M"] or 0),
            int(parts["S"] or 0),
        )
        off = parts.get("off")
        zone = _offset(off) if off else tz
    except ValueError:
        raise DateFormatError(text, "impossible") from None
    if not MIN_YEAR <= dt.year <= MAX_YEAR:
        raise DateFormatError(text, "range")
    return dt.replace(tzinfo=zone)


# Which clock a date is shown in. Text a reader sees ("27/09/2024 11:41", `format_date`...) shows the
# moment as the article wrote it: an editor who wrote +07:00, or nothing (site time), reads back what
# they typed. Every machine-readable date (JSON-LD, feeds, sitemaps, `<time datetime>`, the
# template filter `iso`) is `iso_in(moment, site tz)`: one clock for every reader program, with its offset.

def iso_in(moment: datetime, tz: zoneinfo.ZoneInfo) -> str:
    """'2024-09-27T11:41:48+07:00': `moment` in the site's time zone, to the second, with its offset."""
    return moment.astimezone(tz).isoformat(timespec="seconds")


def format_seconds(seconds: float, lang: str = "vi", digits: int = 2) -> str:
    """'0,25' in Vietnamese (a decimal comma), '0.25' in English: a duration to `digits` decimals."""
    text = f"{seconds:.{digits}f}"
    return text.replace(".", ",") if lang == "vi" else text


def format_date(dt: datetime) -> str:
    """'27/09/2024'."""
    return f"{dt.day:02d}/{dt.month:02d}/{dt.year:04d}"


def format_time(dt: datetime) -> str:
    """'11:41' (24-hour)."""
    return f"{dt.hour:02d}:{dt.minute:02d}"


def format_datetime(dt: datetime) -> str:
    """'27/09/2024 11:41:48' (24-hour)."""
    return f"{format_date(dt)} {format_time(dt)}:{dt.second:02d}"


_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def weekday_name(dt: datetime) -> str:
    """Vietnamese weekday name: 'Thứ Hai' .. 'Thứ Bảy', 'Chủ Nhật'."""
    return _WEEKDAYS[dt.weekday()]


def month_name(month: int) -> str:
    """'Tháng 9' for month 9; ValueError outside 1..12."""
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise ValueError(f"month must be an int in 1..12, got {month!r}")
    return f"Tháng {month}"


def format_count(n: int) -> str:
    """Group thousands with a plain space: 1234 -> '1 234'."""
    return f"{n:,}".replace(",", " ")


_SIZE_UNITS = ("KB", "MB", "GB")


def format_size(size: int) -> str:
    """A file's size as Vietnamese readers write it, decimal comma, units of 1 024: '840 byte',
    '12 KB', '1,2 MB', '15 MB' (one decimal under 10, none above)."""
    if size < 1024:
        return f"{size} byte"
    value, unit = float(size), ""
    for unit in _SIZE_UNITS:
        value /= 1024
        if value < 1024 or unit == _SIZE_UNITS[-1]:
            break
    if value < 10 and f"{value:.1f}" != f"{value:.0f}.0":
        return f"{value:.1f} {unit}".replace(".", ",")
    return f"{format_count(round(value))} {unit}"


def format_duration(seconds: float) -> str:
    """A video's length as players show it: '0:05', '2:05', '1:02:05'."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# --- Collation -------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Vowel-modifying marks (NFD) -> the distinct letter they form.
_MODIFIED = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tone marks in dictionary order: ngang(0) huyền hỏi ngã sắc nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _clusters(text: str) -> list[tuple[str, list[str]]]:
    """Split lowercase NFD text into (base char, [combining marks])."""
    out: list[tuple[str, list[str]]] = []
    for ch in unicodedata.normalize("NFD", text).lower():
        if unicodedata.combining(ch) and out:
            out[-1][1].append(ch)
        else:
            out.append((ch, []))
    return out


def _char_key(ch: str) -> tuple[int, int]:
    """Primary weight: spaces < punctuation < digits < letters < other letters."""
    if ch in _LETTER_RANK:
        return (3, _LETTER_RANK[ch])
    if ch.isspace():
        return (0, 0)
    if "0" <= ch <= "9":
        return (2, ord(ch))
    if ch.isalpha():
        return (4, ord(ch))
    return (1, ord(ch))


def sort_key(text: str) -> tuple:
    """Vietnamese dictionary collation key (accepts NFC or NFD input).

    Primary: base letters, case-insensitive, with ă â đ ê ô ơ ư distinct;
    secondary: per-syllable tone (ngang < huyền < hỏi < ngã < sắc < nặng);
    final tiebreak: the NFC text itself.
    """
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    tone, in_word = 0, False
    for base, marks in _clusters(text):
        letter = base
        for mark in marks:
            letter = _MODIFIED.get((base, mark), letter)
        primary.append(_char_key(letter))
        if letter.isalnum():
            in_word = True
            tone = max([tone, *(_TONE_RANK.get(m, 0) for m in marks)])
        elif in_word:
            tones.append(tone)
            tone, in_word = 0, False
    if in_word:
        tones.append(tone)
    return (tuple(primary), tuple(tones), nfc(text))

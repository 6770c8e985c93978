"""Datelines and bylines as Vietnamese newsrooms write them.

- **Dateline**: the source opening the lead, "ĐTO - Sáng 27/9, ...", "(QNO) - ", "(PL)- ",
  "NDO – ", "Hà Nội (TTXVN) - ", or "NDO -" alone on the line before the lead. The source is an agency
  code (capitals, or not a Vietnamese syllable) or a short name in parentheses ("(Chinhphu.vn)").
  In Markdown from a saved page the lead is often bold: the emphasis is kept balanced
  ("**ĐTO - Sáng ...**" -> "**Sáng ...**").
- **Byline**: a short line of one to four names, at the end of the text or under the title, in any
  case, after a label ("Tin, ảnh:", "Bài, ảnh:", "Bài và ảnh:", "Nguồn:", "Tác giả:"), the names
  separated by "-", "–", "/", ",", ";", "&" or "và". Initials and agency codes are kept as written
  ("P.V", "Q.H - T.L", "Ngọc Hân (TTXVN)"); a name in capitals is written in title case
  ("DƯƠNG ÚT" -> "Dương Út") but a code stays in capitals. "Nguyễn Văn A - Phòng Tham mưu" is one
  author with the unit: "Nguyễn Văn A (Phòng Tham mưu)".
"""

from __future__ import annotations

import re

from ..core import vi
from ..core.award_names import RANKS
from ..core.syllables import is_syllable

BYLINE_MAX = 90             # characters of a byline line
NAMES_MAX = 4               # names on one byline
NAME_WORDS_MAX = 5          # words of one name

BYLINE_LABEL = re.compile(
    r"^\s*(?:\(|\[)?\s*(?:(?:tin|bài|ảnh|video|clip|đồ họa|thực hiện|tin và ảnh|tin, ảnh|tin ảnh|bài, ảnh|bài và ảnh|"
    r"bài ảnh|bài và ảnh|nhóm thực hiện|tác giả|người viết|nguồn|theo)(?:\s*(?:,|và|/)\s*(?:ảnh|video|clip))?"
    r"\s*[:：]\s*|(?:theo|nguồn)\s+)", re.IGNORECASE)
_GROUP_NAMES = ("nhóm phóng viên", "nhóm pv", "phóng viên", "pv", "ctv", "btv", "cộng tác viên", "nhóm ctv",
                "nhóm tác giả", "ban biên tập", "bbt", "tổ phóng viên")
_UNIT_HEADS = ("phòng", "công an", "đội", "ban", "trung tâm", "cục", "trại", "báo", "đài", "tạp chí", "cổng",
               "trang", "ttxvn", "văn phòng", "tiểu đoàn", "trung đoàn", "đồn", "trạm")
_SPLIT = re.compile(r"\s*(?:\s[-–—]\s?|\s?[-–—]\s|/|;|&|,)\s*|\s+(?:và|cùng)\s+")
_TOKEN = re.compile(r"^(?:[A-ZĐ\u00C0-\u1EF9][\w'’]*\.?|(?:[A-ZĐ\u00C0-\u1EF9]\.){1,4}[A-ZĐ\u00C0-\u1EF9]?\.?)$")
_PAREN = re.compile(r"\s*\(([^()]{1,40})\)\s*$")

def is_code(word: str) -> bool:
    """An agency code or initials kept in capitals: 'TTXVN', 'ĐTO', 'P.V', 'CAND' (not 'HÂN')."""
    letters = [c for c in word if c.isalpha()]
    if not letters or vi.upper(word) != word:
        return False
    return "." in word or not is_syllable(word) or len(letters) == 1


# ---------------------------------------------------------------------------------------------
# Datelines

_SOURCE_CODE = r"[^\W\d_][\w.&]{1,14}(?:\s[\w.&]{1,10}){0,2}"     # in capitals: see _is_agency
_ONLINE = r"(?:\s(?:Online|online|Điện tử|điện tử))?"
_SOURCE_SITE = r"[A-ZĐa-zđ][\w-]{1,30}\.(?:vn|com|net|org|gov\.vn|com\.vn|org\.vn)"
_DASH = r"\s*[-–—]+"
_DATELINE_CODE = re.compile(rf"^(?P<src>(?:{_SOURCE_CODE}|{_SOURCE_SITE}){_ONLINE}){_DASH}(?=\s|[*_]|$|[^\W\d_])")
_PAREN_NO_DASH = re.compile(r"^\((?P<src>[^()\n]{2,30})\)\s+(?=[^\W\d_])")
_DATELINE_PAREN = re.compile(rf"^(?:[A-ZĐ][\w.]*(?:\s[A-ZĐ][\w.]*){{0,3}},?\s*(?:\d{{1,2}}/\d{{1,2}}\s*)?)?"
                             rf"\((?P<src>[^()\n]{{2,30}})\){_DASH}?\s*")
_MARKS = re.compile(r"^(\*{1,3}|_{1,3})")


def split_dateline(block: str) -> tuple[str | None, str]:
    """(source, the block without it) for a lead opening with a dateline; (None, block) otherwise.
    Emphasis around the dateline stays balanced; the lead's first letter is made upper case."""
    heading = re.match(r"^#{1,6}\s+", block)
    prefix = heading.group(0) if heading else ""
    block = block[len(prefix):]
    marks = _MARKS.match(block)
    opener = marks.group(1) if marks else ""
    text = block[len(opener):]
    closed = re.match(rf"^([^*_\n]{{2,40}}?){re.escape(opener)}(\s*[-–—]+\s*)", text) if opener else None
    if closed and _match_source(closed.group(1) + " - x"):
        text = closed.group(1) + closed.group(2) + text[closed.end():]   # '**ĐTO** - **Sáng ...**'
    found = _match_source(text)
    if found is None:
        return None, prefix + block
    source, end = found
    rest = text[end:]
    if opener and rest.startswith(opener):          # '**ĐTO** - **Sáng ...**'
        rest, opener = rest[len(opener):].lstrip(), ""
    elif opener and text[:end].rstrip(" -–—").endswith(opener):
        opener = ""                                  # '**ĐTO -** Sáng ...'
    rest = re.sub(rf"^(\s*[-–—]\s*)", "", rest)
    rest = rest.lstrip()
    if opener and rest.startswith(opener):
        rest = rest[len(opener):]
    lead_marks = _MARKS.match(rest)
    skip = len(lead_marks.group(1)) if lead_marks else 0
    rest = rest[:skip] + rest[skip:skip + 1].upper() + rest[skip + 1:]
    return source, prefix + opener + rest


def _match_source(text: str) -> tuple[str, int] | None:
    """(source, where the lead starts) of a dateline at the start of `text`."""
    plain = text
    for pattern in (_DATELINE_PAREN, _DATELINE_CODE):
        match = pattern.match(plain)
        if not match:
            continue
        source = match["src"].strip().strip("*_ ")
        if pattern is _DATELINE_PAREN and not re.search(r"[-–—]", plain[match.start("src"):match.end() + 2]):
            continue
        if pattern is _DATELINE_CODE and not _is_agency(re.sub(_ONLINE + "$", "", source)):
            continue
        if pattern is _DATELINE_CODE and plain[match.end():match.end() + 1].isalpha() \
                and not plain[match.end()].isupper():
            continue                                 # 'ĐTO-Sáng' yes, 'COVID-19' and 'ANTT-ma' no
        if len(source.split()) > 4 or not any(c.isalpha() for c in source):
            continue
        return source, match.end()
    bare = _PAREN_NO_DASH.match(plain)             # '(QNO) Sáng 27/9, ...': a code in parentheses, no dash
    if bare and all(is_code(word) for word in bare["src"].split()) or bare and re.search(
            r"\.(?:vn|com)$", bare["src"], re.IGNORECASE):
        return bare["src"].strip(), bare.end()
    return None


def _is_agency(source: str) -> bool:
    """'ĐTO', 'CAO', 'VOV.VN', 'Chinhphu.vn', 'HÀ NỘI' (words in capitals before a dash, or a site)."""
    if re.search(r"\.(?:vn|com|net|org)$", source, re.IGNORECASE):
        return True
    words = source.replace("*", "").replace("_", "").split()
    return all(vi.upper(word) == word for word in words) and len("".join(words)) >= 2


def dateline_alone(line: str) -> str | None:
    """The source of a line that is only a dateline: 'NDO -', '(QNO) –', 'ĐTO-'."""
    text = line.strip().strip("*_ ")
    match = re.fullmatch(rf"\(?(?P<src>{_SOURCE_CODE}|{_SOURCE_SITE}|[^()\n]{{2,30}}(?=\)))\)?\s*[-–—]+", text)
    if not match:
        return None
    source = match["src"].strip()
    if text.startswith("(") or _is_agency(source):
        return source
    return None


# ---------------------------------------------------------------------------------------------
# Bylines

def parse_byline(line: str, labelled_only: bool = False) -> tuple[str, ...] | None:
    """The names of a byline line, or None when the line is not one. `labelled_only`: only a line
    with a label ('Tin, ảnh: ...') counts (a line among the paragraphs)."""
    text = " ".join(line.replace("*", " ").replace("_", " ").split()).strip(" .")
    if re.fullmatch(r"[(\[][^()\[\]]+[)\]]", text):     # '(Theo Báo Công an nhân dân)'
        text = text[1:-1].strip(" .")
    if dateline_alone(text):
        return None
    if not text or len(text) > BYLINE_MAX or any(c.isdigit() for c in _without_parens(text)):
        return None
    label = BYLINE_LABEL.match(text)
    if label:
        text = text[label.end():].strip(" .:")
        if text and vi.nfc(text.lower()) == text:             # 'tin, ảnh: ngọc hân'
            text = " ".join(word[:1].upper() + word[1:] for word in text.split())
        said = label.group(0).strip(" ([:").casefold()
        if text and _names(text) is None and len(text) <= 60 and len(text.split()) <= 8 \
                and not text.endswith(("?", "!")) and (re.match(r"^(?:nguồn|theo)\b", said)
                                                         or text.casefold().startswith(_UNIT_HEADS)
                                                         and not said.startswith(("ảnh", "video", "clip"))):
            return (_case(text, unit=True),)        # 'Nguồn: Báo Công an nhân dân', 'Tin: Công an huyện A'
    elif labelled_only:
        return None
    text = re.sub(r"\s*[(\[]?\s*(?:ảnh|video)\s*:\s*[^)\]]*[)\]]?\s*$", "", text, flags=re.IGNORECASE).strip()
    if not text or text.endswith(("?", "!", ":")):
        return None
    names = _names(text)
    if names is None:
        return None
    if not label and len(names) == 1 and _looks_like_sentence(names[0]):
        return None
    return names


def _without_parens(text: str) -> str:
    return re.sub(r"\([^()]*\)", "", text)


def _names(text: str) -> tuple[str, ...] | None:
    parts = [p for p in _split_names(text) if p]
    if not parts or len(parts) > NAMES_MAX + 1:
        return None
    names: list[str] = []
    for part in parts:
        agency = _PAREN.search(part)
        core = part[:agency.start()] if agency else part
        unit = core.casefold().startswith(_UNIT_HEADS) and len(core.split()) >= 2
        if unit and names and "(" not in names[-1]:
            names[-1] = f"{names[-1]} ({_case(core, unit=True)})"       # 'Nguyễn Văn A - Phòng Tham mưu'
            continue
        name = _name(core)
        if name is None:
            if names and is_code(core.strip()):               # 'Minh Anh/TTXVN'
                names[-1] = f"{names[-1]} ({core.strip()})"
                continue
            return None
        names.append(name + (f" ({agency.group(1).strip()})" if agency else ""))
    return tuple(names) if len(names) <= NAMES_MAX else None


def _split_names(text: str) -> list[str]:
    """Split at the separators outside parentheses."""
    protected = re.sub(r"\(([^()]*)\)", lambda m: "(" + m.group(1).replace(",", "\0").replace("-", "\1")
                       .replace("/", "\2") + ")", text)
    return [p.replace("\0", ",").replace("\1", "-").replace("\2", "/").strip(" .") for p in _SPLIT.split(protected)]


def _name(text: str) -> str | None:
    """One name as written, or None when `text` is not a name: 1 to 5 capitalised words or initials,
    or a group's name ('Nhóm PV', 'P.V')."""
    words = text.split()
    if not words:
        return None
    if text.casefold() in _GROUP_NAMES:
        return _case(text)
    rank = next((r for r in RANKS if text.casefold().startswith(r + " ")), None)
    if rank:                                        # 'Thiếu tá Nguyễn Văn A'
        words = words[len(rank.split()):]
    if not words or len(words) > NAME_WORDS_MAX:
        return None
    if not all(_TOKEN.match(word) or is_code(word) for word in words):
        return None
    return _case(text)


def _case(text: str, unit: bool = False) -> str:
    """A name in capitals in title case ('LÊ VĂN CƯỜNG' -> 'Lê Văn Cường'); codes and initials stay."""
    if vi.upper(text) != text:
        return text
    rank = next((r for r in RANKS if text.casefold().startswith(r + " ")), None)
    if rank and not unit:                           # 'ĐẠI ÚY NGUYỄN VĂN BÌNH' -> 'Đại úy Nguyễn Văn Bình'
        written = rank[:1].upper() + rank[1:]
        return written + " " + _case(text[len(rank) + 1:])
    words = []
    for i, word in enumerate(text.split()):
        if is_code(word):
            words.append(word)
        elif unit and i:
            words.append(word.lower())
        else:
            words.append(word[:1] + word[1:].lower())
    return " ".join(words)


def _looks_like_sentence(name: str) -> bool:
    """A one-name line that is a place or a heading rather than a person ('Hà Nội', 'Tin Khác')."""
    return name.casefold() in ("hà nội", "tin khác", "tin liên quan", "xem thêm", "trang chủ", "chia sẻ", "bình luận")

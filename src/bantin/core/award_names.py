"""The words of Vietnamese commendations: award types and their classes, ranks and honorifics, the
heads of units' names, police abbreviations, and the one identity of an award type or a recipient.

Shared by the importer's award finder (which reads them in running text) and the honors roll (which
ranks types and tells recipients apart), so both read a name the same way. Pure data and functions.

- **Types** follow the Law on Emulation and Commendation 2022 (Luật Thi đua, khen thưởng số
  06/2022/QH15). `type_key` is a type as the law names it, whatever the spelling: lower case,
  "danh hiệu" dropped, the class as "hạng nhất/nhì/ba" (from Nhất/Nhì/Ba, I/II/III or 1/2/3), a flag's
  "xuất sắc" dropped, the Government as "chính phủ" ("của Thủ tướng Chính phủ", "của Chính phủ"), and
  a type that names no authority completed by its giver ("Bằng khen" from "Thủ tướng Chính phủ" is
  "bằng khen của chính phủ").
- **Recipients**: `recipient_key` is one unit or person however written: NFC, case and spaces
  folded, the old and new places of a tone mark on "oa/oe/uy" made one ("Hoà"/"Hòa"), honorifics
  ("ông", "bà", "đồng chí") and ranks ("Trung tá", "Thượng tá") set apart, and the police
  abbreviations written out ("Phòng CSHS" is "Phòng Cảnh sát hình sự").
"""

from __future__ import annotations

import functools
import re
import unicodedata

from . import vi

# Ranks of the People's Police and Army, longest first where one is the start of another.
RANKS = ("đại tướng", "thượng tướng", "trung tướng", "thiếu tướng", "đại tá", "thượng tá", "trung tá", "thiếu tá",
         "đại úy", "thượng úy", "trung úy", "thiếu úy", "đại uý", "thượng uý", "trung uý", "thiếu uý",
         "thượng sĩ", "trung sĩ", "hạ sĩ", "binh nhất", "binh nhì")
# Words before a person's name that are not part of it.
HONORIFICS = ("đồng chí", "đ/c", "đ.c", "ông", "bà", "anh", "chị", "em", "cháu", "cô", "chú", "bác", "cụ", "thầy",
              "cố", "liệt sĩ", "công dân", "học sinh", "sinh viên", "nhà báo", "phóng viên", "tài xế", "lái xe",
              "ngư dân", "nông dân", "người dân", "quần chúng", "bảo vệ", "cán bộ", "chiến sĩ", "đảng viên",
              "đoàn viên", "thanh niên", "giáo viên", "bác sĩ", "kỹ sư", "luật sư", "nghệ sĩ")
# Titles of office: a giver is an office ("Giám đốc Công an tỉnh"), not the person holding it.
OFFICES = ("chủ tịch nước", "phó chủ tịch nước", "thủ tướng chính phủ", "thủ tướng", "phó thủ tướng",
           "chủ tịch quốc hội", "tổng bí thư", "bộ trưởng", "thứ trưởng", "chủ tịch", "phó chủ tịch",
           "giám đốc", "phó giám đốc", "cục trưởng", "phó cục trưởng", "tổng cục trưởng", "vụ trưởng",
           "tư lệnh", "phó tư lệnh", "chính ủy", "bí thư", "phó bí thư", "trưởng công an", "phó trưởng công an",
           "trưởng phòng", "phó trưởng phòng", "trưởng ban", "phó trưởng ban", "đội trưởng", "phó đội trưởng",
           "thủ trưởng", "chỉ huy trưởng", "chánh văn phòng", "chánh thanh tra", "hiệu trưởng", "giám thị",
           "trưởng đồn", "trưởng trạm", "tổ trưởng", "trưởng", "phó", "lãnh đạo", "chỉ huy", "thay mặt")
# Bodies that give awards in their own name.
AUTHORITIES = ("nhà nước", "chính phủ", "quốc hội", "bộ công an", "bộ quốc phòng", "bộ ", "ủy ban nhân dân",
               "ubnd", "hội đồng nhân dân", "hđnd", "tỉnh ủy", "thành ủy", "huyện ủy", "đảng ủy", "ban thường vụ",
               "công an tỉnh", "công an thành phố", "công an huyện", "công an", "bộ tư lệnh", "tổng cục",
               "cục ", "trung ương", "mặt trận tổ quốc", "ban chỉ đạo", "hội đồng thi đua", "liên đoàn",
               "tổng liên đoàn", "đoàn thanh niên", "hội liên hiệp", "sở ", "quân khu", "thủ tướng")
# The first words of a unit's name.
UNIT_HEADS = ("phòng", "đội", "công an", "ban", "cục", "vụ", "viện", "trung tâm", "trại", "tiểu đoàn", "đại đội",
              "trung đoàn", "lữ đoàn", "sư đoàn", "tổ", "đồn", "trạm", "bộ", "sở", "ubnd", "ủy ban", "uỷ ban",
              "trường", "học viện", "bệnh viện", "hội", "chi bộ", "đảng bộ", "đảng ủy", "chi đoàn", "đoàn",
              "văn phòng", "cơ quan", "huyện", "xã", "phường", "thị trấn", "tỉnh", "thành phố", "quận", "thị xã",
              "ấp", "thôn", "bản", "khóm", "khu phố", "tổ dân phố", "gia đình", "công ty", "doanh nghiệp",
              "ngân hàng", "hợp tác xã", "báo", "đài", "tạp chí", "lực lượng", "tập thể", "chi cục", "tổng cục",
              "hải đội", "kho", "nhà", "nhóm", "câu lạc bộ", "tòa án", "viện kiểm sát", "công đoàn", "hội đồng",
              "liên đoàn", "ca", "trung đội", "khu", "bộ phận", "nhà máy", "xí nghiệp", "ban chỉ huy",
              "tỉnh đoàn", "huyện đoàn", "thành đoàn", "mặt trận", "cụm", "khối", "cảnh sát", "an ninh", "pc",
              "pa", "px", "pv", "pk", "ph", "tiểu ban", "ban chuyên án", "trường học", "mô hình", "hộ")
SURNAMES = frozenset(vi.nfc(s) for s in (
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lương đinh trịnh đoàn mai trương "
    "lâm phùng tô hà cao chu tạ thái triệu quách lại vương tăng lưu khúc kiều la lò lục mạc nông quan thân từ "
    "văn diệp châu giang hứa kim âu ông tống trình đàm đào đồng doãn bạch bế cù cấn hầu khổng khương lã lạc "
    "mẫn nghiêm ninh phí phó quang sầm sơn thạch tiêu trang ung vi viên yên y ksor rơ h' điểu danh thị "
    "lữ lưu mã nghiêm quảng triệu vy hoàng kha khưu hàn ôn thiều ma lăng").split())

# Police and government abbreviations, written out (case as in names of units).
ABBREVIATIONS = {
    "CSHS": "Cảnh sát hình sự", "CSGT": "Cảnh sát giao thông", "CSKT": "Cảnh sát kinh tế",
    "CSMT": "Cảnh sát môi trường", "CSĐT": "Cảnh sát điều tra", "CSĐTTP": "Cảnh sát điều tra tội phạm",
    "CSCĐ": "Cảnh sát cơ động", "CSQLHC": "Cảnh sát quản lý hành chính", "QLHC": "quản lý hành chính",
    "TTXH": "trật tự xã hội", "CSTHAHS": "Cảnh sát thi hành án hình sự", "THAHS": "thi hành án hình sự",
    "HTTP": "hỗ trợ tư pháp", "PCCC": "phòng cháy, chữa cháy", "PC&CC": "phòng cháy, chữa cháy",
    "CNCH": "cứu nạn, cứu hộ", "CS PCCC": "Cảnh sát phòng cháy, chữa cháy", "ANĐT": "An ninh điều tra",
    "ANKT": "An ninh kinh tế", "ANCTNB": "An ninh chính trị nội bộ", "ANTT": "an ninh trật tự",
    "ATGT": "an toàn giao thông", "TTATGT": "trật tự an toàn giao thông", "CAND": "Công an nhân dân",
    "BCA": "Bộ Công an", "CAT": "Công an tỉnh", "CATP": "Công an thành phố", "CAH": "Công an huyện",
    "CAX": "Công an xã", "CA": "Công an", "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc", "LLVT": "lực lượng vũ trang", "LLVTND": "Lực lượng vũ trang nhân dân",
    "BCĐ": "Ban Chỉ đạo", "BCH": "Ban Chỉ huy", "TP": "thành phố", "TP.": "thành phố", "Tp.": "thành phố",
    "TX": "thị xã", "TX.": "thị xã", "TT": "thị trấn", "TT.": "thị trấn", "KV": "khu vực", "CSTT": "Cảnh sát trật tự",
    "QLXNC": "quản lý xuất nhập cảnh", "XNC": "xuất nhập cảnh", "MT": "môi trường", "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "TDP": "tổ dân phố", "ĐCS": "Đảng Cộng sản", "VN": "Việt Nam", "ANQG": "an ninh quốc gia",
    "BVANTQ": "bảo vệ an ninh Tổ quốc", "BV ANTQ": "bảo vệ an ninh Tổ quốc", "PCTP": "phòng, chống tội phạm",
    "TNXH": "tệ nạn xã hội", "PCMT": "phòng, chống ma túy", "CSĐTTP về MT": "Cảnh sát điều tra tội phạm về ma túy",
    "HCM": "Hồ Chí Minh",
}
_ABBREVIATION = re.compile(r"(?<![\w.&])(" + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
                           + r")(?![\w&])")

# ---------------------------------------------------------------------------------------------
# Text

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\w])")


def tone_style(text: str) -> str:
    """One place for the tone mark of an open 'oa/oe/uy' syllable: 'Hoà' -> 'Hòa', 'Thuỷ' -> 'Thủy'."""
    decomposed = unicodedata.normalize("NFD", text)
    return vi.nfc(_OLD_TONE.sub(r"\1\3\2", decomposed))


def normal(text: str) -> str:
    """NFC, one tone style, runs of spaces collapsed: a name as written, once read."""
    return " ".join(tone_style(vi.nfc(text)).split())


def expand_abbreviations(text: str) -> str:
    """'Phòng CSHS Công an TP. Cao Lãnh' -> 'Phòng Cảnh sát hình sự Công an thành phố Cao Lãnh'."""
    expanded = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    return " ".join(expanded.split())


def starts_with(text: str, words: tuple[str, ...]) -> str | None:
    """The longest of `words` that `text` starts with (whole words, case-insensitive), or None."""
    folded = text.casefold()
    best = None
    for word in words:
        if folded.startswith(word) and (len(folded) == len(word) or not folded[len(word)].isalnum()
                                        or word.endswith(" ")):
            if best is None or len(word) > len(best):
                best = word
    return best


def strip_person_words(name: str) -> tuple[str, str]:
    """(what comes before the name: ranks and honorifics, the name): 'Trung tá Nguyễn Văn Hải' ->
    ('Trung tá', 'Nguyễn Văn Hải'); 'đồng chí Thượng tá Lê A' -> ('đồng chí Thượng tá', 'Lê A')."""
    before: list[str] = []
    rest = name.strip()
    while True:
        word = starts_with(rest, RANKS) or starts_with(rest, HONORIFICS)
        if word is None or len(rest) == len(word):
            break
        after = rest[len(word):].lstrip(" ,")
        if not after[:1].isupper():
            break                       # 'cán bộ, chiến sĩ Công an ...' is not a person's name
        before.append(rest[:len(word)])
        rest = after
    return " ".join(before), rest


def looks_like_person(name: str) -> bool:
    """A person's name ('Nguyễn Văn Hải', 'Trung tá Lê A', 'ông Ksor Y') rather than a unit's."""
    before, rest = strip_person_words(normal(name))
    words = rest.split()
    if not words or starts_with(rest, UNIT_HEADS):
        return False
    if before:
        return True
    return 2 <= len(words) <= 5 and words[0].casefold() in SURNAMES and all(w[:1].isupper() for w in words)


# ---------------------------------------------------------------------------------------------
# Identities

@functools.lru_cache(maxsize=8192)
def recipient_key(name: str) -> str:
    """The one identity of a recipient: 'Thượng tá Nguyễn Văn Hải' and 'Trung tá Nguyễn Văn Hải' are
    'nguyễn văn hải'; 'Phòng CSHS' and 'Phòng Cảnh sát hình sự' are 'phòng cảnh sát hình sự'; commas
    do not count ('phòng cháy, chữa cháy')."""
    text = normal(name)
    _, rest = strip_person_words(text)
    return " ".join(expand_abbreviations(rest or text).casefold().replace(",", " ").split())


def acronym_key(name: str) -> str:
    """The initials of a name, with every capital of an abbreviation an initial: 'Phòng CSHS' and
    'Phòng Cảnh sát hình sự' are both 'PCSHS' (for the warning about names that may be one)."""
    _, rest = strip_person_words(normal(name))
    letters = []
    for word in (rest or name).split():
        plain = vi.fold(word).upper()
        if vi.upper(word) == word and len([c for c in word if c.isalpha()]) >= 2:
            letters.append("".join(c for c in plain if c.isalpha()))
        elif plain[:1].isalnum():
            letters.append(plain[:1])
    return "".join(letters)


_CLASS = re.compile(r"\bhạng\s+(nhất|nhì|ba|iii|ii|i|1|2|3|một|hai)\b")
_CLASS_NAMES = {"nhất": "nhất", "i": "nhất", "1": "nhất", "một": "nhất", "nhì": "nhì", "ii": "nhì", "2": "nhì",
                "hai": "nhì", "ba": "ba", "iii": "ba", "3": "ba"}
_GOVERNMENT = re.compile(r"\b(?:của\s+)?(?:thủ tướng chính phủ|thủ tướng|chính phủ)\b")


@functools.lru_cache(maxsize=4096)
def type_key(award_type: str, giver: str = "") -> str:
    """An award type as the law names it (see the module's docstring): for ranking and comparing."""
    text = expand_abbreviations(normal(award_type)).casefold()
    text = re.sub(r"^danh hiệu\s+", "", text)
    text = text.replace('"', "").replace("“", "").replace("”", "")
    text = _CLASS.sub(lambda m: "hạng " + _CLASS_NAMES[m.group(1)], text)
    text = re.sub(r"^cờ thi đua xuất sắc\b", "cờ thi đua", text)
    text = re.sub(r"\s+(?:năm|giai đoạn|đợt)\s+\d.*$", "", text)
    if " của " not in f" {text} " and giver:
        text = f"{text} của {expand_abbreviations(normal(giver)).casefold()}"
    text = _GOVERNMENT.sub(lambda m: "của chính phủ" if m.group(0).startswith("của") else "chính phủ", text)
    return " ".join(text.split())


def names_giver(award_type: str, giver: str) -> bool:
    """Whether a type already names its giver ('Bằng khen của Thủ tướng Chính phủ' and 'Thủ tướng
    Chính phủ'), so that a heading does not say it twice."""
    folded = type_key(award_type)
    if " của " not in f" {folded} ":
        return False
    named = folded.split(" của ", 1)[1]
    given = type_key("x", giver).split(" của ", 1)[1] if giver else ""
    return bool(given) and (named == given or named.endswith(given) or given.endswith(named))

"""Award proposals from running text, as a press officer would read them.

`propose_awards(text)` reads every sentence for award types ("Huân chương Chiến công hạng Nhất",
"Bằng khen của Bộ trưởng Bộ Công an", "giấy khen", "Cờ thi đua của Chính phủ", "danh hiệu Chiến
sĩ thi đua cơ sở", "Anh hùng Lực lượng vũ trang nhân dân"...) and, around each, the verb that gives it:
active ("Giám đốc Công an tỉnh tặng/trao/tặng thưởng/phong tặng/khen thưởng ... cho X"), passive
("X được Bộ trưởng tặng ..."), received ("X vinh dự đón nhận ..."), or the type as subject
("Bằng khen ... được trao cho X"). The rules, each for the whole class of sentences:

- **giver**: "Thừa ủy quyền của X" first, then the authority the type names ("của Bộ trưởng Bộ
  Công an"), "do X trao tặng", the agent of a passive, the authority the law gives the type (orders,
  medals and State titles: the President), then the office of whoever gives it in the sentence, a
  deputy standing for the chief ("Phó Giám đốc" hands over the Giám đốc's award); '?' when none;
- **recipients**: cut at the reason ("về / vì / do / đã có thành tích / trong phong trào ..."), split
  at commas, semicolons and "và" only where a new recipient starts (a unit, a rank, a person's name,
  a count), so "Đội Cảnh sát phòng cháy, chữa cháy khu vực 2" stays one; "Công an các xã A, B và C"
  is three units; ranks, "ông/bà/đồng chí" and a person's office after a comma are set apart;
- **counts**: "34 tập thể", "1.250 cá nhân", "09 đồng chí", "45 cán bộ, chiến sĩ", "hai tập thể";
- **not awards**: requests ("Tờ trình", "đề nghị ... tặng"), honours cited in passing ("đã từng
  được tặng", "(năm 2019)", "nhiều phần thưởng cao quý"), statistics in "lượt";
- **one award, one proposal**: the same type for the same recipients mentioned twice is merged, the
  stronger giver kept.

Proposals are never facts: the importer writes them commented out for an editor to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..content.frontmatter import AwardRef
from ..core import vi
from ..core.award_names import (
    AUTHORITIES,
    HONORIFICS,
    OFFICES,
    RANKS,
    SURNAMES,
    UNIT_HEADS,
    looks_like_person,
    normal,
    starts_with,
    strip_person_words,
    type_key,
)

MAX_PROPOSALS = 12
SENTENCE_MAX = 2000         # characters of a sentence read for awards (a real one is a few hundred)
MENTIONS_MAX = 24           # award types read in one sentence

# --- award types -------------------------------------------------------------------------------

_ORDERS = ("sao vàng", "hồ chí minh", "độc lập", "quân công", "lao động", "chiến công", "bảo vệ tổ quốc", "dũng cảm",
           "hữu nghị", "đại đoàn kết dân tộc")
_MEDALS = ("vì an ninh tổ quốc", "chiến sĩ vẻ vang", "quân kỳ quyết thắng", "hữu nghị", "bảo vệ tổ quốc")
_TITLES = ("anh hùng lực lượng vũ trang nhân dân thời kỳ đổi mới", "anh hùng lực lượng vũ trang nhân dân thời kỳ kháng chiến",
           "anh hùng lực lượng vũ trang nhân dân", "anh hùng lao động thời kỳ đổi mới", "anh hùng lao động", "bà mẹ việt nam anh hùng",
           "chiến sĩ thi đua toàn quốc", "chiến sĩ thi đua công an nhân dân", "chiến sĩ thi đua cấp bộ",
           "chiến sĩ thi đua cấp tỉnh", "chiến sĩ thi đua cơ sở", "chiến sĩ thi đua", "đơn vị quyết thắng",
           "đơn vị tiên tiến", "tập thể lao động xuất sắc", "tập thể lao động tiên tiến", "lao động tiên tiến",
           "chiến sĩ tiên tiến", "giải thưởng hồ chí minh", "giải thưởng nhà nước")
_CLASS = r"(?:\s+hạng\s+(?:nhất|nhì|ba|iii|ii|i|1|2|3))?"
_QUOTED = r"(?:\s+[\"“][^\"”]{2,60}[\"”])"
_TYPE = re.compile(
    r"(?<![\w])(?P<type>"
    r"huân\s+chương\s+(?:" + "|".join(_ORDERS) + r")" + _CLASS +
    r"|huân\s+chương" + _QUOTED + "?" + _CLASS +
    r"|huy\s+chương\s+(?:" + "|".join(_MEDALS) + r")" + _CLASS +
    r"|huy\s+chương" + _QUOTED + _CLASS +
    r"|kỷ\s+niệm\s+chương(?:" + _QUOTED + r"|\s+(?:vì|bảo vệ|chiến sĩ)\s+[^\s,.;]+(?:\s+[^\s,.;]+){0,5}?"
    r"(?=\s+(?:cho|tới|đến|của)\b|[,.;]|$))?"
    r"|(?:danh\s+hiệu\s+)?(?:" + "|".join(_TITLES) + r")"
    r"|cờ\s+thi\s+đua(?:\s+xuất\s+sắc)?|bằng\s+khen|giấy\s+khen|thư\s+khen"
    r")(?P<of>\s+của\s+(?P<giver>[^,.;:()\n]{3,90}?)(?=\s+(?:cho|tới|đến|tặng|trao|vì|về|do|nhờ|tại|trong|đã|được|"
    r"và\s+(?:bằng|giấy|huân|huy|cờ|kỷ|thư|danh)|năm)\b|[,.;:()\n]|$))?",
    re.IGNORECASE)
_LAW_GIVERS = (("huân chương", "Chủ tịch nước"), ("huy chương", "Chủ tịch nước"), ("anh hùng", "Chủ tịch nước"),
               ("bà mẹ việt nam anh hùng", "Chủ tịch nước"), ("giải thưởng", "Chủ tịch nước"),
               ("chiến sĩ thi đua toàn quốc", "Thủ tướng Chính phủ"), ("cờ thi đua của chính phủ", "Chính phủ"),
               ("bằng khen của chính phủ", "Thủ tướng Chính phủ"))

# --- verbs and markers -------------------------------------------------------------------------

_VERB = re.compile(r"(?<![\w])(?P<verb>trao\s+tặng|tặng\s+thưởng|truy\s+tặng|phong\s+tặng|khen\s+thưởng(?:\s+đột\s+xuất)?"
                   r"|tặng|trao|gắn|đón\s+nhận|nhận|đạt|công\s+nhận|gửi)(?![\w])", re.IGNORECASE)
_RECEIVE = ("đón nhận", "nhận", "đạt")
_PASSIVE = re.compile(r"(?<![\w])(?:vinh\s+dự\s+)?(?:đã\s+|vừa\s+|cũng\s+)?được(?![\w])", re.IGNORECASE)
_REQUEST = re.compile(r"(?<![\w])(?:tờ\s+trình|đề\s+nghị|đề\s+xuất|kiến\s+nghị|xét\s+tặng|trình\s+(?:thủ|chủ|bộ|cấp|hội)"
                      r"|sẽ\s+(?:được\s+)?(?:tặng|trao|khen|xét|nhận)|dự\s+kiến|xin\s+(?:tặng|khen)|hồ\s+sơ)(?![\w])",
                      re.IGNORECASE)
_PAST = re.compile(r"(?<![\w])(?:từng|trước\s+đó|trước\s+đây|phần\s+thưởng\s+cao\s+quý|nhiều\s+phần\s+thưởng|liên\s+tục\s+được"
                   r"|nhiều\s+năm\s+liền|xứng\s+đáng\s+với|mà\s+đảng|đã\s+trao\s+tặng\s*$|những\s+năm\s+trước|đến\s+nay"
                   r"|(?:\d+|nhiều|hai|ba|bốn|năm)\s+lần\s+(?:được|nhận|đón\s+nhận)|các\s+loại)(?![\w])",
                   re.IGNORECASE)
_MANDATE = re.compile(r"(?:thừa\s+(?:ủy|uỷ)\s+quyền|thừa\s+lệnh|được\s+sự\s+ủy\s+quyền)\s+(?:của\s+)?(?P<who>[^,.;\n]{3,80})",
                      re.IGNORECASE)
_INTRO = ("dịp này", "nhân dịp", "tại ", "trong ", "sáng", "chiều", "tối", "ngày", "thừa ủy quyền", "thừa uỷ quyền",
          "thay mặt", "theo ", "với ", "qua ", "cũng tại", "cũng dịp", "để ", "ghi nhận", "nhân ", "trước đó", "sau đó",
          "đồng thời", "cùng ngày", "năm ", "trong năm", "kết quả", "vừa qua", "hôm nay", "được biết", "tổng kết",
          "nhằm", "ngay sau", "sau khi", "cũng trong", "đặc biệt", "bên cạnh", "vì ", "do ", "đến nay", "đợt này",
          "lần này", "tính đến", "trước những", "từ ", "khen thưởng kịp thời")
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_COLLECTIVE_WORDS = ("tập thể", "đơn vị", "chi bộ", "tổ chức", "cơ quan", "tổ", "đội", "phòng", "hộ gia đình", "gia đình")
_COUNT = re.compile(r"^(?:có\s+|gồm\s+|cho\s+)?(?P<n>\d{1,3}(?:[.,]\d{3})+|\d+|" + "|".join(_NUMBER_WORDS) + r")\s+"
                    r"(?P<lượt>lượt\s+)?(?P<what>tập thể|đơn vị|chi bộ|tổ chức|cơ quan|cá nhân|đồng chí|cán bộ(?:\s*,?\s*"
                    r"(?:chiến sĩ|đảng viên|công nhân viên|công chức))?|chiến sĩ|người|công dân|học sinh|quần chúng|"
                    r"hộ gia đình|gia đình|đảng viên|đoàn viên|hội viên|em|cháu|cựu chiến binh)(?![\w])", re.IGNORECASE)
_REASON = re.compile(
    r"\s(?:vì|nhờ|bởi|do\s+(?:có|đã|đạt|lập|hoàn thành|thành tích)|đạt\s+thành\s+tích|với\s+thành\s+tích)(?![\w])"
    r"|\s(?:vì\s+)?(?:đã\s+)?(?:có|lập)\s+(?:thành\s+tích|hành\s+động|nhiều|đóng\s+góp|công)(?![\w])"
    r"|\s(?:đã\s+)?(?:dũng\s+cảm|hoàn\s+thành|nhặt\s+được|tham\s+gia|phát\s+hiện|tích\s+cực)(?![\w])"
    r"|\svề\s+(?!ma\s+túy|trật\s+tự|kinh\s+tế|tham\s+nhũng|môi\s+trường|an\s+ninh|hành\s+chính|buôn\s+lậu|chức\s+vụ|"
    r"xuất\s+nhập|phòng|hình\s+sự|ma\s+tuý|công\s+nghệ|tội\s+phạm|quản\s+lý|giao\s+thông)"
    r"|\s(?:trong|tại|nhân\s+dịp|nhân|theo|sau\s+khi|khi|thuộc|ngày|năm)\s+(?:phong\s+trào|công\s+tác|đợt|năm|việc|"
    r"thực\s+hiện|chiến\s+dịch|cao\s+điểm|buổi|lễ|hội|dịp|quyết\s+định|đấu\s+tranh|các|\d|phòng|công\s+an|chuyên\s+án|"
    r"lãnh\s+đạo|phá\s+án|tổ\s+chức)", re.IGNORECASE)
_APPOSITION = OFFICES + ("cán bộ", "chiến sĩ", "nguyên", "hiện là", "công tác tại", "ngụ", "trú", "sinh năm",
                         "học sinh lớp", "giáo viên", "cán bộ đội", "đảng viên", "tổ viên", "thành viên")
_ADMIN = r"(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh|ấp|khu\s+vực|khóm|thôn|bản)"


@dataclass(slots=True)
class _Found:
    """One award read from one sentence, before duplicates are merged."""

    type: str
    giver: str
    strength: int                                   # how sure the giver is: 4 mandate ... 0 unknown
    recipients: list[str] = field(default_factory=list)
    collectives: int | None = None
    individuals: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    type: str
    of: str | None                                  # the authority after "của"


def propose_awards(text: str) -> tuple[AwardRef, ...]:
    """Commendations a text mentions, as proposals (see the module's docstring)."""
    found: list[_Found] = []
    for sentence in split_sentences(vi.nfc(text)):
        found += _awards_in(sentence[:SENTENCE_MAX])     # a pasted table or list is not a sentence
        if len(found) > 20 * MAX_PROPOSALS:
            break
    merged = _merge(found)
    return tuple(AwardRef(types=(f.type,), givers=(f.giver,), recipients=tuple(f.recipients),
                          collectives=f.collectives, individuals=f.individuals, reason=f.reason)
                 for f in merged[:MAX_PROPOSALS])


_ABBREVIATED = re.compile(r"(?:\b(?:TP|TX|Tp|Tx|TT|ThS|TS|PGS|GS|BS|Q|H|P|X|St|Mr|Dr|Th|No|Số)|\b[A-ZĐ])\.$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: at '.', '!', '?' and '…' before a capital, a digit or a quote, and at line
    breaks; never after an abbreviation ('TP. Cao Lãnh', 'P.V') or inside a number ('1.250')."""
    sentences = []
    for paragraph in text.splitlines():
        start = 0
        for match in re.finditer(r"[.!?…]+[\"”’)]*\s+(?=[\"“(\d]|[^\W\d_])", paragraph):
            head = paragraph[start:match.start() + 1]
            following = paragraph[match.end():match.end() + 1]
            if _ABBREVIATED.search(head) or (following.islower() and following.isalpha()):
                continue
            sentences.append(paragraph[start:match.end()].strip())
            start = match.end()
        if paragraph[start:].strip():
            sentences.append(paragraph[start:].strip())
    return sentences


# --- one sentence ------------------------------------------------------------------------------

def _mentions(sentence: str) -> list[_Mention]:
    """The award types of a sentence, and a typeless 'khen thưởng' in a clause that names none."""
    found: list[_Mention] = []
    plural_end = -1                                 # where the last 'nhiều Bằng khen, Giấy khen' list ends
    for match in _TYPE.finditer(sentence):
        before = sentence[max(0, match.start() - 12):match.start()].casefold()
        if re.search(r"(?:nhiều|các|những|mỗi)\s+$", before) or \
                (plural_end >= 0 and re.fullmatch(r"\s*(?:,|và)\s*", sentence[plural_end:match.start()])):
            plural_end = match.end()                # 'nhiều Bằng khen', not one award
            continue
        plural_end = -1
        found.append(_Mention(match.start(), match.end(), match.group("type"),
                              match.group("giver").strip() if match.group("giver") else None))
    for verb in re.finditer(r"(?<![\w])khen\s+thưởng(?:\s+đột\s+xuất)?(?![\w])", sentence, re.IGNORECASE):
        clause_start = sentence.rfind(";", 0, verb.start()) + 1
        clause_end = sentence.find(";", verb.end())
        clause_end = len(sentence) if clause_end < 0 else clause_end
        if not any(clause_start <= m.start < clause_end for m in found):
            found.append(_Mention(verb.end(), verb.end(), "", None))   # 'Giám đốc ... khen thưởng 4 tập thể'
    return sorted(found, key=lambda m: m.start)[:MENTIONS_MAX]


def _awards_in(sentence: str) -> list[_Found]:
    mentions = _mentions(sentence)
    if not mentions:
        return []
    found: list[_Found] = []
    pre_start = 0
    previous: _Found | None = None
    previous_voice = ""
    pending: list[_Mention] = []
    for i, mention in enumerate(mentions):
        following = mentions[i + 1].start if i + 1 < len(mentions) else len(sentence)
        pre = sentence[pre_start:mention.start]
        post = sentence[mention.end:following]
        cut = _clause_end(post)
        own_post, pre_start = post[:cut], mention.end + cut
        if previous is not None and re.fullmatch(r"\s*(?:,|và|cùng|cùng với)?\s*", pre) \
                and previous_voice in ("passive", "receive"):
            award, voice = _like_previous(sentence, mention, own_post, previous), previous_voice
        else:
            award, voice = _read_mention(sentence, mention, pre, own_post, previous, previous_voice)
        if award is None and re.fullmatch(r"\s*(?:,|và|cùng)?\s*", own_post) and mention.type:
            pending.append(mention)                 # 'Bằng khen A và Giấy khen B đã được trao cho X'
            continue
        if award is not None:
            for waiting in pending:
                shared = _award(sentence, waiting, _type_text(waiting, sentence), agent_giver="", subject_giver="")
                shared.recipients = list(award.recipients)
                shared.collectives, shared.individuals = award.collectives, award.individuals
                found.append(shared)
            pending = []
            if not award.recipients and award.collectives is None and award.individuals is None and previous \
                    and previous_voice in ("passive", "receive") \
                    and (voice == "passive" or voice == "active" and not own_post.strip(" .,;")):
                award.recipients = list(previous.recipients)    # 'X được A tặng Bằng khen, (được) B tặng ...'
            found.append(award)
            previous, previous_voice = award, voice
    _share_recipients(found, mentions, sentence)
    return found


def _clause_end(post: str) -> int:
    """Where the text after a type stops being about it: a ';' or ',' after which a new clause with
    its own verb begins ('cho A; Bộ trưởng tặng ...', 'tặng Bằng khen, Giám đốc tặng ...')."""
    for separator in (r";\s*", r",\s*"):          # a semicolon first: commas also part a list of names
        for match in re.finditer(separator, post):
            rest = post[match.end():]
            if _VERB.search(rest) and not re.match(r"\s*(?:cho|tới|đến)\b", rest) \
                    and not _REASON.match(" " + rest):
                return match.start()
    return len(post)


def _share_recipients(found: list[_Found], mentions: list[_Mention], sentence: str) -> None:
    """'trao Huân chương A và Bằng khen B cho X': a type followed only by 'và' shares the next one's
    recipients."""
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.recipients or a.collectives is not None or a.individuals is not None:
            continue
        if i + 1 < len(mentions) and re.fullmatch(r"\s*(?:,|và|cùng|cùng với)?\s*",
                                                   sentence[mentions[i].end:mentions[i + 1].start]):
            a.recipients, a.collectives, a.individuals = list(b.recipients), b.collectives, b.individuals


def _read_mention(sentence: str, mention: _Mention, pre: str, post: str, previous: _Found | None,
                  previous_voice: str) -> tuple[_Found | None, str]:
    """One type in its sentence: its verb, voice, giver and recipients; None when it is not given here."""
    head = sentence[:mention.end]
    if _REQUEST.search(head) or _PAST.search(head) or re.match(r"\s*\((?:năm\s+)?\d{4}\)", post):
        return None, ""
    if re.search(r"(?<![\w])lượt(?![\w])", post[:40]):
        return None, ""
    verbs = list(_VERB.finditer(pre))
    verb = verbs[-1] if verbs else None
    if verb is not None and verb.group("verb").casefold() == "nhận" and re.search(r"ghi\s*$|công\s*$", pre[:verb.start()]):
        verb = None
    type_text = _type_text(mention, sentence)
    if verb is None:
        return _type_as_subject(sentence, mention, type_text, post, previous, previous_voice)
    subject_text = pre[:verb.start()]
    between = pre[verb.end():]
    passive = next((m for m in reversed(list(_PASSIVE.finditer(subject_text)))
                    if not re.search(r"(?:đạt|giành|nhận|có)\s*$", subject_text[:m.start()], re.IGNORECASE)), None)
    verb_word = " ".join(verb.group("verb").casefold().split())
    if verb_word in _RECEIVE or (passive and not _VERB.search(subject_text[passive.end():])):
        voice = "receive" if verb_word in _RECEIVE else "passive"
        recipients_text = subject_text[:passive.start()] if passive and voice == "passive" else subject_text
        agent = subject_text[passive.end():] if passive and voice == "passive" else ""
        award = _award(sentence, mention, type_text, agent_giver=_authority(agent), subject_giver="")
        _fill_recipients(award, _subject_recipients(recipients_text))
        if voice == "receive":
            _given_by(award, post)
        return _finish(award, post), voice
    award = _award(sentence, mention, type_text, agent_giver="", subject_giver=_subject_authority(subject_text))
    if verb_word.startswith("khen thưởng") and between.strip() and not between.strip().casefold() == "bằng":
        target = re.sub(r"\s*(?:bằng|với)\s*$", "", between)
        _fill_recipients(award, _parse_recipients(target)[0])
        return _finish(award, post, reason_only=True), "active"
    _fill_recipients(award, _parse_recipients(_strip_lead(post))[0])
    return _finish(award, post), "active"


def _like_previous(sentence: str, mention: _Mention, post: str, previous: _Found) -> _Found | None:
    """'X được tặng Cờ thi đua của A và Bằng khen của B': the second type is X's too."""
    award = _award(sentence, mention, _type_text(mention, sentence), agent_giver="", subject_giver="")
    award.recipients = list(previous.recipients)
    award.collectives, award.individuals = previous.collectives, previous.individuals
    return _finish(award, post)


def _type_as_subject(sentence: str, mention: _Mention, type_text: str, post: str, previous: _Found | None,
                     previous_voice: str) -> tuple[_Found | None, str]:
    """'Bằng khen ... được trao cho X', 'T do X trao tặng cho Y', or a type sharing an earlier verb
    ('trao Huân chương A cho X và Bằng khen B cho Y')."""
    passive = re.match(r"\s*(?:đã\s+|cũng\s+)?được\s+(?P<agent>.{0,60}?)\s*(?:trao\s+tặng|trao|tặng\s+thưởng|tặng|gắn)"
                       r"(?![\w])\s*", post, re.IGNORECASE)
    if passive:
        award = _award(sentence, mention, type_text, agent_giver=_authority(passive["agent"]), subject_giver="")
        _fill_recipients(award, _parse_recipients(_strip_lead(post[passive.end():]))[0])
        return _finish(award, post[passive.end():]), "active"
    if previous is not None and previous_voice == "active" and re.match(r"\s*(?:cho|tới|đến|tặng)\b", post):
        award = _award(sentence, mention, type_text, agent_giver="", subject_giver=previous.giver
                       if previous.strength <= 2 else "")
        _fill_recipients(award, _parse_recipients(_strip_lead(post))[0])
        return _finish(award, post), "active"
    return None, ""


def _award(sentence: str, mention: _Mention, type_text: str, agent_giver: str, subject_giver: str) -> _Found:
    """The award of `mention` with its giver, by the order of the module's docstring."""
    mandate = None
    for match in _MANDATE.finditer(sentence[:mention.start]):
        mandate = _authority(match["who"])
    law = _law_giver(type_text)
    of = _authority(mention.of) if mention.of else ""
    for giver, strength in ((mandate, 4), (of, 3), (agent_giver, 3), (law, 2), (subject_giver, 1)):
        if giver:
            return _Found(type_text or _type_from_giver(giver), giver, strength)
    return _Found(type_text or "", "?", 0)


def _finish(award: _Found, post: str, reason_only: bool = False) -> _Found | None:
    if not award.type:
        return None
    reason = _REASON.search(" " + post)
    if reason:
        text = (" " + post)[reason.start():].strip(" .;,")
        text = re.sub(r"^(?:vì|về|do|nhờ|bởi|với)\s+", "", text, flags=re.IGNORECASE)
        text = re.sub(r"^đã\s+", "", text, flags=re.IGNORECASE)
        if len(text.split()) >= 3 and re.match(r"(?:có|thành tích|hoàn thành|dũng cảm|lập|đạt)", text, re.IGNORECASE):
            award.reason = text[:1].upper() + text[1:]
    return award


def _given_by(award: _Found, post: str) -> None:
    """'X đón nhận Huân chương ... do Chủ tịch nước trao tặng': the giver after the type."""
    match = re.match(r"\s*do\s+(?P<who>.{3,60}?)\s+(?:trao\s+tặng|trao|tặng|ký|quyết\s+định)", post, re.IGNORECASE)
    if match and award.strength < 3:
        award.giver, award.strength = _authority(match["who"]) or award.giver, 3


def _law_giver(type_text: str) -> str:
    key = type_key(type_text)
    for prefix, giver in _LAW_GIVERS:
        if key.startswith(prefix):
            return giver
    return ""


def _type_from_giver(giver: str) -> str:
    """The type a typeless 'khen thưởng' gives: a Bằng khen from a minister, a province's chairman or
    the Prime Minister, a Giấy khen from the heads below them (Law on Emulation and Commendation 2022)."""
    key = giver.casefold()
    if re.search(r"thủ tướng|chính phủ|bộ trưởng|chủ tịch (?:ubnd|ủy ban nhân dân|uỷ ban nhân dân) (?:tỉnh|thành phố)"
                 r"|^(?:ubnd|ủy ban nhân dân) (?:tỉnh|thành phố)", key):
        return "Bằng khen"
    if re.search(r"giám đốc|trưởng|chủ tịch|thủ trưởng|cục trưởng|chỉ huy|công an", key):
        return "Giấy khen"
    return ""


def _type_text(mention: _Mention, sentence: str) -> str:
    """The type as written, with its capitals restored when it was written in lower case."""
    text = " ".join(sentence[mention.start:mention.end].split())
    return _capitalise(text) if text else ""


_CAPITALS = {"huân chương": "Huân chương", "huy chương": "Huy chương", "bằng khen": "Bằng khen",
             "giấy khen": "Giấy khen", "cờ thi đua": "Cờ thi đua", "kỷ niệm chương": "Kỷ niệm chương",
             "danh hiệu": "Danh hiệu", "thư khen": "Thư khen", "hạng nhất": "hạng Nhất", "hạng nhì": "hạng Nhì",
             "hạng ba": "hạng Ba", "chiến công": "Chiến công", "bảo vệ tổ quốc": "Bảo vệ Tổ quốc",
             "lao động": "Lao động", "dũng cảm": "Dũng cảm", "độc lập": "Độc lập", "quân công": "Quân công",
             "sao vàng": "Sao vàng", "hồ chí minh": "Hồ Chí Minh", "hữu nghị": "Hữu nghị",
             "vì an ninh tổ quốc": "Vì an ninh Tổ quốc", "chiến sĩ vẻ vang": "Chiến sĩ vẻ vang",
             "anh hùng lực lượng vũ trang nhân dân": "Anh hùng Lực lượng vũ trang nhân dân",
             "chiến sĩ thi đua": "Chiến sĩ thi đua", "anh hùng lao động": "Anh hùng Lao động",
             "đơn vị quyết thắng": "Đơn vị quyết thắng", "của": "của", "giám đốc": "Giám đốc", "công an": "Công an",
             "bộ trưởng": "Bộ trưởng", "bộ công an": "Bộ Công an", "chủ tịch": "Chủ tịch", "thủ tướng": "Thủ tướng",
             "chính phủ": "Chính phủ", "ubnd": "UBND", "ủy ban nhân dân": "Ủy ban nhân dân"}


def _capitalise(text: str) -> str:
    if text != text.lower():
        return text[:1].upper() + text[1:]
    for lower, written in sorted(_CAPITALS.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"(?<![\w]){re.escape(lower)}(?![\w])", written, text)
    return text[:1].upper() + text[1:]


# --- givers ------------------------------------------------------------------------------------

_AUTHORITY_END = re.compile(r"\s+(?:cho|tới|đến|vì|về|do|nhờ|tại|trong|đã|đạt|có|với|trao|tặng|gắn|khen|ký|vừa|quyết|"
                            r"ban\s+hành|đồng\s+chí|năm\s+\d)\b.*$", re.IGNORECASE)
_DEPUTY = (("phó chủ tịch nước", "chủ tịch nước"), ("phó thủ tướng", "thủ tướng chính phủ"),
           ("thứ trưởng", "bộ trưởng"), ("phó ", ""))


def _authority(text: str | None) -> str:
    """The office or body in `text`, without the person holding it or what follows it:
    'Trung tướng Nguyễn Văn Long, Thứ trưởng Bộ Công an' -> 'Bộ trưởng Bộ Công an'."""
    if not text:
        return ""
    text = _AUTHORITY_END.sub("", " ".join(text.split())).strip(" ,.-–")
    chunks: list[str] = []
    for part in re.split(r"[,;]", text):
        for piece in re.split(r"\s[-–]\s", part):
            piece = piece.strip()
            if chunks and piece and not _opens_name(piece) and part.strip() != piece:
                chunks[-1] = f"{chunks[-1]} - {piece}"       # 'Sở Lao động - Thương binh và Xã hội'
            elif piece:
                chunks.append(piece)
    for chunk in reversed(chunks):
        office = _office_in(chunk)
        if office:
            return office
    return ""


def _opens_name(text: str) -> bool:
    """Whether `text` opens an office, a body, a rank, an honorific or a person's name."""
    return bool(starts_with(text, OFFICES) or starts_with(text, AUTHORITIES) or starts_with(text, RANKS)
                or starts_with(text, HONORIFICS) or text.split()[0].casefold() in SURNAMES)


def _office_in(chunk: str) -> str:
    words = chunk.split()
    for i in range(len(words)):
        rest = " ".join(words[i:])
        if starts_with(rest, OFFICES) or starts_with(rest, AUTHORITIES):
            if i and starts_with(rest, ("phó",)) is None and words[i - 1].casefold() == "phó":
                continue
            if starts_with(rest, ("thay mặt", "lãnh đạo", "chỉ huy")) and i + 2 < len(words):
                continue
            return _chief(_without_person(rest))
        if i == 0 and starts_with(rest, RANKS + HONORIFICS) is None and words[0].casefold() in SURNAMES:
            break                                   # a person's name: the office, if any, is after a comma
    return ""


def _without_person(office: str) -> str:
    """'Bộ trưởng Bộ Công an Tô Lâm' -> 'Bộ trưởng Bộ Công an'; 'Chủ tịch UBND tỉnh Đồng Tháp' stays."""
    words = office.split()
    for i in range(1, len(words)):
        tail = words[i:]
        if tail[0].casefold() in SURNAMES and all(w[:1].isupper() for w in tail) and len(tail) >= 2 \
                and (len(tail) >= 3 or words[i - 1][:1].isupper() or words[i - 1].casefold() in ("nước", "phủ")):
            if not (i >= 1 and words[i - 1].casefold() in ("tỉnh", "huyện", "xã", "phường", "phố", "quận")
                    and len(tail) <= 2):
                return " ".join(words[:i])
    return office


def _chief(office: str) -> str:
    """A deputy hands over the chief's award: 'Phó Giám đốc Công an tỉnh' -> 'Giám đốc Công an tỉnh'."""
    folded = office.casefold()
    for deputy, chief in _DEPUTY:
        if folded.startswith(deputy):
            rest = office[len(deputy):].strip()
            if not chief:
                return rest[:1].upper() + rest[1:] if rest else office
            chief_written = chief[:1].upper() + chief[1:]
            return f"{chief_written} {rest}".strip() if deputy != "phó thủ tướng" else "Thủ tướng Chính phủ"
    return office[:1].upper() + office[1:]


def _subject_authority(subject: str) -> str:
    """The giver among the words before an active verb, intro phrases and 'đã ký quyết định' aside."""
    decision = re.search(r"quyết\s+định\s+(?:số\s+\S+\s+)?của\s+(?P<who>[^,.;]{3,80})", subject, re.IGNORECASE)
    if decision:
        return _authority(decision["who"])
    subject = re.sub(r"\s+(?:đã|vừa|cũng)?\s*(?:ký|ban\s+hành)?\s*(?:quyết\s+định|qđ)(?:\s+số\s+\S+)?\s*$", "",
                     subject, flags=re.IGNORECASE)
    subject = re.sub(r"\s+(?:đã|vừa|cũng|sẽ)\s*$", "", subject.strip(), flags=re.IGNORECASE)
    return _authority(_without_intro(subject))


def _without_intro(text: str) -> str:
    """`text` without its opening phrases ('Dịp này, ', 'Tại buổi lễ, ', 'Thay mặt ..., ')."""
    chunks = re.split(r",\s*", text)
    while len(chunks) > 1 and starts_with(chunks[0].strip(), _INTRO):
        chunks = chunks[1:]
    rest = ", ".join(chunks).strip()
    opener = starts_with(rest, ("nhân dịp này", "dịp này", "cũng tại buổi lễ", "tại buổi lễ", "cũng dịp này"))
    if opener and len(chunks) == 1:                 # 'Dịp này Bộ trưởng ...', its comma left out
        return rest[len(opener):].strip()
    return rest


# --- recipients --------------------------------------------------------------------------------

def _strip_lead(post: str) -> str:
    text = post.strip()
    text = re.sub(r"^(?:khen\s+thưởng(?:\s+đột\s+xuất)?\s+)?", "", text, flags=re.IGNORECASE)
    flag = re.match(r"(?:lên|vào)\s+(?:lá\s+)?(?:cờ|quân\s+kỳ)(?:\s+truyền\s+thống)?\s+(?:của\s+)?", text, re.IGNORECASE)
    if flag:                                        # 'gắn Huân chương ... lên lá cờ truyền thống của X'
        return text[flag.end():]
    text = re.sub(r"^(?:,\s*)?(?:(?:để\s+)?(?:cho|tới|đến|tặng|trao\s+cho|trao\s+tặng\s+cho)\s+|:\s*)", "", text,
                  flags=re.IGNORECASE)
    return text


def _subject_recipients(text: str) -> tuple[list[str], int | None, int | None]:
    """Recipients written before the verb: 'Dịp này, 5 tập thể và 12 cá nhân' (intro phrases aside)."""
    text = re.sub(r"\s+(?:vinh\s+dự|đã|vừa|cũng|được|rất|tự\s+hào|vui\s+mừng)\s*$", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"\s+(?:vinh\s+dự|đã|vừa|cũng)\s*$", "", text, flags=re.IGNORECASE)
    text = _without_intro(text)
    having = re.search(r"\s(?:có|với)\s+(?=(?:\d|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\S*\s)", text, re.IGNORECASE)
    if having:                                      # 'Công an tỉnh có 2 tập thể được ...'
        text = text[having.end():]
    verb = re.search(r"\s(?:long\s+trọng|trang\s+trọng|tổ\s+chức|tiến\s+hành|vinh\s+dự|tự\s+hào|vui\s+mừng|chính\s+thức"
                     r"|tiếp\s+tục|luôn|đã|đang|sẽ|vừa|là)(?![\w])", text, re.IGNORECASE)
    if verb:                                        # 'Công an huyện X long trọng tổ chức lễ ... và đón nhận'
        text = text[:verb.start()]
    return _parse_recipients(text, subject=True)[0]


def _fill_recipients(award: _Found, parsed: tuple[list[str], int | None, int | None]) -> None:
    names, collectives, individuals = parsed
    award.recipients = names
    award.collectives = collectives
    award.individuals = individuals


def _parse_recipients(text: str, subject: bool = False) -> tuple[tuple[list[str], int | None, int | None], str]:
    """((names, collectives, individuals), the reason's text) of the words that name the recipients."""
    text = re.sub(r"\([^()]*\)", " ", text)
    reason = ""
    if not subject:
        cut = _REASON.search(" " + text)
        if cut:
            reason = text[max(0, cut.start() - 1):]
            text = text[:max(0, cut.start() - 1)]
    text = re.sub(r"^(?:các\s+)?(?:tập\s+thể\s+)(?=[A-ZĐ])", "", text.strip(" ,.;:"))
    members = re.search(r"\s(?:gồm(?:\s+có)?|là)\s*:?\s+", text)
    collectives = individuals = None
    if members:
        head, text = text[:members.start()], text[members.end():]
        collectives, individuals = _counts_in(head)
    names: list[str] = []
    for piece, separator in _pieces(text):
        count = _COUNT.match(piece)
        if count:
            n = _number(count["n"])
            if count["what"].casefold() in _COLLECTIVE_WORDS:
                collectives = (collectives or 0) + n if collectives is None or not members else collectives
            else:
                individuals = (individuals or 0) + n if individuals is None or not members else individuals
            continue
        _add_recipient(names, piece, separator)
    names = [n for n in (_clean_name(n) for n in names) if n]
    return (list(dict.fromkeys(names)), collectives, individuals), reason


def _counts_in(text: str) -> tuple[int | None, int | None]:
    collectives = individuals = None
    for piece, _ in _pieces(text):
        count = _COUNT.match(piece)
        if count:
            if count["what"].casefold() in _COLLECTIVE_WORDS:
                collectives = _number(count["n"])
            else:
                individuals = _number(count["n"])
    return collectives, individuals


def _number(text: str) -> int:
    if text.casefold() in _NUMBER_WORDS:
        return _NUMBER_WORDS[text.casefold()]
    return int(re.sub(r"[.,]", "", text))


def _pieces(text: str) -> list[tuple[str, str]]:
    """(piece, the separator before it) at commas, semicolons, 'và' and 'cùng'; the phrases
    'cán bộ, chiến sĩ' and 'phòng, chống' are one piece."""
    protected = re.sub(r"(cán bộ|phòng|cứu nạn|phòng cháy),\s*(chiến sĩ|chống|cứu hộ|chữa cháy|đảng viên)",
                       lambda m: m.group(1) + "\0" + m.group(2), text, flags=re.IGNORECASE)
    parts = re.split(r"(\s*[,;]\s*|\s+(?:và|cùng với|cùng)\s+)", protected)
    pieces = []
    separator = ""
    for i, part in enumerate(parts):
        if i % 2:
            separator = part
        elif part.strip():
            pieces.append((part.replace("\0", ", ").strip(" .:"), separator))
    return pieces


def _add_recipient(names: list[str], piece: str, separator: str) -> None:
    """Add `piece` as a new recipient, or to the last one when it continues it."""
    piece = re.sub(r"^(?:các\s+)?(?:đồng\s+chí|em|cháu)\s+(?:là\s+)?", lambda m: m.group(0) if len(piece.split()) <= 2
                   else "", piece, flags=re.IGNORECASE).strip()
    if not piece:
        return
    if names and "," in separator and re.match(_ADMIN + r"\s+[A-ZĐ\u00C0-\u1EF8\d]", piece):
        return                                      # 'Công an xã Thường Phước 1, huyện Hồng Ngự': where it is
    if names and "," in separator and re.fullmatch(r"Bộ\s+[A-ZĐ][\w\s,-]*", piece) and not looks_like_person(names[-1]):
        return                                      # 'Viện Khoa học hình sự, Bộ Công an': whose it is
    if names and names[-1].startswith("\1"):        # after a person's office: more of it, until a person
        if not (_starts_recipient(piece, strict=True) or "và" in separator and starts_with(piece, UNIT_HEADS)):
            return
        names.pop()
    if names and looks_like_person(names[-1]) and starts_with(piece, _APPOSITION) and "," in separator:
        names.append("\1")                           # 'Nguyễn Văn Hải, Trưởng phòng ...': his office
        return
    distributed = _distribute(names[-1], piece) if names else None
    if distributed:
        names.append(distributed)
    elif names and not _starts_recipient(piece):
        names[-1] = f"{names[-1]}{separator if separator.strip() else ' '}{piece}".replace(" ,", ",")
    else:
        names.append(re.sub(r"^(?P<head>.*?)\s+các\s+(?P<admin>" + _ADMIN + r")\s+", r"\g<head> \g<admin> ", piece,
                            flags=re.IGNORECASE))


def _distribute(last: str, piece: str) -> str | None:
    """'Công an xã Mỹ Long, Mỹ Hiệp' -> 'Công an xã Mỹ Hiệp': a bare place after a unit named by place."""
    if not re.fullmatch(r"[A-ZĐ\u00C0-\u1EF8][\w'’]*(?:\s[A-ZĐ\u00C0-\u1EF8\d][\w'’]*){0,3}", piece) \
            or starts_with(piece, UNIT_HEADS) or looks_like_person(piece) or piece.split()[0].casefold() in SURNAMES:
        return None
    match = re.match(r"^(?P<prefix>.*?\s(?:các\s+)?" + _ADMIN + r")\s+[A-ZĐ\u00C0-\u1EF8\d]", last, re.IGNORECASE)
    if not match:
        return None
    return re.sub(r"\scác\s", " ", match["prefix"]) + " " + piece


def _starts_recipient(piece: str, strict: bool = False) -> bool:
    """Whether `piece` begins a new recipient: a unit, a rank or honorific, a person's name, a count."""
    if _COUNT.match(piece) or starts_with(piece, RANKS):
        return True
    if starts_with(piece, ("ông", "bà", "đồng chí", "anh", "chị", "em", "cháu", "liệt sĩ", "cố")):
        return True
    words = piece.split()
    if words and words[0].casefold() in SURNAMES and len(words) >= 2 and all(w[:1].isupper() for w in words[:3]):
        return True
    if strict:
        return False                                # only a person or a count: a unit may be his office's
    if starts_with(piece, UNIT_HEADS):
        return True
    capitals = [w for w in words[:3] if w[:1].isupper()]
    return len(words) >= 2 and len(capitals) >= 2 and vi.upper(words[0]) != words[0]


def _clean_name(name: str) -> str:
    """A recipient's name: ranks and honorifics aside, its first letter upper case; '' for what names
    nobody ('các tập thể', 'cá nhân có thành tích')."""
    if name.startswith("\1"):
        return ""
    name = " ".join(name.split()).strip(" ,.;:-–")
    before, rest = strip_person_words(name)
    if before and rest:
        name = rest
    name = re.sub(r"\s+(?:và|là|trong|của|cho|với)$", "", name)
    if not name or re.match(r"^(?:các|những|nhiều|mọi|toàn thể)\b", name, re.IGNORECASE):
        return ""
    if not name[:1].isupper() and not starts_with(name, UNIT_HEADS):
        return ""
    if starts_with(name, ("tập thể", "cá nhân", "đơn vị")) and len(name.split()) <= 3:
        return ""
    return normal(name[:1].upper() + name[1:])


# --- duplicates --------------------------------------------------------------------------------

def _merge(found: list[_Found]) -> list[_Found]:
    """One proposal per award: the same type (its class, its 'của') for the same recipients, or with
    none named on one side, with givers that do not differ, is one award mentioned twice."""
    merged: list[_Found] = []
    for award in found:
        for i, kept in enumerate(merged):
            if _same_award(kept, award):
                merged[i] = _combine(kept, award)
                break
        else:
            merged.append(award)
    return merged


def _base(award_type: str) -> str:
    return type_key(award_type).split(" của ", 1)[0]


def _same_award(a: _Found, b: _Found) -> bool:
    if _base(a.type) != _base(b.type):
        return False
    names_a = {n.casefold() for n in a.recipients}
    names_b = {n.casefold() for n in b.recipients}
    if names_a and names_b and not any(x.startswith(y) or y.startswith(x) for x in names_a for y in names_b):
        return False
    if not names_a and not names_b and (a.collectives, a.individuals) != (b.collectives, b.individuals):
        return False
    if bool(names_a) != bool(names_b) and (a.collectives or a.individuals or b.collectives or b.individuals):
        return False
    ga, gb = type_key("x", a.giver), type_key("x", b.giver)
    return a.giver == "?" or b.giver == "?" or ga.endswith(gb[len("x của "):]) or gb.endswith(ga[len("x của "):]) \
        or min(a.strength, b.strength) <= 2


def _combine(a: _Found, b: _Found) -> _Found:
    stronger = a if a.strength >= b.strength else b
    weaker = b if stronger is a else a
    if type_key("x", weaker.giver).startswith(type_key("x", stronger.giver)):
        stronger = replace(stronger, giver=weaker.giver)   # 'Bộ trưởng' and 'Bộ trưởng Bộ Công an'

    names = list(dict.fromkeys(a.recipients + b.recipients))
    recipients = [n for n in names if not any(o != n and o.casefold().startswith(n.casefold() + " ") for o in names)]
    return replace(a, giver=stronger.giver, strength=stronger.strength, recipients=recipients,
                   collectives=a.collectives if a.collectives is not None else b.collectives,
                   individuals=a.individuals if a.individuals is not None else b.individuals,
                   reason=a.reason or b.reason)

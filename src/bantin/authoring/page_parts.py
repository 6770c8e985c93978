"""What an old article is made of, whether it was saved as HTML or copied as text: the record
(`Extracted`), and the parts both readers find the same way in the article's blocks (paragraphs as
Markdown): boilerplate, the dateline opening the lead, bylines under the title or at the end, photo
captions, lists of other articles.

The rule for the body: nothing leaves it silently. Boilerplate ("Chia sẻ", "In bài viết", a list
after "Tin liên quan") goes; a dateline becomes `source:`, a byline `author:`, a caption an entry of
`images:` (the importer warns about each of those, quoting it). Every other block stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.frontmatter import AwardRef
from .bylines import dateline_alone, parse_byline, split_dateline
from .dates import find_date

CAPTION_MAX = 200           # characters: a longer block without a full stop is a paragraph, not a caption
CAPTION_WORDS = 8           # a shorter block is a caption only when it opens like one (see CAPTION_OPENERS)
BYLINE_TOP_MAX = 60         # characters of a byline under the title without a label
MIN_ARTICLE_TEXT = 120

BOILERPLATE = ("trở về trang trước", "quay lại", "gửi bình luận", "bình luận của bạn", "ý kiến bạn đọc",
               "in bài viết", "chia sẻ", "lượt xem", "số lượt xem", "bản in", "gửi email", "gửi cho bạn bè",
               "các tin khác", "tin liên quan", "tin cùng chuyên mục", "bài viết liên quan", "xem thêm",
               "đầu trang", "về đầu trang", "lên đầu trang", "tags:", "từ khóa:", "facebook", "zalo", "twitter",
               "cỡ chữ", "in trang", "lưu bài", "bản để in", "trang chủ >", "trang chủ »", "trang chủ /",
               "đánh giá bài viết", "nghe đọc bài")
RELATED = ("tin liên quan", "các tin khác", "tin cùng chuyên mục", "bài viết liên quan", "tin đã đưa",
           "các tin đã đưa", "tin khác", "bài liên quan", "xem thêm", "tin mới hơn", "tin cũ hơn", "tin bài khác",
           "cùng chuyên mục", "đọc thêm", "có thể bạn quan tâm", "tin tiêu điểm", "tin mới nhất", "tin nổi bật",
           "đọc nhiều nhất")
CAPTION_OPENERS = ("ảnh", "đồng chí", "lãnh đạo", "các đại biểu", "đại biểu", "toàn cảnh", "quang cảnh", "lực lượng",
                   "cán bộ", "chiến sĩ", "ban tổ chức", "đoàn công tác", "ông ", "bà ", "hiện trường", "đối tượng",
                   "tang vật", "các đối tượng", "số tang vật", "trao", "tặng", "lễ ", "buổi", "người dân", "học sinh",
                   "phương tiện", "đại tá", "thượng tá", "trung tá", "thiếu tá", "thiếu tướng", "trung tướng",
                   "đại úy", "thượng úy", "trung úy", "công an", "cảnh sát", "tổ công tác", "clip", "video",
                   "hình ảnh", "khung cảnh", "một góc", "xe ", "các lực lượng", "tổ tuần tra", "giám đốc", "phó giám đốc")
_END = (".", "!", "?", ":", ";", "…", '"', "”", ")")


@dataclass(frozen=True, slots=True)
class Photo:
    src: str            # as found in the page: absolute URL, or relative to it; '' for a caption from text
    caption: str
    alt: str


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an old page says about its article; `not_article` names why it is not one."""

    title: str = ""
    date_text: str | None = None        # in a form vi.parse_datetime reads ('27/09/2024 11:41:48', ISO)
    source: str | None = None           # the dateline ('ĐTO')
    authors: tuple[str, ...] = ()       # the byline's names ('Q.H', 'T.L')
    categories: tuple[str, ...] = ()    # breadcrumb, outermost first
    tags: tuple[str, ...] = ()
    body: str = ""                      # Markdown without the photos
    photos: tuple[Photo, ...] = ()
    awards: tuple[AwardRef, ...] = ()   # proposals
    canonical: str | None = None        # the page's own address, when it names one
    not_article: str | None = None      # 'login' | 'list' | 'empty' | 'no_title'

    @property
    def author(self) -> str | None:
        """The byline as one line ('Q.H, T.L'), or None."""
        return ", ".join(self.authors) or None


def plain(markdown: str) -> str:
    """The text of a Markdown block, without its marks."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`#>|]+", "", text).replace("\\", "")
    return " ".join(text.split())


def is_boilerplate(block: str) -> bool:
    text = plain(block).casefold().lstrip("<«‹ ").strip()
    return bool(text) and len(text) <= 60 and any(text.startswith(word) or text == word for word in BOILERPLATE) \
        or re.fullmatch(r"[<>«»|/\s\-–*_•·]*", text or "x") is not None


def is_related_heading(block: str) -> bool:
    """'Tin liên quan', 'Các tin khác:': what follows is a list of other articles."""
    text = plain(block).casefold().strip(" :.-–>»")
    return len(text) <= 40 and any(text == word or text.startswith(word + " ") for word in RELATED)


def is_date_line(block: str) -> bool:
    return find_date([plain(block)], 0, 1) is not None


def without_related(blocks: list[str]) -> list[str]:
    """The blocks before a list of other articles ('Tin liên quan' and what follows it), when such a
    heading comes after the article's text; boilerplate lines at the end go too."""
    for i, block in enumerate(blocks):
        if i >= 1 and is_related_heading(block):
            blocks = blocks[:i]
            break
    while blocks and is_boilerplate(blocks[-1]):
        blocks = blocks[:-1]
    return blocks


def take_dateline(blocks: list[str]) -> tuple[str | None, list[str]]:
    """The dateline of the lead: 'ĐTO - ' opening the first block, or 'NDO -' alone on a line before it."""
    if not blocks:
        return None, blocks
    alone = dateline_alone(plain(blocks[0]))
    if alone and len(blocks) > 1:
        rest = blocks[1]
        return alone, [rest[:1].upper() + rest[1:]] + blocks[2:]
    source, lead = split_dateline(blocks[0])
    if source is None or not plain(lead):
        return None, blocks
    return source, [lead] + blocks[1:]


def lead_index(blocks: list[str]) -> int:
    """The first block that reads as a paragraph (long, or a sentence)."""
    for i, block in enumerate(blocks):
        text = plain(block)
        if len(text.split()) >= 12 or (len(text.split()) >= 4 and text.endswith((".", "!", "?"))):
            return i
    return len(blocks)


def take_top_byline(blocks: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """A byline under the title: a line of names before the lead ('Tin, ảnh: P.V', 'NGỌC HÂN')."""
    start = lead_index(blocks)
    for i, block in enumerate(blocks[:start]):
        names = parse_byline(block, labelled_only=len(plain(block)) > BYLINE_TOP_MAX)
        if names:
            return names, blocks[:i] + blocks[i + 1:]
    return (), blocks


def take_end_byline(blocks: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """A byline at the end of the text. Of a byline and a photo credit or a 'Nguồn:' line under it,
    the names closest to the text win."""
    tail: list[tuple[str, ...]] = []                 # the last line first
    while len(blocks) > 1 and len(tail) < 2:
        names = parse_byline(blocks[-1])
        if names is None:
            break
        tail.append(names)
        blocks = blocks[:-1]
    if not tail:
        return (), blocks
    named = [t for t in tail if not _is_source_line(t)]
    return (named[-1] if named else tail[-1]), blocks


def _is_source_line(names: tuple[str, ...]) -> bool:
    return len(names) == 1 and names[0].casefold().startswith(("báo ", "cổng ", "trang ", "đài ", "tạp chí "))


def is_caption(block: str, first: bool = False) -> bool:
    """A photo's caption among paragraphs of copied text: 'Ảnh: ...' or '(Ảnh: X)' anywhere, or a
    short block without a closing full stop that opens like a caption ('Đồng chí ... phát biểu',
    'Toàn cảnh hội nghị'); a block of CAPTION_WORDS words or more without one is a caption too,
    unless it is longer than CAPTION_MAX (that is a paragraph whose full stop was lost)."""
    text = plain(block)
    if first or not text or "\t" in block or "|" in block:
        return False
    if re.search(r"(?:^|[(\-–]\s*)ảnh\s*(?:minh họa|minh hoạ|:)", text, re.IGNORECASE) and len(text) <= CAPTION_MAX + 100:
        return True
    if len(text) > CAPTION_MAX or text.endswith(_END):
        return False
    words = text.split()
    if len(words) >= CAPTION_WORDS:
        return True
    return text.casefold().startswith(CAPTION_OPENERS) and len(words) >= 3

"""An article's text -> its validated front matter and body, or precise problems with file lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from . import vi
from .errors import Problem, did_you_mean, error
from .messages import Msg
from .yamldoc import FieldReader, kind_of, parse_yaml

MAX_FRONT_MATTER = 64 * 1024
KEYS = ("title", "date", "updated", "author", "source", "category", "tags", "summary", "slug",
        "draft", "images", "awards", "extra")
IMAGE_KEYS = ("src", "caption", "alt", "focus")
AWARD_KEYS = ("type", "giver", "recipient", "collectives", "individuals", "reason")
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ImageRef:
    src: str
    caption: str
    alt: str
    line: int | None
    focus: tuple[float, float] | None = None   # where the social crop centres, as fractions of the photo


@dataclass(frozen=True, slots=True)
class AwardRef:
    types: tuple[str, ...]
    givers: tuple[str, ...]
    recipient: str | None
    collectives: int | None
    individuals: int | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str
    date: datetime
    updated: datetime | None
    authors: tuple[str, ...]
    source: str | None
    category: str | None
    tags: tuple[str, ...]
    summary: str | None
    slug: str | None
    draft: bool
    images: tuple[ImageRef, ...]
    awards: tuple[AwardRef, ...]
    extra: Mapping[str, Any]
    lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SplitText:
    front: str
    body: str
    front_line: int      # file line of the first front matter line
    body_line: int       # file line of the first body line


def split_front_matter(text: str, path: str) -> tuple[SplitText | None, list[Problem]]:
    """Separate the YAML between the opening and closing '---' lines from the body."""
    if not text.strip():
        return None, [error(path, 1, "file.empty")]
    if not _FENCE.match(text):
        return None, [error(path, 1, "fm.missing")]
    first_newline = text.find("\n")
    if first_newline < 0:
        return None, [error(path, 1, "fm.unclosed", open=1)]
    closing = _FENCE.search(text, first_newline + 1)
    if closing is None:
        return None, [error(path, 1, "fm.unclosed", open=1)]
    front = text[first_newline + 1:closing.start()]
    size = len(front.encode("utf-8"))
    if size > MAX_FRONT_MATTER:
        return None, [error(path, 1, "fm.too_large", size=size, limit=MAX_FRONT_MATTER)]
    body_start = text.find("\n", closing.end())
    body = "" if body_start < 0 else text[body_start + 1:]
    body_line = text.count("\n", 0, body_start + 1) + 1 if body_start >= 0 else text.count("\n") + 1
    return SplitText(front, body, 2, body_line), []


def parse_front_matter(split: SplitText, path: str, tz: ZoneInfo, sections: tuple[str, ...],
                       default_authors: tuple[str, ...]) -> tuple[FrontMatter | None, list[Problem]]:
    """Validate the front matter: types after loading, required keys, dates, did-you-mean hints."""
    doc, problems = parse_yaml(split.front, path, split.front_line)
    if doc is None:
        return None, problems
    if doc.value is None:
        doc = type(doc)({}, doc.lines, doc.raw)
    if not isinstance(doc.value, dict):
        return None, [error(path, split.front_line, "yaml.not_mapping", what=Msg.of("what.front_matter"),
                            found=kind_of(doc.value))]
    r = FieldReader(doc, path, problems)
    r.reject_unknown(KEYS)

    title = r.string("title", required=True)
    date = _read_date(r, "date", tz, required=True)
    updated = _read_date(r, "updated", tz)
    before = len(problems)
    authors = r.strings("author")
    if not authors and not default_authors and len(problems) == before:  # absent or empty, not mistyped
        r.fail("author" if "author" in r.data else None, "article.author_missing")
    category = r.string("category")
    if category is not None and sections and vi.nfc(category).casefold() not in {
            s.casefold() for s in sections}:
        r.fail("category", "article.category_unknown", value=category, hint=did_you_mean(category, sections))
    images = tuple(_read_image(item) for item in r.items("images"))
    awards = tuple(_read_award(item) for item in r.items("awards"))
    front = FrontMatter(
        title=title or "",
        date=date,  # type: ignore[arg-type]
        updated=updated,
        authors=authors or default_authors,
        source=r.string("source", allow_empty=True),
        category=category,
        tags=r.strings("tags"),
        summary=r.string("summary"),
        slug=r.string("slug"),
        draft=r.boolean("draft"),
        images=tuple(i for i in images if i is not None),
        awards=tuple(a for a in awards if a is not None),
        extra=r.mapping("extra"),
        lines={k: doc.lines[(k,)] for k in KEYS if (k,) in doc.lines},
    )
    if any(p.is_error for p in problems):
        return None, problems
    return front, problems


def _read_date(r: FieldReader, key: str, tz: ZoneInfo, required: bool = False) -> datetime | None:
    if key not in r.data or r.data[key] is None:
        if required:
            r.fail(None, "key.required", key=key)
        return None
    value = r.data[key]
    if not isinstance(value, str):
        raw = r.doc.raw.get((key,))
        value = raw if raw is not None and not isinstance(value, (list, dict)) else None
        if value is None:
            r._wrong(key, "kind.date", r.data[key])
            return None
    try:
        return vi.parse_datetime(value, tz)
    except vi.DateFormatError as exc:
        r.fail(key, "date.impossible" if exc.reason == "impossible" else "date.format", text=value)
        return None


def _read_image(r: FieldReader) -> ImageRef | None:
    r.reject_unknown(IMAGE_KEYS)
    src = r.string("src", required=True)
    caption = r.string("caption", default="", allow_empty=True) or ""
    alt = r.string("alt", default="", allow_empty=True) or ""
    if src is None:
        return None
    focus = r.data.get("focus")
    if focus is not None:
        if isinstance(focus, list) and len(focus) == 2 and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1 for v in focus):
            focus = (float(focus[0]), float(focus[1]))
        else:
            r.fail("focus", "image.focus", key=r.name("focus"), value=str(focus))
            focus = None
    return ImageRef(src=src, caption=caption, alt=alt, line=r.line("src"), focus=focus)


def _read_award(r: FieldReader) -> AwardRef | None:
    r.reject_unknown(AWARD_KEYS)
    types = r.strings("type")
    givers = r.strings("giver")
    for key, value in (("type", types), ("giver", givers)):
        if not value and key not in r.data:
            r.fail(None, "key.required", key=r.name(key))
    award = AwardRef(types=types, givers=givers, recipient=r.string("recipient"),
                     collectives=r.integer("collectives", minimum=0),
                     individuals=r.integer("individuals", minimum=0), reason=r.string("reason"))
    return award if types and givers else None

"""An article's front matter, read and written: text -> validated `FrontMatter`, and back.

`FrontMatter` is the one declaration of the fields: `KEYS` is derived from it, `parse_front_matter`
reads it, `dump_front_matter` writes it (the only writer of front matter: `bantin new` and
`bantin import` both go through it). The invariant, tested as a property: for any valid value,
`parse_front_matter(split_front_matter(dump_front_matter(x))) == x`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Mapping
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from zoneinfo import ZoneInfo

from ..core import vi
from ..core.errors import Problem, did_you_mean, error, warning
from ..core.messages import Msg
from ..core.yamldoc import FieldReader, kind_of, parse_yaml
from .embeds import AddressError, PlatformVideo, is_address, parse_video_address
from .fieldlines import read_as_typed
from .paste import invisible_lines, remove_invisible

MAX_FRONT_MATTER = 64 * 1024
IMAGE_KEYS = ("src", "caption", "alt", "focus")
AWARD_KEYS = ("type", "giver", "recipient", "recipients", "collectives", "individuals", "reason")
ATTACHMENT_KEYS = ("src", "title")                          # documents and video (issue 28)
VIDEO_KEYS = ("src", "caption", "poster", "captions")
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ImageRef:
    src: str
    caption: str = ""
    alt: str = ""
    line: int | None = field(default=None, compare=False)   # where it is declared, for messages
    focus: tuple[float, float] | None = None   # where the social crop centres, as fractions of the photo


@dataclass(frozen=True, slots=True)
class AwardRef:
    types: tuple[str, ...]
    givers: tuple[str, ...]
    recipients: tuple[str, ...]
    collectives: int | None
    individuals: int | None
    reason: str | None


# -- documents and video (issue 28) ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AttachmentRef:
    """A document of `attachments:`: a file of the article's folder and the title readers see."""

    src: str
    title: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class VideoRef:
    """A video of `videos:`: a file of the article's folder, or a YouTube or Facebook address
    (`platform` then says which video it names)."""

    src: str
    caption: str = ""
    poster: str | None = None           # a photo of the folder; by default a frame of the file
    captions: str | None = None         # a WebVTT file of Vietnamese subtitles
    platform: PlatformVideo | None = field(default=None, compare=False)   # derived from `src`
    line: int | None = field(default=None, compare=False)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)  # key -> line, for messages


def _key(name: str) -> Any:
    """Metadata of a field whose YAML key differs from its name."""
    return {"key": name}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the author wrote, one field per YAML key, in the order `dump_front_matter` writes them."""

    title: str
    date: datetime
    updated: datetime | None = None
    authors: tuple[str, ...] = field(default=(), metadata=_key("author"))
    source: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    slug: str | None = None
    draft: bool = False
    aliases: tuple[str, ...] = ()        # old addresses of the article ('/tin-tuc/chi-tiet/12345.aspx')
    source_url: str | None = None        # the page it was imported from (bantin import skips it next time)
    images: tuple[ImageRef, ...] = ()
    awards: tuple[AwardRef, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    # documents and video (issue 28)
    attachments: tuple[AttachmentRef, ...] = ()
    videos: tuple[VideoRef, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, metadata=_key(""))


FIELD_KEYS = {f.name: f.metadata.get("key", f.name) for f in fields(FrontMatter) if f.name != "lines"}
KEYS = tuple(FIELD_KEYS.values())


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
    """Validate the front matter: types after loading, required keys, dates, did-you-mean hints. The
    one-line fields are read as typed (`fieldlines.py`); invisible characters go, with a warning."""
    found = [warning(path, split.front_line + offset, "warn.invisible") for offset in invisible_lines(split.front)]
    doc, problems = parse_yaml(read_as_typed(remove_invisible(split.front)), path, split.front_line)
    problems = found + problems
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
        r.fail("category", "article.category_unknown", value=category,
               hint=did_you_mean(category, sections, key=_section_key))
    aliases = _read_aliases(r)
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
        aliases=aliases,
        source_url=_read_source_url(r),
        images=tuple(i for i in images if i is not None),
        awards=tuple(a for a in awards if a is not None),
        extra=r.mapping("extra"),
        attachments=tuple(a for a in (_read_attachment(item) for item in r.items("attachments")) if a),
        videos=tuple(v for v in (_read_video(item) for item in r.items("videos")) if v),
        lines={k: doc.lines[(k,)] for k in KEYS if (k,) in doc.lines},
    )
    if any(p.is_error for p in problems):
        return None, problems
    return front, problems


def _section_key(name: str) -> str:
    """Section names and slugs compared as an editor types them: no diacritics, case or '-'."""
    return vi.fold(name.replace("-", " "))


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
            r.wrong_type(key, "kind.date", r.data[key])
            return None
    try:
        return vi.parse_datetime(value, tz)
    except vi.DateFormatError as exc:
        if exc.reason == "range":
            r.fail(key, "date.range", text=value, first=vi.MIN_YEAR, last=vi.MAX_YEAR)
        else:
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
    recipient = r.string("recipient")
    recipients = r.strings("recipients")
    if "recipient" in r.data and "recipients" in r.data:
        r.fail("recipients", "award.recipient_twice", key=r.name("recipients"), single=r.name("recipient"))
    award = AwardRef(types=types, givers=givers, recipients=(recipient,) if recipient else recipients,
                     collectives=r.integer("collectives", minimum=0),
                     individuals=r.integer("individuals", minimum=0), reason=r.string("reason"))
    return award if types and givers else None


def _read_attachment(r: FieldReader) -> AttachmentRef | None:
    r.reject_unknown(ATTACHMENT_KEYS)
    src = r.string("src", required=True)
    title = r.string("title", required=True)
    if src is not None and is_address(src):
        r.fail("src", "attachment.address", key=r.name("src"), value=src)
        return None
    return AttachmentRef(src, title, r.line("src")) if src and title else None


def _read_video(r: FieldReader) -> VideoRef | None:
    r.reject_unknown(VIDEO_KEYS)
    src = r.string("src", required=True)
    caption = r.string("caption", default="", allow_empty=True) or ""
    poster, captions = r.string("poster"), r.string("captions")
    if src is None:
        return None
    lines = {key: r.line(key) for key in VIDEO_KEYS if r.line(key) is not None}
    platform = None
    if is_address(src):
        try:
            platform = parse_video_address(src)
        except AddressError as exc:
            r.fail("src", "video.address", key=r.name("src"), value=src, reason=Msg.of(exc.reason))
            return None
        if captions is not None:
            r.fail("captions", "video.captions_platform", key=r.name("captions"))
            return None
    return VideoRef(src, caption, poster, captions, platform, r.line("src"), lines)


_URL_SCHEMES = ("http", "https")


def _read_aliases(r: FieldReader) -> tuple[str, ...]:
    """Old addresses of the article: site paths or http(s) URLs, kept without their '#fragment'."""
    found = []
    for i, value in enumerate(r.strings("aliases")):
        alias, reason = normalise_alias(value)
        if alias is None:
            r.problems.append(error(r.file, r.doc.line(r.path + ("aliases", i)) or r.line("aliases"),
                                    "alias.invalid", value=value, reason=Msg.of(reason)))
        elif alias not in found:
            found.append(alias)
    return tuple(found)


def normalise_alias(value: str) -> tuple[str | None, str]:
    """(`/path?query` or `https://host/path?query`, '') for an acceptable old address, else
    (None, the catalog key of the reason)."""
    value = value.strip()
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in value):
        return None, "alias.reason.control"
    if any(c.isspace() for c in value) or "\\" in value:
        return None, "alias.reason.space"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() not in _URL_SCHEMES or not parts.netloc:
            return None, "alias.reason.form"
        prefix = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
    elif not value.startswith("/") or value.startswith("//"):
        return None, "alias.reason.form"
    else:
        prefix = ""
    path = parts.path or "/"
    decoded = unquote(path, errors="strict") if _valid_escapes(path) else None
    if decoded is None:
        return None, "alias.reason.escape"
    if "\0" in decoded or "\\" in decoded or decoded.count("/") != path.count("/"):
        return None, "alias.reason.escape"
    if any(seg in (".", "..") for seg in decoded.split("/")):
        return None, "alias.reason.dots"
    return prefix + path + (f"?{parts.query}" if parts.query else ""), ""


def _valid_escapes(path: str) -> bool:
    if re.search(r"%(?![0-9A-Fa-f]{2})", path):
        return False
    try:
        unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _read_source_url(r: FieldReader) -> str | None:
    value = r.string("source_url")
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in _URL_SCHEMES or not parts.netloc or any(c.isspace() for c in value):
        r.fail("source_url", "source_url.invalid", value=value)
        return None
    return value


# ---------------------------------------------------------------------------------------------
# Writing: the one writer of front matter.

# written escaped: line breaks YAML would fold, and the invisible characters a file's text loses (paste.py)
_LINE_BREAKS = {"\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"}
_FLOW_SPECIALS = set(",[]{}")


def _printable(c: str) -> bool:
    """Can `c` stand as itself inside a YAML double-quoted scalar (PyYAML's printable set)?"""
    o = ord(c)
    return (c not in _LINE_BREAKS and (0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD
                                       or 0x10000 <= o <= 0x10FFFF))


def yaml_scalar(value: str, *, flow: bool = False) -> str:
    """`value` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted, with
    every character YAML cannot hold as itself (DEL, C1 controls, line separators) escaped."""
    value = vi.nfc(value)
    printable = all(_printable(c) for c in value)
    if printable and value == value.strip() and not (flow and _FLOW_SPECIALS & set(value)):
        text = f"v: [{value}]\n" if flow else f"v: {value}\n"
        doc, problems = parse_yaml(text, "-")
        if not problems and doc is not None and doc.value == {"v": [value] if flow else value}:
            return value
    quoted = json.dumps(value, ensure_ascii=False)
    if printable:
        return quoted
    return "".join(c if c in "\n\t" or _printable(c) else f"\\u{ord(c):04x}" if ord(c) < 0x10000
                   else f"\\U{ord(c):08x}" for c in quoted)


def _date_text(value: datetime, tz: ZoneInfo | None) -> str:
    value = value.replace(microsecond=0)
    if value.tzinfo is None:
        return vi.format_datetime(value)
    if tz is not None:
        return vi.format_datetime(value.astimezone(tz))
    return value.isoformat()


def _float_text(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, _, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + (f"e{exponent}" if exponent else "")


def _flow(value: Any) -> str:
    """Any YAML-loaded value (the `extra:` mapping) in flow style."""
    if isinstance(value, str):
        return yaml_scalar(value, flow=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{yaml_scalar(str(k), flow=True)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _strings(values: Sequence[str], *, one_plain: bool) -> str:
    if one_plain and len(values) == 1 and "," not in values[0]:   # 'author: A, B' reads as two names
        return yaml_scalar(values[0])
    return "[" + ", ".join(yaml_scalar(v, flow=True) for v in values) + "]"


def _image_lines(image: ImageRef) -> list[str]:
    lines = [f"  - src: {yaml_scalar(image.src)}"]
    lines += [f"    caption: {yaml_scalar(image.caption)}"] if image.caption else []
    lines += [f"    alt: {yaml_scalar(image.alt)}"] if image.alt else []
    lines += [f"    focus: [{image.focus[0]!r}, {image.focus[1]!r}]"] if image.focus else []
    return lines


def _award_lines(award: AwardRef) -> list[str]:
    lines = [f"  - type: {_strings(award.types, one_plain=True)}",
             f"    giver: {_strings(award.givers, one_plain=True)}"]
    if len(award.recipients) == 1:
        lines.append(f"    recipient: {yaml_scalar(award.recipients[0])}")
    elif award.recipients:
        lines.append(f"    recipients: {_strings(award.recipients, one_plain=False)}")
    lines += [f"    collectives: {award.collectives}"] if award.collectives is not None else []
    lines += [f"    individuals: {award.individuals}"] if award.individuals is not None else []
    lines += [f"    reason: {yaml_scalar(award.reason)}"] if award.reason else []
    return lines


def _attachment_lines(item: AttachmentRef) -> list[str]:
    return [f"  - src: {yaml_scalar(item.src)}", f"    title: {yaml_scalar(item.title)}"]


def _video_lines(item: VideoRef) -> list[str]:
    lines = [f"  - src: {yaml_scalar(item.src)}"]
    lines += [f"    caption: {yaml_scalar(item.caption)}"] if item.caption else []
    lines += [f"    poster: {yaml_scalar(item.poster)}"] if item.poster else []
    lines += [f"    captions: {yaml_scalar(item.captions)}"] if item.captions else []
    return lines


def _field_lines(key: str, value: Any, tz: ZoneInfo | None) -> list[str]:
    if isinstance(value, datetime):
        return [f"{key}: {_date_text(value, tz)}"]
    if isinstance(value, bool):
        return [f"{key}: {'true' if value else 'false'}"]
    if isinstance(value, str):
        return [f"{key}: {yaml_scalar(value)}"]
    if key == "extra":
        return [f"{key}: {_flow(value)}"]
    items = tuple(value)
    if items and isinstance(items[0], ImageRef):
        return [f"{key}:"] + [line for image in items for line in _image_lines(image)]
    if items and isinstance(items[0], AwardRef):
        return [f"{key}:"] + [line for award in items for line in _award_lines(award)]
    if items and isinstance(items[0], AttachmentRef):
        return [f"{key}:"] + [line for item in items for line in _attachment_lines(item)]
    if items and isinstance(items[0], VideoRef):
        return [f"{key}:"] + [line for item in items for line in _video_lines(item)]
    if key == "aliases":
        return [f"{key}:"] + [f"  - {yaml_scalar(v)}" for v in items]
    return [f"{key}: {_strings(items, one_plain=key == 'author')}"]


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, (tuple, list, Mapping)) and not value)


def dump_front_matter(front: FrontMatter, *, tz: ZoneInfo | None = None,
                      notes: Mapping[str, str] | None = None,
                      placeholders: Mapping[str, Any] | None = None) -> str:
    """`front` as the text of a front matter block, '---' lines included, in field order.

    Dates are written in site time `tz` ('27/09/2024 11:41:48') when it is given, else in ISO 8601 with
    their offset. `notes` puts comment lines above a key; `placeholders` writes a value, commented
    out, for a key that `front` leaves empty (an example to fill in, or a proposal to confirm).
    """
    lines = ["---"]
    for f in fields(FrontMatter):
        if f.name == "lines":
            continue
        key = FIELD_KEYS[f.name]
        value = getattr(front, f.name)
        note = (notes or {}).get(key)
        if note:
            lines += [f"# {line}".rstrip() for line in note.split("\n")]
        if _present(value):
            lines += _field_lines(key, value, tz)
        elif placeholders and key in placeholders:
            lines += [f"# {line}" for line in _field_lines(key, placeholders[key], tz)]
    lines.append("---")
    return "\n".join(lines) + "\n"

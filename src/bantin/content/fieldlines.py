"""One-line fields read as an editor types them: `title:`, `summary:`, `source:`, `author:`, `tags:`.

A headline is text, but YAML reads many headlines as something else: `"Lá chắn thép" nơi biên giới`
is a quoted string followed by stray words (an error), `[Clip] ...` a list, `- ...` a list item,
`@ ...` a reserved character, `*Khẩn* ...` an alias, `Chuyên án #QT1225 ...` a string cut before a
comment, `a: b` a mapping, `2024` a number, `yes` true. `read_as_typed` rewrites such a line, before
YAML reads the front matter, as the double-quoted string of the text after the colon, on the same
line, so every line number stays right and the file itself is not touched. A value YAML reads back
exactly as written, or a quoted string that is the whole value, is left alone.

`author:` and `tags:` written with commas (`tags: Công an xã, Phong trào thi đua`) mean a list; a
YAML list (`[A, B]`, or items on the lines below) means what it says, and an unclosed `[A, B` is
read as the list it starts. A value that goes on over indented lines is YAML's to read.
"""

from __future__ import annotations

import json
import re

from ..core.yamldoc import parse_yaml

TEXT_KEYS = frozenset({"title", "summary", "source"})
LIST_KEYS = frozenset({"author", "tags"})
_LINE = re.compile(r"^(?P<key>title|summary|source|author|tags)[ \t]*:(?P<value>.*)$")
_SIMPLE_QUOTED = re.compile(r'"[^"\\]*"|\'[^\']*\'')
_SIMPLE_LIST = re.compile(r"\[(?:\s*[^\W_][^\[\]{}\"'#:&*!|>%@`,]*)(?:,\s*[^\W_][^\[\]{}\"'#:&*!|>%@`,]*)*\]")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})


def read_as_typed(front: str) -> str:
    """The front matter with each one-line field YAML would misread written as the text typed."""
    if not any(key in front for key in ("title", "summary", "source", "author", "tags")):
        return front
    lines = front.split("\n")
    for index, line in enumerate(lines):
        match = _LINE.match(line)
        if match is None:
            continue
        value = match["value"].strip(" \t")
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not value or following[:1] in (" ", "\t") and following.strip():
            continue                    # a block (a list below, '|'), or a value over several lines
        typed = _as_typed(match["key"], value)
        if typed is None and not match["value"][:1].isspace():
            typed = value               # 'title:Abc': YAML wants a space after the colon
        if typed is not None:
            lines[index] = f"{match['key']}: {typed}"
    return "\n".join(lines)


def _as_typed(key: str, value: str) -> str | None:
    """The YAML for `value` as typed, or None when YAML already reads it so (or is to report it)."""
    listed = key in LIST_KEYS and "," in value
    if _plain_enough(value) and not listed or _SIMPLE_QUOTED.fullmatch(value) \
            or key in LIST_KEYS and _SIMPLE_LIST.fullmatch(value):
        return None                     # what YAML surely reads as typed, without asking it
    ok, loaded = _load(value)
    if key in TEXT_KEYS:
        if ok and isinstance(loaded, str) and loaded == value or ok is not False and _quoted_whole(value):
            return None                 # as typed, or one quoted string (its problems are YAML's to say)
        return _quoted(value)
    if ok is None or ok and (not isinstance(loaded, str) or _quoted_whole(value) or loaded == value and not listed):
        return None                     # a YAML list, one quoted name, or a wrong type YAML reports
    inner = value[1:-1] if value.startswith("[") and value.endswith("]") else value.lstrip("[")
    items = [" ".join(item.split()) for item in inner.split(",")]
    if len(items) == 1 and not value.startswith("["):
        return _quoted(value)
    return "[" + ", ".join(_quoted(item) for item in items if item) + "]"


def _plain_enough(value: str) -> bool:
    """A value YAML surely reads as the same text: it starts with a letter and holds nothing YAML
    treats specially (most headlines; the YAML parser is not needed for them)."""
    return (value[0].isalpha() and value.casefold() not in _YAML_WORDS and ": " not in value
            and " #" not in value and "\t#" not in value and not value.endswith(":"))


def _load(value: str) -> tuple[bool | None, object]:
    """(True, the value) as YAML reads `value`; (False, None) when it cannot; (None, None) when it can
    but refuses what it read (a control character, a tag)."""
    doc, problems = parse_yaml(f"v: {value}\n", "-")
    if problems:
        return (False if problems[0].msg.key.startswith("yaml.") else None), None
    if doc is None or not isinstance(doc.value, dict) or set(doc.value) != {"v"}:
        return False, None
    return True, doc.value["v"]


def _quoted_whole(value: str) -> bool:
    return len(value) > 1 and value[0] in "\"'" and value[-1] == value[0]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)

"""PyYAML's complaints -> what an editor can do about them, in the catalog's words, at the right line.

PyYAML says "did not find expected key" or "mapping values are not allowed here", often one line
after the mistake. `explain_yaml_error` reads the lines around PyYAML's marks and names the mistake
an editor makes, with advice that works when followed literally: the corrected line itself (a value
put in double quotes, properly escaped; a missing quote or bracket closed; a space after ':'), or the
exact number of spaces a key needs to line up with its siblings. PyYAML's own words are never shown.
Pure text work: the YAML library stays in `yamldoc.py`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_KEY_LINE = re.compile(r"^(?P<prefix>[ \t]*(?:-[ \t]+)?)(?P<key>[^\s:#\"'\[\]{},&*!|>%@`-][^:#]*?):(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_NO_SPACE = re.compile(r"^(?P<prefix>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/].*?)[ \t]*$")


@dataclass(frozen=True, slots=True)
class Explained:
    line: int                                   # of the text, 0 = its first line
    key: str                                    # catalog key of the message
    params: dict[str, Any] = field(default_factory=dict)


Mark = tuple[int, int] | None                   # (line, column), both from 0


def explain_yaml_error(text: str, problem: str, context: str | None, problem_mark: Mark,
                       context_mark: Mark) -> Explained:
    """The mistake behind PyYAML's `problem` (and `context`) with their marks, as a catalog message."""
    lines = text.split("\n")
    at = (problem_mark or context_mark or (0, 0))
    line = _said(lines, at[0])
    context = context or ""
    if "could not find expected ':'" in problem and context_mark:
        return _no_colon(lines, _said(lines, context_mark[0]))
    if context.startswith("while scanning a quoted scalar") and context_mark:
        return _unclosed_quote(lines, _said(lines, context_mark[0]))
    if context.startswith(("while parsing a flow", "while scanning a flow")) and context_mark:
        return _unclosed_bracket(lines, _said(lines, context_mark[0]))
    if "tab" in problem or lines[line][:at[1] + 1].endswith("\t") or "\t" in _indent(lines[line]):
        fixed = _indent_advice(lines, line, "yaml.tab")
        if fixed:
            return fixed
    previous = _previous(lines, line)
    if previous is not None and _NO_SPACE.match(lines[previous]) and not _KEY_LINE.match(lines[previous]):
        return _no_space(lines, previous)
    if _NO_SPACE.match(lines[line]) and not _KEY_LINE.match(lines[line]):
        return _no_space(lines, line)
    if "mapping values are not allowed" in problem and _own_colon(lines[line], at[1]):
        return _indent_advice(lines, line, "yaml.indent") or _quote_advice(lines, line, at[1])
    if "expected key" in problem or "expected <block end>" in problem or "expected '-' indicator" in problem:
        wrong_indent = _indent_advice(lines, line, "yaml.indent")
        if wrong_indent and wrong_indent.params["found"] != wrong_indent.params["expected"]:
            return wrong_indent
    return _quote_advice(lines, line, at[1])


def _said(lines: list[str], index: int) -> int:
    """`index`, or at the end of the text the last line that says something (PyYAML marks the end)."""
    index = min(index, len(lines) - 1)
    while index > 0 and not lines[index].strip():
        index -= 1
    return index


def _indent(line: str) -> str:
    return line[:len(line) - len(line.lstrip(" \t"))]


def _previous(lines: list[str], index: int) -> int | None:
    """The line before `index` that holds something besides a comment."""
    for before in range(index - 1, -1, -1):
        if lines[before].strip() and not lines[before].lstrip().startswith("#"):
            return before
    return None


def _own_colon(line: str, column: int) -> bool:
    """Is the ':' PyYAML points at the one right after this line's first key?"""
    match = _KEY_LINE.match(line)
    return match is not None and match.end("key") == column


def _expected_indent(lines: list[str], index: int) -> tuple[int, int] | None:
    """(the column the key on line `index` should start at, the line that says so), or None."""
    before = _previous(lines, index)
    if before is None:
        return (0, index) if _indent(lines[index]) else None
    above = lines[before]
    column = len(_indent(above).expandtabs(2))
    body = above.strip()
    item, is_item = lines[index].lstrip(" \t").startswith("- "), body.startswith("- ") or body == "-"
    if is_item:
        if item:
            return column, before
        return column + 2 + (2 if body.endswith(":") else 0), before
    if body.endswith(":"):
        return column + 2, before
    if item:                                        # a new item of the list above
        for up in range(before, -1, -1):
            if lines[up].lstrip(" \t").startswith("- ") and len(_indent(lines[up]).expandtabs(2)) < column:
                return len(_indent(lines[up]).expandtabs(2)), up
        return None
    return column, before


def _indent_advice(lines: list[str], index: int, key: str) -> Explained | None:
    found = _expected_indent(lines, index)
    match = _KEY_LINE.match(lines[index]) or _KEY_LINE.match(lines[index].replace("\t", " "))
    if found is None or match is None:
        return None
    expected, other = found
    other_match = _KEY_LINE.match(lines[other])
    return Explained(index, key, {
        "found": len(_indent(lines[index]).expandtabs(1)), "expected": expected, "other": other + 1,
        "name": f"{match['prefix'].strip()} {match['key'].strip()}".strip(),
        "other_name": other_match["key"].strip() if other_match else lines[other].strip().rstrip(":"),
        "fixed": " " * expected + lines[index].lstrip(" \t")})


def _quote_advice(lines: list[str], index: int, column: int) -> Explained:
    match = _KEY_LINE.match(lines[index])
    if match is None or not match["value"]:
        return Explained(index, "yaml.syntax", {"column": column + 1})
    fixed = f"{match['prefix']}{match['key']}: {json.dumps(match['value'], ensure_ascii=False)}"
    return Explained(index, "yaml.quote", {"name": match["key"].strip(), "fixed": fixed.strip()})


def _unclosed_quote(lines: list[str], index: int) -> Explained:
    match = _KEY_LINE.match(lines[index])
    if match is None or not match["value"]:
        return Explained(index, "yaml.syntax", {"column": 1})
    value = match["value"]
    inner = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
    fixed = f"{match['prefix']}{match['key']}: {json.dumps(inner, ensure_ascii=False)}"
    return Explained(index, "yaml.unclosed", {"char": value[0], "fixed": fixed.strip()})


def _unclosed_bracket(lines: list[str], index: int) -> Explained:
    match = _KEY_LINE.match(lines[index])
    value = match["value"] if match else None
    if match is None or not value or value[0] not in "[{" or value.endswith(("]", "}")):
        return _quote_advice(lines, index, 0)
    closing = "]" if value[0] == "[" else "}"
    items = [item.strip() for item in value[1:].split(",") if item.strip()]
    fixed = f"{match['prefix']}{match['key']}: {value[0]}{', '.join(_flow_item(i) for i in items)}{closing}"
    return Explained(index, "yaml.unclosed", {"char": value[0], "fixed": fixed.strip()})


def _flow_item(item: str) -> str:
    plain = re.fullmatch(r"[^\s\"'\[\]{},#&*!|>%@`:-][^\[\]{},#:]*", item)
    return item if plain else json.dumps(item, ensure_ascii=False)


def _no_colon(lines: list[str], index: int) -> Explained:
    if _NO_SPACE.match(lines[index]):
        return _no_space(lines, index)
    return Explained(index, "yaml.no_colon", {})


def _no_space(lines: list[str], index: int) -> Explained:
    match = _NO_SPACE.match(lines[index])
    assert match is not None
    fixed = f"{match['prefix']}{match['key']}: {match['value']}"
    return Explained(index, "yaml.no_space", {"fixed": fixed.strip()})

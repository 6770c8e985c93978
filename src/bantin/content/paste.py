"""Article bodies the way Word pastes them -> the Markdown their editor meant.

Word leaves no blank line between paragraphs, starts a paragraph with a tab (its first-line indent),
pastes a table as lines of tab-separated cells, and copied text carries invisible characters.
Python-Markdown would make one run-on paragraph, a monospace code block wider than a phone, and a
search index where "Đồng<U+200B>Tháp" is not "Đồng Tháp". `normalise_body` rewrites a body before
Markdown reads it, in one pass over its lines (linear in its size):

- **Invisible characters** (U+200B, U+200C, U+2060, U+FEFF, the soft hyphen U+00AD, and U+200D
  next to a letter; an emoji's U+200D joins two pictures and stays) are removed. `invisible_lines`
  names the lines that held some, for a warning.
- **Fenced code** (``` or ~~~) is left exactly as written; nothing else of a body is ever code.
- **Indentation** keeps its Markdown meaning inside a list or a footnote (an item and the lines
  under it until unindented text follows a blank line); anywhere else a line's leading tabs and
  spaces are dropped, so they never make a code block.
- **A line break between two sentences is a new paragraph**: a line that ends a sentence
  (`. ! ? … : ;`, then maybe closing quotes, brackets or `*`/`_`) followed by a line that starts one
  (a capital letter or a digit, maybe after opening quotes, brackets or `*`/`_`) get a blank line
  between them. A line ending in two spaces or `\\` (Markdown's line break) stays a line break.
  Text after a list item that starts with a capital or a digit leaves the list.
- **Blocks Python-Markdown only sees after a blank line** (a list item, a table row) get one
  when they follow text. Word's bullets (`•`, `◦`, `▪`, `●`, `■`, `·`, `–`, or `o` before a tab) become
  `- `, and a Word number before a tab (`1.\\t`, `1)\\t`) becomes `1. `.
- **Runs of two or more lines of tab-separated cells** become a Markdown table, the first line its
  header; a `|` inside a cell is escaped. A Word list item (a bullet or a number before a tab) is
  not a row.

Markdown written as Markdown (lists, quotes, tables, headings, code fences, footnotes, attribute
lists, hard-wrapped lines that do not end a sentence) means what it meant before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_INVISIBLE = re.compile("[\u200b\u200c\u2060\ufeff\u00ad]|(?<=\\w)\u200d|\u200d(?=\\w)")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_WORD_BULLET = re.compile("^[ \t]*(?:[\u2022\u25e6\u25aa\u25cf\u25a0\u00b7\u2013][ \t]+|o\t[ \t]*)")
_WORD_NUMBER = re.compile(r"^[ \t]*(\d{1,9})[.)]\t[ \t]*")
_FOOTNOTE = re.compile(r"^[ ]{0,3}\[\^[^\]]+\]:")
_SENTENCE_END = re.compile("[.!?…:;][\"'”’»)\\]*_]*$")
_OPENERS = "\"'“‘«([*_"
_MARKS = frozenset("-*+[0123456789o\u2022\u25e6\u25aa\u25cf\u25a0\u00b7\u2013")
_RULE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
_BLOCK_START = re.compile(r"^(?:#|>|\||<|\[|\{:|!\[|={3,}|-{3,}|\*{3,}|_{3,})")


@dataclass(slots=True)
class _Lines:
    """The body being rewritten: lines out, and what the last one was."""

    out: list[str]
    last: str = "blank"         # 'blank' | 'text' | 'item' | 'table' | 'other'
    in_list: bool = False       # inside a list or a footnote: indentation means nesting

    def blank(self) -> None:
        if self.last != "blank":
            self.out.append("")
            self.last = "blank"

    def add(self, line: str, kind: str) -> None:
        self.out.append(line)
        self.last = kind


def remove_invisible(text: str) -> str:
    """`text` without the invisible characters copied text carries (see the module's rules)."""
    return _INVISIBLE.sub("", text) if _has_invisible(text) else text


def invisible_lines(text: str) -> list[int]:
    """The lines (0 = the first) of `text` that hold an invisible character `remove_invisible` drops."""
    if not _has_invisible(text):
        return []
    lines: list[int] = []
    for match in _INVISIBLE.finditer(text):
        line = text.count("\n", 0, match.start())
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _has_invisible(text: str) -> bool:
    return not text.isascii() and any(char in text for char in _INVISIBLE_CHARS)


def normalise_body(body: str) -> str:
    """The body as its editor meant it when it was pasted from Word (see the module's rules)."""
    body = remove_invisible(body)
    lines = body.split("\n")
    state = _Lines([])
    index, fence = 0, ""
    while index < len(lines):
        line = lines[index]
        if fence:                                   # inside fenced code: as written
            state.add(line, "other")
            if line.strip().startswith(fence):
                fence = ""
            index += 1
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)[0] * 3
            state.add(line, "other")
            index += 1
            continue
        rows = _tab_rows(lines, index)
        if rows:
            _add_table(state, rows)
            index += len(rows)
            continue
        _add_line(state, line)
        index += 1
    return "\n".join(state.out)


def _add_line(state: _Lines, line: str) -> None:
    if not line.strip():
        state.blank()
        return
    text = line.lstrip(" \t")
    first = text[:1]
    if first in _MARKS:                         # a list item, a footnote, a Word bullet or number?
        line = _WORD_NUMBER.sub(lambda m: f"{m.group(1)}. ", _WORD_BULLET.sub("- ", line))
        text = line.lstrip(" \t")
    indented = len(text) != len(line)
    if first in _MARKS and (_ITEM.match(line) or _FOOTNOTE.match(line)) and not _RULE.match(line):
        if not indented and state.last in ("text", "table", "other") or indented and not state.in_list:
            state.blank()
        state.add(line.lstrip(" \t") if not state.in_list else line, "item")
        state.in_list = True
        return
    if state.in_list and indented:              # under a list item: nesting, continuation, code
        state.add(line, state.last if state.last != "blank" else "item")
        return
    starts = _starts_sentence(text)
    if state.in_list and (state.last == "blank" or starts):
        state.in_list = False                   # unindented text after a blank, or a new sentence
        state.blank()
    elif state.last == "text" and starts and _ends_sentence(state.out[-1]):
        state.blank()
    elif state.last == "table" and not text.startswith("|"):
        state.blank()
    kind = "table" if text.startswith("|") else "other" if _BLOCK_START.match(text) else "text"
    if kind == "table" and state.last == "text":
        state.blank()
    state.add(text, kind)


def _starts_sentence(text: str) -> bool:
    """Does `text` start a sentence: a capital letter or a digit, maybe after opening quotes,
    brackets or emphasis marks?"""
    first = text.lstrip(_OPENERS)[:1]
    return first.isupper() or first.isdigit()


def _ends_sentence(line: str) -> bool:
    """Does `line` end a sentence (and not with Markdown's line break: two spaces or a backslash)?"""
    return not line.endswith(("  ", "\\")) and _SENTENCE_END.search(line.rstrip()) is not None


def _tab_rows(lines: list[str], start: int) -> list[list[str]]:
    """The cells of the run of tab-separated lines at `start` (two lines or more), else []."""
    if "\t" not in lines[start].strip(" \t") or start + 1 == len(lines) or "\t" not in lines[start + 1]:
        return []
    rows = []
    for index in range(start, len(lines)):
        line = lines[index]
        cells = line.strip(" \t").split("\t")
        if len(cells) < 2 or _FENCE.match(line) or _WORD_NUMBER.match(line) or _WORD_BULLET.match(line):
            break                       # a Word list item ('1.<tab>Text') is not a row
        rows.append([" ".join(cell.split()) for cell in cells])
    return rows if len(rows) >= 2 else []


def _add_table(state: _Lines, rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    state.blank()
    for number, row in enumerate(rows):
        cells = [cell.replace("|", "\\|") for cell in row] + [""] * (width - len(row))
        state.add("| " + " | ".join(cells) + " |", "table")
        if number == 0:
            state.add("|" + " --- |" * width, "table")
    state.blank()
    state.in_list = False

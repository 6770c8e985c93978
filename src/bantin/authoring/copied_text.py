"""A page's text as copied from the browser (a `.txt` file) -> the parts of its article.

What a copy holds, in the order portals print it: a breadcrumb or the section's name, the title, a
date line (labelled or bare, above or below the title), maybe a byline, the dateline and the lead,
paragraphs with photo captions between them, the byline, then the page's furniture ("Chia sẻ",
"Tin liên quan" and a list of other titles). The title is the first line that is none of the
furniture, a date or a breadcrumb. Rows of a pasted table (cells separated by tabs) become a
Markdown table. Text is escaped so that Markdown shows the same characters.
"""

from __future__ import annotations

import re

from ..core import vi
from .award_finder import propose_awards
from .bylines import parse_byline
from .dates import SEARCHED_LINES, find_date
from .page_parts import (
    Extracted,
    Photo,
    is_boilerplate,
    is_caption,
    is_related_heading,
    plain,
    take_dateline,
    take_end_byline,
    take_top_byline,
    without_related,
)

TITLE_MAX = 300


def extract_text(text: str) -> Extracted:
    """The article of a copied page (see the module's docstring)."""
    lines = [_clean_line(line) for line in vi.nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    blocks = [line for line in lines if line.strip()]
    title_at = _title_index(blocks)
    if title_at is None:
        return Extracted(not_article="empty")
    title = " ".join(blocks[title_at].split())
    date = find_date(blocks, 0, title_at + 1 + SEARCHED_LINES)
    head_authors: tuple[str, ...] = ()
    rest = []
    for i, block in enumerate(blocks):
        if i <= title_at and i != (date.line if date else -1):
            continue
        if date and i == date.line:
            head_authors = _names_in(date.rest)
            continue
        if not is_boilerplate(block) or is_related_heading(block):
            rest.append(block)
    rest = without_related(rest)
    top, rest = take_top_byline(rest)
    source, rest = take_dateline(rest)
    end, rest = take_end_byline(rest)
    authors = top or end
    body, photos = _body_and_captions(rest)
    text_body = "\n\n".join(body)
    return Extracted(title=title, date_text=date.text if date else None, source=source,
                     authors=authors or head_authors, body=text_body + "\n", photos=tuple(photos),
                     awards=propose_awards("\n".join(plain(b) for b in body)),
                     not_article=None if text_body.strip() else "empty")


def _clean_line(line: str) -> str:
    if "\t" in line.strip():
        return "\t".join(" ".join(cell.split()) for cell in line.strip().split("\t"))
    return " ".join(line.replace("\u00a0", " ").split())


def _title_index(blocks: list[str]) -> int | None:
    for i, block in enumerate(blocks[:12]):
        text = block.strip()
        if is_boilerplate(text) or find_date([text], 0, 1) is not None or len(text) > TITLE_MAX:
            continue
        if re.search(r"\s[>»/]\s", text) and len(text) < 120 and text.casefold().startswith(("trang chủ", "home")):
            continue
        return i
    return None


def _names_in(rest: str) -> tuple[str, ...]:
    """The byline a date line also holds ('Ngọc Hân - 27/09/2024 11:41')."""
    return (parse_byline(rest) or ()) if rest else ()


def _body_and_captions(blocks: list[str]) -> tuple[list[str], list[Photo]]:
    """Paragraphs (escaped, tables joined) and the captions among them."""
    body: list[str] = []
    photos: list[Photo] = []
    table: list[str] = []
    for i, block in enumerate(blocks + [""]):
        if "\t" in block:
            table.append(block)
            continue
        if table:
            body.append(_table(table))
            table = []
        if not block:
            continue
        if is_caption(block, first=not body):
            photos.append(Photo(src="", caption=block, alt=""))
        else:
            body.append(_escape(block))
    return body, photos


def _table(rows: list[str]) -> str:
    """Tab-separated rows as a Markdown table, the first row its head."""
    cells = [[_escape(cell).replace("|", "\\|") for cell in row.split("\t")] for row in rows]
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(lines)


def _escape(block: str) -> str:
    """Plain text as Markdown that shows the same characters."""
    block = re.sub(r"([\\`*_\[\]<>])", r"\\\1", block)
    return re.sub(r"^(#|[-+] |\d+[.)] )", r"\\\1", block)

"""Bytes of a site file -> the text every stage reads: UTF-8 (with or without BOM), LF line endings,
NFC; or a problem naming the line of the first bad byte or control character. `site.yaml` and every
article are read through here."""

from __future__ import annotations

from . import vi
from .errors import Problem, error


def decode_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """The text of `data`, or None and the problem at its line (`path` is named in it)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[data.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", "replace")) + 1
        return None, [error(path, line, "file.not_utf8", byte=f"{data[exc.start]:02X}", column=column)]
    text = vi.nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    if (control := vi.find_control_character(text)) is not None:
        line, column, char = control
        return None, [error(path, line, "file.control_char", code=f"U+{ord(char):04X}", column=column)]
    return text, []

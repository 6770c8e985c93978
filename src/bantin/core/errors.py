"""Problems as values with a place: `path:line: error: message`, collected and reported once."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from .messages import Msg

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, where it is, and how bad it is."""

    path: str                 # site-relative, posix ('content/2024/09/x/index.md', 'site.yaml')
    line: int | None          # 1-based, in the file as the editor sees it
    msg: Msg
    severity: Severity = "error"

    def format(self, lang: str = "vi") -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        level = Msg.of(f"level.{self.severity}").render(lang)
        return f"{where}: {level}: {self.msg.render(lang)}"

    def __str__(self) -> str:
        return self.format("en")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def error(path: str, line: int | None, key: str, /, **params: Any) -> Problem:
    return Problem(path, line, Msg.of(key, **params), "error")


def warning(path: str, line: int | None, key: str, /, **params: Any) -> Problem:
    return Problem(path, line, Msg.of(key, **params), "warning")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Stable report order: by file, then line, errors before warnings."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.severity != "error"))


class BuildFailed(Exception):
    """The input has errors; nothing was written. Carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sort_problems(problems)
        super().__init__(Msg.of("errors.count", errors=len(self.errors)).render("en"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class UsageError(Exception):
    """A usage problem (no site.yaml, a dangerous output folder): exit code 2, not a content error."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.key)


def did_you_mean(word: str, choices: Iterable[str], key: Callable[[str], str] | None = None) -> Msg:
    """A hint naming the closest choice, or an empty hint.

    With `key` (a folding such as `vi.fold`), words are compared by their keys, and the hint names
    the first choice, as written, whose key is closest: with names listed before slugs, a section
    typed without diacritics gets its name back ('Xây dựng lực lượng', not 'xay-dung-luc-luong')."""
    choices = list(choices)
    if key is not None:
        shown: dict[str, str] = {}
        for choice in choices:
            shown.setdefault(key(choice), choice)
        match = difflib.get_close_matches(key(word), list(shown), n=1, cutoff=0.6)
        return Msg.of("hint.did_you_mean", suggestion=shown[match[0]]) if match else Msg.of("hint.none")
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in choices}
        match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        match = [lowered[m] for m in match]
    return Msg.of("hint.did_you_mean", suggestion=match[0]) if match else Msg.of("hint.none")

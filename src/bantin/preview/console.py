"""What the preview prints in the terminal: one line per save, and every problem with its place."""

from __future__ import annotations

from collections.abc import Callable

from ..core import vi
from ..core.errors import Problem
from ..core.messages import Msg
from .error_page import Failure

Echo = Callable[..., None]


def describe_change(paths: list[str]) -> Msg:
    if not paths:
        return Msg.of("serve.change_none")
    if len(paths) == 1:
        return Msg.of("serve.change_one", path=paths[0])
    return Msg.of("serve.change_many", path=paths[0], more=vi.format_count(len(paths) - 1))


class Console:
    """The editor's terminal, in their language; a terminal that went away is not an error."""

    def __init__(self, echo: Echo, lang: str):
        self.echo = echo
        self.lang = lang

    def say(self, msg: Msg, *, err: bool = False) -> None:
        self.text(msg.render(self.lang), err=err)

    def text(self, text: str, *, err: bool = False) -> None:
        try:
            self.echo(text, err=err)
        except (OSError, ValueError):
            pass                                # the terminal is gone; keep serving the browser

    def problems(self, problems: tuple[Problem, ...], only: list[str] | None = None) -> None:
        """Each problem with its place (`only`: of these files)."""
        for problem in problems:
            if only is None or problem.path in only:
                self.text(problem.format(self.lang), err=True)

    def failure(self, failure: Failure, change: Msg, seconds: float) -> None:
        self.problems(failure.problems)
        for note in failure.notes:
            self.say(note, err=True)
        self.say(Msg.of("serve.failed", change=change, errors=vi.format_count(failure.count),
                        seconds=self.seconds(seconds)), err=True)

    def first(self, pages: int, articles: int, seconds: float) -> None:
        self.say(Msg.of("serve.built_first", pages=vi.format_count(pages), articles=vi.format_count(articles),
                        seconds=self.seconds(seconds)))

    def saved(self, change: Msg, pages: int, seconds: float, warnings: int) -> None:
        self.say(Msg.of("serve.updated", change=change, pages=vi.format_count(pages),
                        seconds=self.seconds(seconds), warnings=self.warnings(warnings)))

    def rebuilt(self, change: Msg, written: int, seconds: float, warnings: int) -> None:
        """The line of a save made whole at once (not lazily): the files it wrote."""
        self.say(Msg.of("serve.rebuilt", change=change, written=vi.format_count(written),
                        seconds=self.seconds(seconds), warnings=self.warnings(warnings)))

    def warnings(self, count: int) -> Msg:
        return Msg.of("serve.warnings", count=vi.format_count(count)) if count else Msg.of("hint.none")

    def seconds(self, seconds: float) -> str:
        return vi.format_seconds(seconds, self.lang)

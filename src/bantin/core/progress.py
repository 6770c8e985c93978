"""How a long build tells a person where it is: an interface the stages call, nothing printed here."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def stage(self, key: str, total: int) -> None:
        """A stage begins: `key` names it in the message catalog, `total` is its amount of work."""

    def advance(self, count: int = 1) -> None:
        """`count` more units of the current stage are done."""

    def finish(self) -> None:
        """The build is over (successfully or not)."""


class NoProgress:
    """Says nothing: the default, and what CI and pipes get."""

    def stage(self, key: str, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass

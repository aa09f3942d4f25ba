"""Markdown within a byte budget: each part shows what fits and says what it left out.

GitHub refuses a step's job summary over 1 MiB
(https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#step-isolation-and-limits),
so a summary of thousands of articles cannot list everything. Parts are laid out in order of
importance; each takes items while they fit, keeping room for the parts after it to say at
least what they hold, and ends with a line naming what it did not show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


def size(lines: list[str]) -> int:
    """The bytes `lines` take, each with its line break."""
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


@dataclass(frozen=True)
class Part:
    """A heading (or a table's head), items that may be cut, and what closes it."""

    head: list[str]
    items: list[list[str]]
    """Each item's lines: a table row, a bullet, an article's block."""
    tail: list[str] = field(default_factory=list)
    left_out: Callable[[int], str] = lambda n: f"{n} more not shown here"
    """The line that names what was not shown, given how many items."""

    def smallest(self) -> int:
        """The bytes the part takes with none of its items: the head, the left-out line, the
        tail (nothing when it has no items)."""
        return size(self.lines([], len(self.items))) if self.items else 0

    def lines(self, shown: list[list[str]], left: int) -> list[str]:
        body = [line for item in shown for line in item]
        note = ["", self.left_out(left)] if left else []
        return [*self.head, *body, *note, *self.tail]


class Room:
    """The bytes left; None: no limit."""

    def __init__(self, budget: int | None) -> None:
        self.left = budget

    def always(self, lines: list[str]) -> list[str]:
        """Lines that are shown whatever the budget (a title, the counts)."""
        if self.left is not None:
            self.left -= size(lines)
        return lines

    def lay_out(self, parts: list[Part]) -> list[str]:
        """Each part in order, with as many of its items as fit while every later part keeps
        room for its smallest form."""
        lines: list[str] = []
        for n, part in enumerate(parts):
            keep = sum(later.smallest() for later in parts[n + 1 :])
            lines += self.fit(part, keep)
        return lines

    def fit(self, part: Part, keep: int = 0) -> list[str]:
        """The part with the items that fit in the room less `keep` bytes."""
        if not part.items:
            return []
        shown: list[list[str]] = []
        if self.left is None:
            shown = part.items
        else:
            # room for the left-out line too, as long as something may be left out
            used = size(part.lines([], len(part.items))) + keep
            for item in part.items:
                if used + size(item) > self.left:
                    break
                shown.append(item)
                used += size(item)
        lines = part.lines(shown, len(part.items) - len(shown))
        if self.left is not None:
            self.left -= size(lines)
        return lines

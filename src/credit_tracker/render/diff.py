"""Character-by-character differences between two spellings, for highlighting a name."""

from __future__ import annotations

import difflib
from enum import StrEnum


class Op(StrEnum):
    """What a piece of the printed spelling is, against the correct one."""

    SAME = "same"
    ADDED = "added"
    """In the printed spelling, not in the correct one."""
    REMOVED = "removed"
    """In the correct spelling, missing from the printed one."""


def char_diff(correct: str, printed: str) -> list[tuple[Op, str]]:
    """Return the printed spelling as pieces: kept, added, and the correct text it lacks."""
    matcher = difflib.SequenceMatcher(None, correct, printed, autojunk=False)
    pieces: list[tuple[Op, str]] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append((Op.SAME, printed[b0:b1]))
            continue
        if a1 > a0:
            pieces.append((Op.REMOVED, correct[a0:a1]))
        if b1 > b0:
            pieces.append((Op.ADDED, printed[b0:b1]))
    return pieces


def wdiff(correct: str, printed: str) -> str:
    """Return the difference in wdiff's notation: 'Jane {+P. +}Illés', 'Ill[-é-]{+e+}s'."""
    marks = {Op.SAME: "{}", Op.ADDED: "{{+{}+}}", Op.REMOVED: "[-{}-]"}
    return "".join(marks[op].format(text) for op, text in char_diff(correct, printed))


def change_words(pieces: list[tuple[str, str]] | list[list[str]]) -> str:
    """The change in words, from `char_diff`'s pieces as (op, text): 'í → i', 'P. added',
    'x left out'; several joined by '; '."""
    words = []
    n = 0
    while n < len(pieces):
        op, text = pieces[n]
        following = pieces[n + 1] if n + 1 < len(pieces) else None
        if op == Op.REMOVED and following is not None and following[0] == Op.ADDED:
            words.append(f"{text} → {following[1]}")
            n += 2
            continue
        if op == Op.REMOVED:
            words.append(f"{text.strip()} left out")
        elif op == Op.ADDED:
            words.append(f"{text.strip()} added")
        n += 1
    return "; ".join(words)

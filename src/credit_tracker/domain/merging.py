"""What a merge of two versions of the records could not decide alone: a conflict.

The records' merge driver (store/merge.py) finds them; the command names each in one line
(render/lines.py); the office decides which value is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class _Absent:
    """A record or field one version does not have."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()
"""The value of a record or field that one version does not have (removed, or never added)."""


@dataclass(frozen=True)
class Conflict:
    """A record or field both sides changed differently; the merged file keeps this side's."""

    record: str
    """'people marton-kovacs', 'articles 10.1371/journal.pone.0185809', 'the file'."""
    field: str | None
    """'orcid', 'authors[jane-illes].roles'; None: the record itself (removed on one side,
    changed on the other)."""
    kept: Any
    """This side's value, left in the file; ABSENT: removed here."""
    other: Any
    """The other side's value; ABSENT: removed there."""

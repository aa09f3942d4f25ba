"""The baseline file's model: the findings known when it was written, with notes and dates.

A committed file of finding ids, like the baselines of mature CI checkers (detekt, Psalm,
PHPStan); what it does to a check is check/baseline.py; store/baseline_file.py reads and writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal, TypeAlias

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

BASELINE_VERSION: Literal[1] = 1


def _iso_day(text: str) -> str:
    """A day written as the tool writes it, YYYY-MM-DD (ValueError otherwise)."""
    try:
        if len(text) == 10 and date.fromisoformat(text).isoformat() == text:
            return text
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a day written YYYY-MM-DD")


Day = Annotated[str, AfterValidator(_iso_day)]
FindingId = Annotated[str, StringConstraints(pattern=r"^ct-[0-9a-f]{12}$")]
"""A finding's id as the check makes it: 'ct-' and 12 hexadecimal digits. A baseline is read
before its ids reach a job summary's Markdown and HTML: an id is only ever this."""
Text = Annotated[str, StringConstraints(min_length=1)]


class BaselineEntry(BaseModel):
    """One known finding: where, which rule, why it is known, since when, and when it was fixed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doi: Text
    rule: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z-]*$")]
    note: str
    since: Day
    """The day the finding entered the baseline (ISO date)."""
    message: str = ""
    """The finding's message when it entered, so that a reviewer reads the diff without the tool."""
    fixed: Day | None = None
    """The first day a run saw the finding gone (ISO date); if it comes back, it is regressed."""


class Baseline(BaseModel):
    """The baseline file: `{"version": 1, "findings": {"ct-…": {...}}}`, sorted by id."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = BASELINE_VERSION
    """The file's layout: only this one is read (a newer tool's file is refused, not guessed)."""
    findings: dict[FindingId, BaselineEntry] = Field(default_factory=dict)

    def watched(self) -> set[str]:
        """The DOIs of fixed entries: their publisher XML is read every night, to see an undo."""
        return {e.doi for e in self.findings.values() if e.fixed is not None}


@dataclass(frozen=True)
class Bootstrapped:
    """The first night (`nightly --bootstrap-baseline`, no baseline file yet): the file was
    written from that night's findings."""

    path: str
    known: int
    """The entries written: every open finding that fails under --fail-on."""
    unverified: int = 0
    """Articles not verified that night: what could not be read is not in the file, and its
    findings are new the night it is read."""


@dataclass(frozen=True)
class BaselineExisted:
    """`--bootstrap-baseline` found the baseline file: an ordinary night, nothing bootstrapped."""

    path: str


Bootstrap: TypeAlias = Bootstrapped | BaselineExisted
"""What --bootstrap-baseline did."""

"""One person across the team's articles, as a model: papers × roles × sources, spellings,
the check of their articles and their correction requests.

Built by check/authorship.py, rendered by render/author/ and the review desk's person page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from credit_tracker.domain.findings import CheckReport, CorrectionStatus
from credit_tracker.domain.models import Person

RECORDED = "recorded"
SOURCES = (RECORDED, "crossref", "jats", "statement", "orcid")
"""The table's columns: the team's record, then each publisher-side source."""


class Cell(StrEnum):
    """What one source says about the person's roles on one paper."""

    LISTED = "listed"
    NONE = "none listed"
    SILENT = "no roles stated"
    UNPAIRED = "not found"
    """The source's byline does not show this person."""
    ABSENT = "no snapshot"
    NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class Roles:
    """One cell of the table: what the source says, and the roles it lists."""

    cell: Cell
    roles: tuple[str, ...] = ()


@dataclass
class Paper:
    """One of the person's articles: a row of the papers × roles × sources table."""

    doi: str
    title: str
    journal: str
    year: int | None
    position: int
    roles: dict[str, Roles] = field(default_factory=dict)
    """By column (`SOURCES`)."""
    provenance: str | None = None
    """Where the team's record of the person's roles came from, in words; None while the roles
    are not recorded."""


@dataclass
class Spelling:
    """One distinct spelling of the person's name, with where it appears."""

    text: str
    places: list[tuple[str, str]] = field(default_factory=list)
    """(DOI, column) pairs."""
    differs: bool = False
    """Differs from the person's name (and is not a spelling they accept)."""


@dataclass
class AuthorView:
    """Everything about one person."""

    person: Person
    papers: list[Paper]
    spellings: list[Spelling]
    report: CheckReport
    """The check of the person's articles (their findings are picked from it)."""
    requests: list[CorrectionStatus]

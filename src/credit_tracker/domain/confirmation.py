"""Where an author's roles came from, and the round of asking authors to confirm them.

The team's record of an author's roles says how it was made: imported from a table, edited by
the office, confirmed by the author (an answered sheet), or confirmed with the author by the
office (at the desk, on a call). A byline place also keeps the latest request to confirm it
(when, in which file, any reminders, and an answer the office must look at: "not my paper").

What the publishers state is never a provenance: a sheet may be pre-filled from them to save the
author typing, but nothing reaches the record until the author answers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from credit_tracker.domain.credit import ROLES


class RoleOrigin(StrEnum):
    """How an author's roles came into the team's record."""

    IMPORTED = "imported"
    OFFICE = "office"
    AUTHOR = "author"
    WITH_AUTHOR = "with-author"


CONFIRMED_ORIGINS = frozenset({RoleOrigin.AUTHOR, RoleOrigin.WITH_AUTHOR})


class RoleProvenance(BaseModel):
    """Where one author's roles on one article came from, and when (an ISO date)."""

    model_config = ConfigDict(frozen=True)

    origin: RoleOrigin
    on: str
    """The day the roles were recorded (YYYY-MM-DD)."""
    file: str | None = None
    """The imported table or the answered sheet (its name only)."""
    command: str | None = None
    """The office's edit: 'records set-roles', 'desk', ..."""

    @property
    def confirmed(self) -> bool:
        """The author said so: by an answered sheet, or with the office at the desk."""
        return self.origin in CONFIRMED_ORIGINS

    def describe(self) -> str:
        """Say it in words: 'confirmed by the author on 2026-12-01 (jane-illes.xlsx)'."""
        origin = self.origin
        if origin is RoleOrigin.AUTHOR:
            where = f" ({self.file})" if self.file else " (at the desk)"
            return f"confirmed by the author on {self.on}{where}"
        if origin is RoleOrigin.WITH_AUTHOR:
            return f"confirmed with the author by the office on {self.on}"
        if origin is RoleOrigin.IMPORTED:
            table = f" {self.file}" if self.file else ""
            return f"imported from the table{table} on {self.on}"
        how = f" with '{self.command}'" if self.command else ""
        return f"edited by the office{how} on {self.on}"


UNKNOWN_PROVENANCE = "recorded before provenance was kept"
"""What a record written before provenance existed says about where its roles came from."""


def provenance_text(provenance: RoleProvenance | None) -> str:
    """The provenance in words; UNKNOWN_PROVENANCE for roles recorded before it was kept."""
    return provenance.describe() if provenance is not None else UNKNOWN_PROVENANCE


class Answer(StrEnum):
    """What an author answers for one paper of their sheet."""

    CONFIRMED = "confirmed"
    NOT_MY_PAPER = "not my paper"
    NOT_THIS_AUTHOR = "I am not this author"


DISPUTES = frozenset({Answer.NOT_MY_PAPER, Answer.NOT_THIS_AUTHOR})
"""Answers the office must look at: never applied to the record."""


class Dispute(BaseModel):
    """An answer reported to the office rather than applied: 'not my paper'."""

    model_config = ConfigDict(frozen=True)

    answer: Answer
    on: str
    file: str


class Asked(BaseModel):
    """The latest request to confirm one byline place: when, in which file, reminders since."""

    on: str
    """The day the request was written (YYYY-MM-DD)."""
    file: str
    """The file written for the person (its name only)."""
    reminded: list[str] = Field(default_factory=list)
    """The days reminders were written, oldest first."""
    dispute: Dispute | None = None
    """An answer the office must look at ('not my paper'), until the place is asked again or
    confirmed."""

    @property
    def last(self) -> str:
        """The day the person was last written to: the request, or its latest reminder."""
        return max([self.on, *self.reminded])


class PlaceState(StrEnum):
    """Where one byline place stands in the round."""

    CONFIRMED = "confirmed"
    ASKED = "asked"
    OVERDUE = "overdue"
    DISPUTED = "reported to the office"
    NEVER_ASKED = "never asked"


@dataclass(frozen=True)
class PlaceStatus:
    """One person on one paper, as the round sees them."""

    person: str
    doi: str
    title: str
    position: int
    state: PlaceState
    detail: str
    """The state in words, with its dates and file."""


# The sheet: one column per CRediT role named as in tenzing's contributors table (ASCII
# hyphens in the two Writing roles), each answer cell one of these.
HELD, NOT_HELD = "yes", "no"
ROLE_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (role.slug, role.label.replace("\u2013", "-")) for role in ROLES
)
"""(slug, column header) of the 14 role columns, in CRediT's order."""


def row_digest(person: str, doi: str, position: int, issued: str, prefill: str) -> str:
    """The digest a sheet's row carries over its hidden keys: an edited key no longer matches.

    Not a signature (anyone can compute it): it catches keys changed by hand or by a sort that
    moved some columns and not others, so that an answer is never applied to the wrong paper.
    """
    text = f"1|{person}|{doi}|{position}|{issued}|{prefill}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

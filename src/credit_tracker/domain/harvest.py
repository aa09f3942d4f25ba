"""The harvest's memory: works the team said are not its own, or stopped tracking, by DOI.

A decision is kept per DOI (a stable key: two people deciding about different works never touch
the same entry), so that the nightly harvest lists only what nobody has looked at yet.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Decision(StrEnum):
    """Why a work is no longer listed as new."""

    REJECTED = "rejected"
    """`harvest reject`: not the team's work, or not one to track."""
    REMOVED = "removed"
    """`records remove`: it was tracked, and the team stopped tracking it."""


class HarvestDecision(BaseModel):
    """One work set aside, with when and why."""

    doi: str
    decision: Decision
    on: str
    """The day it was decided (ISO date)."""
    note: str = ""


class HarvestDecisions(BaseModel):
    """Every work set aside, by DOI."""

    works: dict[str, HarvestDecision] = Field(default_factory=dict)

    def set_aside(self, doi: str, decision: Decision, on: str, note: str = "") -> None:
        """Remember `doi` as set aside; a later decision replaces an earlier one."""
        self.works[doi] = HarvestDecision(doi=doi, decision=decision, on=on, note=note)

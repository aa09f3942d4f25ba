"""The interface of the author view's formats, and what they share."""

from __future__ import annotations

from abc import ABC, abstractmethod

from credit_tracker.domain.author_view import AuthorView
from credit_tracker.domain.findings import CheckReport
from credit_tracker.render.formats.base import Entry, entries

COLUMN_NAMES = {
    "recorded": "team's record",
    "crossref": "Crossref",
    "jats": "JATS",
    "statement": "statement",
    "orcid": "ORCID",
}


class AuthorFormat(ABC):
    """Turns an AuthorView into text."""

    def __init__(self, show_info: bool = False) -> None:
        self.show_info = show_info

    @abstractmethod
    def render(self, view: AuthorView) -> str:
        """Return the whole view as text."""


def person_entries(view: AuthorView, report: CheckReport | None = None) -> list[Entry]:
    """The reported findings about this person (open, regressed, pending), errors first."""
    return [
        e
        for e in entries(report or view.report)
        if e.finding.author is not None and e.finding.author.person == view.person.id
    ]

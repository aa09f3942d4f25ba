"""How far the role check reaches: on how many articles roles are compared, and where the round
of asking authors stands. One line, printed by check, report, nightly and the desk.

Counted per article (compared, no publisher role source) and per byline place (an author on an
article: confirmed, asked and waiting, never asked). Built by check/role_coverage.py during the
check's one pass over the articles; the sums of parts are the whole's.
"""

from __future__ import annotations

from pydantic import BaseModel


class RoleCoverage(BaseModel):
    """The coverage of the role check over some articles; add two to cover both."""

    articles: int = 0
    """Articles counted (Y)."""
    compared: int = 0
    """Articles whose roles the check compares (X): the team's record holds some author's roles,
    and a publisher source states roles."""
    confirmed: int = 0
    """Byline places whose roles the author confirmed, on a sheet or with the office (A)."""
    waiting: int = 0
    """Byline places asked and not answered yet, or answered 'not my paper' (B)."""
    never_asked: int = 0
    """Byline places neither confirmed nor asked (C)."""
    no_role_source: int = 0
    """Articles where no publisher source read states any author's roles (D)."""

    def __add__(self, other: RoleCoverage) -> RoleCoverage:
        return RoleCoverage(
            **{name: getattr(self, name) + getattr(other, name) for name in type(self).model_fields}
        )

    def line(self) -> str:
        """'roles compared on X of Y articles (A authors confirmed, B asked and waiting, C never
        asked; D articles with no publisher role source)'."""
        return (
            f"roles compared on {self.compared} of {self.articles} articles "
            f"({self.confirmed} authors confirmed, {self.waiting} asked and waiting, "
            f"{self.never_asked} never asked; {self.no_role_source} articles with no publisher "
            "role source)"
        )

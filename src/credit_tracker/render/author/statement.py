"""A person's CRediT contributions across papers, from the team's records: for a CV or ORCID."""

from __future__ import annotations

from collections import Counter

from credit_tracker.domain.author_view import RECORDED, AuthorView, Cell
from credit_tracker.domain.identifiers import orcid_url
from credit_tracker.render.author.base import AuthorFormat
from credit_tracker.render.visible import visible as v


class AuthorStatement(AuthorFormat):
    """Newest paper first; each with its year, title, journal, DOI link and recorded roles."""

    def render(self, view: AuthorView) -> str:
        person = view.person
        orcid = f" (ORCID iD {orcid_url(person.orcid)})" if person.orcid else ""
        lines = [f"CRediT contributions of {v(person.name.display())}{orcid}", ""]
        counted: Counter[str] = Counter()
        left_out = []
        papers = sorted(view.papers, key=lambda p: (-(p.year or 0), p.doi))
        for paper in papers:
            roles = paper.roles[RECORDED]
            if roles.cell is Cell.NOT_RECORDED:
                left_out.append(paper.doi)
                continue
            year = f"{paper.year}. " if paper.year else ""
            journal = f" {v(paper.journal)}." if paper.journal else ""
            title = v(paper.title or paper.doi).rstrip(".")
            lines.append(f"- {year}{title}.{journal} https://doi.org/{v(paper.doi)}")
            lines.append(f"  {'; '.join(v(r) for r in roles.roles) or 'no CRediT roles'}")
            counted.update(r.split(" (")[0] for r in roles.roles)
        if counted:
            total = ", ".join(f"{role} ({n})" for role, n in counted.most_common())
            lines += ["", f"Roles across {len(papers) - len(left_out)} paper(s): {v(total)}."]
        if left_out:
            lines += ["", f"Not included, roles not recorded: {', '.join(v(d) for d in left_out)}"]
        return "\n".join(lines) + "\n"

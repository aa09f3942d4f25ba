"""The author view as text: a papers × roles × sources table, spellings, findings and requests.

Every record and publisher string goes through `visible`; a name spelt differently from the
person's is shown with its difference marked character by character (wdiff's notation).
"""

from __future__ import annotations

from credit_tracker.domain.author_view import SOURCES, AuthorView, Cell, Paper, Roles, Spelling
from credit_tracker.render.author.base import COLUMN_NAMES, AuthorFormat, person_entries
from credit_tracker.render.diff import wdiff
from credit_tracker.render.formats.base import info_line, split_info
from credit_tracker.render.visible import visible as v

# What a cell says about one role: listed (with its degree), not listed, or nothing to compare.
_YES, _NO, _SILENT, _NOTHING = "yes", "no", "?", "-"


class AuthorText(AuthorFormat):
    """For people: no scores, no internal terms; info findings counted unless --show info."""

    def render(self, view: AuthorView) -> str:
        person = view.person
        lines = [f"{v(person.name.display())} [{v(person.id)}]  ORCID iD {person.orcid or 'none'}"]
        shown, hidden = split_info(person_entries(view), self.show_info)
        lines.append(f"{len(view.papers)} paper(s); {len(shown) + len(hidden)} open finding(s)")
        for paper in view.papers:
            lines += ["", *_paper(paper)]
        lines += ["", "Name as printed (each spelling once):"]
        mine = person.name.display()
        lines += [_spelling(s, mine, len(view.papers)) for s in view.spellings]
        if shown or hidden:
            lines += ["", "Open findings:"]
            for entry in shown:
                f = entry.finding
                state = f" [{entry.note}]" if entry.note else ""
                lines.append(
                    f"  {f.severity.value} {f.rule} [{f.source}] {v(f.doi)}: {v(f.message)}"
                    f" ({f.id}){v(state)}"
                )
            if hidden:
                lines.append(f"  {info_line(hidden)}")
        if view.requests:
            lines += ["", "Correction requests:"]
            lines += [f"  {v(s.id)}: {s.state.value} ({v(s.detail)})" for s in view.requests]
        return "\n".join(lines) + "\n"


def _paper(paper: Paper) -> list[str]:
    """A paper's heading and its roles × sources table (cells: yes, no, ? silent, - nothing)."""
    year = f"{paper.year}  " if paper.year else ""
    heading = [
        f"{year}{v(paper.title or paper.doi)}",
        f"  {v(paper.doi)}{', ' + v(paper.journal) if paper.journal else ''}, "
        f"author {paper.position}",
    ]
    if paper.provenance:
        heading.append(f"  the team's record: {v(paper.provenance)}")
    roles = _roles(paper)
    if not roles:
        absent = ", ".join(f"{COLUMN_NAMES[c]} {paper.roles[c].cell.value}" for c in SOURCES)
        return [*heading, f"  no roles anywhere: {absent}"]
    header = ["role", *(COLUMN_NAMES[c] for c in SOURCES)]
    rows = [header] + [[v(role), *(_mark(paper.roles[c], role) for c in SOURCES)] for role in roles]
    widths = [max(len(row[n]) for row in rows) for n in range(len(header))]
    table = [
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows
    ]
    why = [
        f"{COLUMN_NAMES[c]}: {paper.roles[c].cell.value}"
        for c in SOURCES
        if paper.roles[c].cell in (Cell.ABSENT, Cell.UNPAIRED, Cell.SILENT, Cell.NOT_RECORDED)
    ]
    note = [f"  ({'; '.join(why)})"] if why else []
    return [*heading, *(line.rstrip() for line in table), *note]


def _roles(paper: Paper) -> list[str]:
    """Every role any column lists, the team's order first."""
    found: list[str] = []
    for column in SOURCES:
        for role in paper.roles[column].roles:
            label = role.split(" (")[0]
            if label not in found:
                found.append(label)
    return found


def _mark(cell: Roles, role: str) -> str:
    if cell.cell in (Cell.ABSENT, Cell.UNPAIRED, Cell.NOT_RECORDED):
        return _NOTHING
    if cell.cell is Cell.SILENT:
        return _SILENT
    for listed in cell.roles:
        if listed.split(" (")[0] == role:
            degree = listed[len(role) :].strip(" ()")
            return degree or _YES
    return _NO


def _spelling(spelling: Spelling, mine: str, papers: int) -> str:
    where = _places(spelling, papers)
    if not spelling.differs:
        return f"  {v(spelling.text)}  {where}"
    return f"  {v(spelling.text)}  {where}; differs: {v(wdiff(mine, spelling.text))}"


def _places(spelling: Spelling, papers: int) -> str:
    """Where a spelling appears: each paper with its columns when few, else counts by column."""
    by_doi: dict[str, list[str]] = {}
    for doi, column in spelling.places:
        by_doi.setdefault(doi, []).append(COLUMN_NAMES[column])
    if len(by_doi) <= 3:
        return "; ".join(f"{v(doi)} ({', '.join(columns)})" for doi, columns in by_doi.items())
    counts: dict[str, int] = {}
    for columns in by_doi.values():
        for name in columns:
            counts[name] = counts.get(name, 0) + 1
    by_column = ", ".join(f"{name} {n}" for name, n in counts.items())
    return f"{len(by_doi)} of {papers} papers: {by_column}"

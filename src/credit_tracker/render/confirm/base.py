"""The interface of the confirmation formats, and the rows and words they share."""

from __future__ import annotations

from abc import ABC, abstractmethod

from credit_tracker.domain.confirm_sheet import ConfirmationSheet, PaperRow
from credit_tracker.render.visible import visible as v


class SheetFormat(ABC):
    """Turns one person's ConfirmationSheet into the bytes of one file."""

    @abstractmethod
    def render(self, sheet: ConfirmationSheet) -> bytes:
        """Return the whole file."""


def inert(text: str) -> str:
    """Text that a spreadsheet will not take for a formula: a leading =, +, - or @ is quoted
    (OWASP's advice for CSV files), since titles and names come from publishers."""
    shown = v(text)
    return f"'{shown}" if shown[:1] in ("=", "+", "-", "@") else shown


def row_cells(paper: PaperRow) -> list[str]:
    """A paper's row in the sheet's column order (domain/confirm_sheet.header)."""
    return [
        paper.doi,
        inert(paper.title),
        inert(paper.journal),
        str(paper.year or ""),
        str(paper.position),
        inert(paper.printed),
        "",
        *(cell.prefill for cell in paper.cells),
        inert(paper.states()),
        inert(paper.record),
        paper.person,
        paper.doi,
        str(paper.position),
        paper.issued,
        paper.prefill,
        paper.digest,
    ]


def instructions(sheet: ConfirmationSheet, carrier: str) -> list[str]:
    """The plain words every format gives, `carrier` naming where the sheet is ('the attached
    sheet', 'the sheet below')."""
    count = len(sheet.papers)
    lines = [f"Dear {v(sheet.name)},", ""]
    if sheet.reminder:
        lines += [
            f"This is a reminder: {count} paper(s) still wait for your answer. Thank you if you "
            "have sent it in the meantime.",
            "",
        ]
    lines += [
        "We keep a record of who did what on each of our team's papers, in the 14 CRediT "
        "contributor roles (https://credit.niso.org/). Publishers often get them wrong, and we "
        "can only ask a publisher to correct what you have confirmed.",
        "",
        f"Please check the {count} paper(s) in {carrier}, one row per paper:",
        "",
        "- For each role you held on the paper, put yes in its column (or your degree of "
        "contribution: lead, equal or supporting). Put no, or leave it empty, for a role you "
        "did not hold.",
        "- Then choose confirmed in the column 'Your answer'. A row left exactly as we sent it "
        "counts as not answered yet.",
        "- If a paper is not yours, choose 'not my paper'; if we have taken you for another "
        "author of the paper, choose 'I am not this author'. Nothing is changed then: we will "
        "look at it.",
        "- We filled the roles in from what the publishers state (the article's XML, its "
        "printed contribution statement, Crossref, ORCID), to save you typing. That is what we "
        "are checking, so please correct it where it is wrong; the column 'What the publishers "
        "state' (and each cell's note, in the spreadsheet) says which source states what.",
        "- Please leave the key columns at the right as they are: they tell us which paper each "
        "row is, and a sheet whose keys were changed cannot be read.",
        "",
        "Please send the sheet back to us when you are done.",
    ]
    return lines


def closing(sheet: ConfirmationSheet) -> list[str]:
    """The letter's end: thanks, and the office's signature when it is set."""
    signed = [v(line) for line in sheet.signature] or ["The research office"]
    return ["", "With thanks,", "", *signed]

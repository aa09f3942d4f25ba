"""Letters that carry the sheet and say in plain words what to do: an .eml draft with the .xlsx
attached (for a mail client; nothing is sent), and Markdown with the CSV in a block the import
reads back."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from credit_tracker.domain.confirm_sheet import SHEET_SOURCES, STATED, ConfirmationSheet
from credit_tracker.domain.confirmation import ROLE_COLUMNS
from credit_tracker.render.confirm.base import SheetFormat, closing, instructions
from credit_tracker.render.confirm.table import csv_text
from credit_tracker.render.confirm.workbook import WorkbookSheet
from credit_tracker.render.visible import visible as v

_XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def subject(sheet: ConfirmationSheet) -> str:
    prefix = "Reminder: " if sheet.reminder else ""
    return f"{prefix}Please confirm your CRediT roles on {len(sheet.papers)} paper(s)"


class EmlLetter(SheetFormat):
    """An RFC 5322 draft (X-Unsent) with the workbook attached as '<person id>.xlsx'."""

    def render(self, sheet: ConfirmationSheet) -> bytes:
        message = EmailMessage(policy=SMTP)
        message["Subject"] = v(subject(sheet))
        message["X-Unsent"] = "1"  # mail clients open it as a draft
        body = [*instructions(sheet, "the attached sheet"), *closing(sheet)]
        message.set_content("\n".join(body) + "\n", charset="utf-8", cte="base64")
        maintype, subtype = _XLSX
        message.add_attachment(
            WorkbookSheet().render(sheet),
            maintype=maintype,
            subtype=subtype,
            filename=f"{sheet.person}.xlsx",
        )
        return message.as_bytes()


class MarkdownLetter(SheetFormat):
    """The letter, each paper with what every source states, and the sheet as a CSV block."""

    def render(self, sheet: ConfirmationSheet) -> bytes:
        lines = [f"# {v(subject(sheet))}", "", *instructions(sheet, "the sheet below"), ""]
        lines += ["## Your papers", ""]
        for paper in sheet.papers:
            year = f" ({paper.year})" if paper.year else ""
            lines.append(
                f"- {v(paper.title) or paper.doi}{year}, {v(paper.journal) or 'journal unknown'}, "
                f"https://doi.org/{paper.doi}: you are author {paper.position}, as "
                f"{v(paper.printed)}"
            )
            if not any(s.startswith(STATED) for c in paper.cells for _n, s in c.sources):
                lines.append(f"  - {v(paper.states())}")
            for cell, (_slug, label) in zip(paper.cells, ROLE_COLUMNS, strict=True):
                said = [state for _source, state in cell.sources if state.startswith(STATED)]
                if said:
                    names = dict(SHEET_SOURCES)
                    where = ", ".join(f"{names[source]} {state}" for source, state in cell.sources)
                    lines.append(f"  - {label}: {where}")
        lines += [
            "",
            "## The sheet",
            "",
            "Edit the cells between the fences (a text editor keeps the commas) and send the "
            "whole letter back.",
            "",
            "```csv",
            csv_text(sheet).rstrip("\n"),
            "```",
            *closing(sheet),
        ]
        return ("\n".join(lines) + "\n").encode("utf-8")

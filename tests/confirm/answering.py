"""Answering a confirmation sheet as an author would: in a spreadsheet program (openpyxl), in a
text editor (CSV, the Markdown letter), or by replying to the e-mail with the sheet attached."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import SMTP
from email.policy import default as default_policy
from pathlib import Path

import openpyxl

from credit_tracker.domain.confirm_sheet import ANSWER_COLUMN, ROLES_SHEET

Answers = dict[str, dict[str, str]]
"""By DOI: column header → the value the author types ('' clears the cell)."""


def answer_workbook(sheet: Path, out: Path, answers: Answers) -> Path:
    """Fill the workbook's rows as `answers` say and save it as `out` (the author's copy)."""
    book = openpyxl.load_workbook(sheet)
    rows = book[ROLES_SHEET]
    columns = [cell.value for cell in rows[1]]
    for row in rows.iter_rows(min_row=2):
        doi = row[columns.index("DOI")].value
        for column, value in answers.get(doi, {}).items():
            row[columns.index(column)].value = value or None
    book.save(out)
    return out


def answer_csv_text(text: str, answers: Answers) -> str:
    """The CSV sheet's text with the rows filled as `answers` say."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    columns = rows[0]
    for row in rows[1:]:
        for column, value in answers.get(row[columns.index("DOI")], {}).items():
            row[columns.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def answer_letter(letter: Path, out: Path, answers: Answers) -> Path:
    """The Markdown letter with its CSV block answered in a text editor."""
    text = letter.read_text(encoding="utf-8")
    head, rest = text.split("```csv\n", 1)
    block, tail = rest.split("```", 1)
    out.write_text(f"{head}```csv\n{answer_csv_text(block, answers)}```{tail}", encoding="utf-8")
    return out


def reply_with(letter: Path, out: Path, answers: Answers) -> Path:
    """The author's reply to the .eml letter: its attached workbook, answered, attached again."""
    message = email.message_from_bytes(letter.read_bytes(), policy=default_policy)
    (part,) = list(message.iter_attachments())
    sheet = out.with_suffix(".sent.xlsx")
    sheet.write_bytes(part.get_content())
    answered = answer_workbook(sheet, out.with_suffix(".xlsx"), answers)
    reply = EmailMessage(policy=SMTP)
    reply["Subject"] = f"Re: {message['Subject']}"
    reply.set_content("Here are my answers.\n")
    reply.add_attachment(
        answered.read_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=part.get_filename(),
    )
    out.write_bytes(reply.as_bytes())
    return out


CONFIRMED = {ANSWER_COLUMN: "confirmed"}

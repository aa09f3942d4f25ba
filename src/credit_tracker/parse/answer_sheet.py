"""An answered confirmation sheet read back: .xlsx, CSV, the Markdown letter's CSV block, or an
e-mail (.eml) carrying one of them. Pure.

Refused whole, with one line naming the file, sheet, row, column and field: hidden keys that no
longer match their digest, a visible DOI that is not the row's, a column that is no CRediT role,
an answer or a role cell that says nothing the sheet offers. The checks against the records
(the person, the DOI, the request) are confirm/answers.py's.
"""

from __future__ import annotations

import email
import functools
import re
from dataclasses import replace
from email.message import Message
from email.policy import default as default_policy
from pathlib import PurePath

from credit_tracker.domain.confirm_sheet import (
    ANSWER_COLUMN,
    INFO_COLUMNS,
    KEY_COLUMNS,
    KEY_DIGEST,
    KEY_DOI,
    KEY_ISSUED,
    KEY_PERSON,
    KEY_POSITION,
    KEY_PREFILL,
    RECORD_COLUMN,
    ROLES_SHEET,
    STATES_COLUMN,
    AnswerRow,
    AnswerSheet,
    column_letter,
    prefill_code,
)
from credit_tracker.domain.confirmation import HELD, ROLE_COLUMNS, Answer, row_digest
from credit_tracker.domain.credit import Degree, try_resolve_role
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import RoleAssignment
from credit_tracker.parse.spreadsheet import Sheet, read_sheet, read_text_sheet
from credit_tracker.parse.workbook_xml import read_workbook_sheet

_HELD = {"yes", "y", "x", "true", "1", "\u2713", "\u2714"}
_NOT_HELD = {"", "no", "n", "false", "0"}
_ANSWERS = {answer.value.casefold(): answer for answer in Answer}
_CSV_BLOCK = re.compile(r"^```csv[^\n]*\n(.*?)^```", re.S | re.M)
_NOT_ROLES = {*INFO_COLUMNS, ANSWER_COLUMN, STATES_COLUMN, RECORD_COLUMN, *KEY_COLUMNS}


def read_answer_sheet(data: bytes, path: str) -> AnswerSheet:
    """Return the rows of an answered sheet; InputError naming the cell for anything refused."""
    name = PurePath(path).name or path
    if _looks_like_email(data, name):
        return _from_email(data, name)
    if name.lower().endswith(".md"):
        return _rows(read_text_sheet(_csv_block(data, name), name), name, ROLES_SHEET)
    if data.startswith(b"PK\x03\x04"):  # a workbook: its sheet Roles, read from its XML
        return _rows(read_workbook_sheet(data, name, ROLES_SHEET), name, ROLES_SHEET)
    return _rows(read_sheet(data, name), name, ROLES_SHEET)


def _looks_like_email(data: bytes, name: str) -> bool:
    head = data[:4096].lower()
    return name.lower().endswith(".eml") or (
        b"mime-version:" in head and b"content-type: multipart" in head
    )


def _from_email(data: bytes, name: str) -> AnswerSheet:
    """The sheet an e-mail carries: its first .xlsx or .csv attachment."""
    message = email.message_from_bytes(data, policy=default_policy)
    for part in message.walk():
        attached = part.get_filename() or ""
        if attached.lower().endswith((".xlsx", ".csv")):
            payload = _payload(part)
            inner = read_answer_sheet(payload, attached)
            label = f"{name} ({attached})"
            return AnswerSheet(
                file=label, rows=tuple(replace(row, file=label) for row in inner.rows)
            )
    raise InputError(
        "the message carries no answered sheet (an .xlsx or .csv attachment); save the "
        "attachment and import it",
        path=name,
    )


def _payload(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _csv_block(data: bytes, name: str) -> str:
    """The ```csv block of a Markdown letter: the sheet it carries."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text; save the letter as UTF-8", path=name) from None
    match = _CSV_BLOCK.search(text)
    if match is None:
        raise InputError("the letter has no ```csv block: the sheet it carried is gone", path=name)
    return match.group(1)


def _rows(sheet: Sheet, name: str, sheet_name: str) -> AnswerSheet:
    header = [cell.strip() for cell in sheet.rows[0]]
    columns = _columns(header, name, sheet_name)
    rows = []
    for cells, number in zip(sheet.rows[1:], sheet.lines[1:], strict=True):
        if not any(cell.strip() for cell in cells):
            continue
        padded = cells + [""] * (len(header) - len(cells))
        rows.append(_row(padded, columns, header, name, sheet_name, number))
    return AnswerSheet(file=name, rows=tuple(rows))


def _columns(header: list[str], name: str, sheet_name: str) -> dict[str, int]:
    """Each column the sheet reads, by its name (a role's by its slug); refuses a column that
    is no CRediT role, a role given twice, and missing keys."""
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        if not title or title in _NOT_ROLES:
            found.setdefault(title, index)
            continue
        role = try_resolve_role(title)
        place = f"sheet {sheet_name}, row 1, column {column_letter(index)} ({title})"
        if role is None:
            reason = f"{title!r} is not a CRediT role"
            raise InputError(f"{reason}; nothing was imported", path=name, field=place)
        if role.slug in found:
            reason = f"{role.label} is a column twice"
            raise InputError(f"{reason}; nothing was imported", path=name, field=place)
        found[role.slug] = index
    roles = [label for slug, label in ROLE_COLUMNS if slug not in found]
    missing = [key for key in (*KEY_COLUMNS, ANSWER_COLUMN, *roles) if key not in found]
    if missing:
        raise InputError(
            f"the columns {', '.join(missing)} are missing: only sheets written by 'confirm "
            "request' can be imported; nothing was imported",
            path=name,
            field=f"sheet {sheet_name}, row 1",
        )
    return found


class _Cells:
    """One row's cells by column name, each error naming its file, sheet, row and column."""

    def __init__(
        self,
        cells: list[str],
        columns: dict[str, int],
        header: list[str],
        where: tuple[str, str, int],
    ) -> None:
        self.cells, self.columns, self.header = cells, columns, header
        self.name, self.sheet, self.row = where

    def get(self, column: str) -> str:
        return self.cells[self.columns[column]].strip()

    def refuse(self, column: str, reason: str) -> InputError:
        index = self.columns[column]
        place = (
            f"sheet {self.sheet}, row {self.row}, column {column_letter(index)} "
            f"({self.header[index]})"
        )
        return InputError(f"{reason}; nothing was imported", path=self.name, field=place)


def _row(
    cells: list[str],
    columns: dict[str, int],
    header: list[str],
    name: str,
    sheet_name: str,
    number: int,
) -> AnswerRow:
    row = _Cells(cells, columns, header, (name, sheet_name, number))
    person, doi, issued, prefill = (
        row.get(KEY_PERSON),
        row.get(KEY_DOI),
        row.get(KEY_ISSUED),
        row.get(KEY_PREFILL),
    )
    position_text = row.get(KEY_POSITION)
    position = int(position_text) if position_text.isdecimal() else -1
    if row_digest(person, doi, position, issued, prefill) != row.get(KEY_DIGEST):
        raise row.refuse(
            KEY_DIGEST,
            "the hidden keys of this row were edited (their digest no longer matches): the "
            "answer cannot be told apart from another paper's",
        )
    if "DOI" in columns and row.get("DOI").casefold() != doi.casefold():
        raise row.refuse("DOI", f"{row.get('DOI')!r} is not this row's paper ({doi})")
    roles, cells_code = _roles(row)
    return AnswerRow(
        file=name,
        sheet=sheet_name,
        row=number,
        person=person,
        doi=doi,
        position=position,
        issued=issued,
        answer=_answer(row),
        roles=roles,
        changed=cells_code != prefill,
    )


def _answer(row: _Cells) -> Answer | None:
    text = row.get(ANSWER_COLUMN)
    if not text:
        return None
    answer = _ANSWERS.get(" ".join(text.split()).casefold())
    if answer is None:
        choices = ", ".join(repr(a.value) for a in Answer)
        raise row.refuse(ANSWER_COLUMN, f"{text!r} is not an answer; choose {choices} or leave it")
    return answer


@functools.cache
def _assignment(slug: str, degree: Degree | None) -> RoleAssignment:
    """One shared (frozen) object per role and degree: an import of 200 sheets holds tens of
    thousands of ticks, and the rows read on other cores travel back pickled, each distinct
    object spelt out in full (a shared one is pickled once)."""
    return RoleAssignment(role=slug, degree=degree)


def _roles(row: _Cells) -> tuple[tuple[RoleAssignment, ...], str]:
    """The roles held, in CRediT's order, and the cells as the pre-fill code spells them."""
    held: list[RoleAssignment] = []
    code: dict[str, str] = {}
    for slug in (column for column in row.columns if column not in _NOT_ROLES):
        text = row.get(slug).casefold()
        if text in _NOT_HELD:
            continue
        if text in _HELD:
            held.append(_assignment(slug, None))
            code[slug] = HELD
            continue
        degree = next((d for d in Degree if d.value == text), None)
        if degree is None:
            raise row.refuse(
                slug,
                f"{row.get(slug)!r} is not an answer for a role; use yes, no, lead, equal or "
                "supporting",
            )
        held.append(_assignment(slug, degree))
        code[slug] = degree.value
    order = {slug: n for n, (slug, _label) in enumerate(ROLE_COLUMNS)}
    held.sort(key=lambda assignment: order[assignment.role])
    return tuple(held), prefill_code(code)

"""A team roster (CSV, TSV or .xlsx): a row per person with their name, ORCID iD, whether they
are a team member, and other spellings of their name. Pure.

The columns are found by their headers, in any order and case: `name` (needed), `orcid` or
`ORCID iD`, `member` (yes/no, true/false, 1/0; yes when the column is missing or the cell
empty) and `spellings` (several separated by ';'). A bad cell is refused with its file, line
and column, and then nothing is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_orcid
from credit_tracker.domain.names import PersonName, clean, parse_display_name
from credit_tracker.parse.spreadsheet import checked_row, read_sheet

_COLUMNS = {
    "name": "name",
    "orcid": "orcid",
    "orcid id": "orcid",
    "orcid id (optional)": "orcid",
    "member": "member",
    "team member": "member",
    "spellings": "spellings",
    "other spellings": "spellings",
}
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0"}


@dataclass(frozen=True)
class RosterEntry:
    """One person of the roster, with the line they were read from."""

    name: PersonName
    orcid: str | None
    member: bool
    line: int
    spellings: list[str] = field(default_factory=list)


def parse_roster(data: bytes, path: str, sheet: str | None = None) -> list[RosterEntry]:
    """Return the roster's people; InputError naming the file, line and column of a bad cell."""
    table = read_sheet(data, path, sheet=sheet)
    if not table.rows:
        raise InputError(
            "an empty roster: a header (name, ORCID iD, member, spellings) and a row per person",
            path=path,
        )
    header = [_COLUMNS.get(clean(cell).casefold(), "") for cell in table.rows[0]]
    if "name" not in header:
        raise InputError("no 'name' column in the roster's header", path=path, line=table.lines[0])
    entries = []
    for row, line in zip(table.rows[1:], table.lines[1:], strict=True):
        cells = checked_row(row, table.rows[0], path, line)
        values = {name: clean(cell) for name, cell in zip(header, cells, strict=False) if name}
        if not any(values.values()):
            continue  # a blank line
        entries.append(_entry(values, path, line))
    return entries


def _entry(values: dict[str, str], path: str, line: int) -> RosterEntry:
    if not values.get("name"):
        raise InputError("no name", path=path, line=line, field="name")
    orcid = None
    if values.get("orcid"):
        try:
            orcid = normalize_orcid(values["orcid"])
        except InputError as exc:
            raise InputError(exc.reason, path=path, line=line, field="ORCID iD") from None
    member = values.get("member", "").casefold()
    if member and member not in _YES | _NO:
        raise InputError(
            f"member {values['member']!r}: yes or no", path=path, line=line, field="member"
        )
    spellings = [clean(s) for s in values.get("spellings", "").split(";") if clean(s)]
    return RosterEntry(
        name=parse_display_name(values["name"]),
        orcid=orcid,
        member=member not in _NO,
        line=line,
        spellings=spellings,
    )

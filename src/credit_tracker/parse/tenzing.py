"""tenzing contributors tables read into the team's article records (export: tenzing_export); pure.

One table is one article: a row per contributor, a TRUE/FALSE column per CRediT role. A role cell
may also hold a degree ('lead', 'equal', 'supporting'), and a column may mark a role at one degree
('Methodology (lead)'). Rows of contributors who are not authors (tenzing's 'Author/Acknowledgee'
column) are kept for the export and never checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from credit_tracker.domain.credit import DEGREE_WORDS, ROLES, Degree
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_orcid
from credit_tracker.domain.models import RoleAssignment, TableLayout, TeamAuthor
from credit_tracker.domain.names import PersonName, clean, split_particle
from credit_tracker.parse.spreadsheet import (
    MAX_CELL_CHARACTERS,
    MAX_TABLE_BYTES,
    Sheet,
    decode_table,
    read_text_sheet,
)
from credit_tracker.parse.tenzing_columns import (
    BYLINE,
    CORRESPONDING,
    DEFAULT_COLUMNS,
    DOI,
    FIRST,
    MIDDLE,
    MISSING,
    NAME_COLUMNS,
    ORCID,
    ORDER,
    SURNAME,
    Header,
    RoleColumn,
    order_number,
    read_header,
)
from credit_tracker.parse.tenzing_export import export_table

__all__ = [
    "DEFAULT_COLUMNS",
    "MAX_CELL_CHARACTERS",
    "MAX_TABLE_BYTES",
    "ORCID",
    "ImportedAuthor",
    "ParsedTable",
    "decode_table",
    "export_table",
    "parse_rows",
    "parse_sheet",
    "parse_table",
    "table_rows",
]

# tenzing's values of 'Author/Acknowledgee', folded: only authors are on the byline.
_AUTHOR = {"author", ""}
_NOT_AUTHOR = {"acknowledgment only", "acknowledgement only", "don't agree to be named"}


@dataclass(frozen=True)
class ImportedAuthor:
    """One parsed row: the author and the person facts the row states."""

    author: TeamAuthor
    orcid: str | None
    line: int


@dataclass
class ParsedTable:
    """A tenzing table read into authors, in byline order."""

    columns: list[str]
    authors: list[ImportedAuthor] = field(default_factory=list)
    not_on_byline: list[dict[str, str]] = field(default_factory=list)
    """Rows of contributors who are not authors, cell by cell, for the export."""
    layout: TableLayout | None = None


def parse_table(text: str, path: str) -> ParsedTable:
    """Parse one article's table from CSV or TSV text. Raises InputError naming line and column."""
    return parse_sheet(read_text_sheet(text, path))


def parse_sheet(sheet: Sheet) -> ParsedTable:
    """Parse one article's table from its rows (a text file's or a workbook sheet's)."""
    header = read_header(sheet.rows[0], sheet.path)
    if header.has(DOI):
        raise InputError(
            "the table has a DOI column, so it holds many articles: import it without a DOI",
            path=sheet.path,
            line=1,
            field=header.columns[header.index[DOI]],
        )
    return parse_rows(header, list(table_rows(sheet, header)), sheet.path, sheet.layout)


def table_rows(sheet: Sheet, header: Header) -> Iterator[tuple[int, list[str]]]:
    """Yield (line, cells) for each row that is not blank; InputError for a row of wrong length."""
    width = len(header.columns)
    for line, row in zip(sheet.lines[1:], sheet.rows[1:], strict=True):
        if not any(cell.strip() for cell in row):
            continue
        if sheet.pad_short_rows and len(row) < width:
            row = row + [""] * (width - len(row))
        if len(row) != width:
            raise InputError(
                f"{len(row)} fields, but the header has {width}", path=sheet.path, line=line
            )
        yield line, row


def parse_rows(
    header: Header, rows: list[tuple[int, list[str]]], path: str, layout: TableLayout | None
) -> ParsedTable:
    """Parse the rows of one article into authors in byline order; InputError for a bad row."""
    table = ParsedTable(columns=header.table_columns, layout=layout)
    kept = _kept_columns(header)
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        if not _on_byline(header, row, path, line):
            table.not_on_byline.append(_cells(header, row))
            continue
        imported = _parse_row(header, row, kept, path, line)
        printed = imported.author.printed
        key = (printed.given.casefold(), printed.family_full.casefold())
        if key in seen:
            raise InputError(
                f"duplicate author {printed.display()!r} (also on line {seen[key]})",
                path=path,
                line=line,
                field=SURNAME,
            )
        seen[key] = line
        table.authors.append(imported)
    if not table.authors:
        raise InputError("the table has a header but no authors", path=path)
    table.authors.sort(key=lambda item: order_number(item.author.order_label))
    return table


def _cells(header: Header, row: list[str]) -> dict[str, str]:
    doi = header.index.get(DOI)
    return {column: row[n] for n, column in enumerate(header.columns) if n != doi}


def _kept_columns(header: Header) -> list[tuple[int, str]]:
    """The columns an author's record keeps as they are (`extra`): all that are not modelled."""
    modelled = {*NAME_COLUMNS, CORRESPONDING} - {MIDDLE}
    modelled |= {header.columns[n] for n in header.roles}
    doi = header.index.get(DOI)
    return [
        (n, column)
        for n, column in enumerate(header.columns)
        if n != doi and column not in modelled
    ]


def _at(header: Header, row: list[str], name: str, default: str = MISSING) -> str:
    position = header.index.get(name)
    return default if position is None else row[position]


def _on_byline(header: Header, row: list[str], path: str, line: int) -> bool:
    value = clean(_at(header, row, BYLINE, "")).replace("\u2019", "'")
    kind = "" if value == MISSING else value.casefold()
    if kind in _AUTHOR:
        return True
    if kind in _NOT_AUTHOR:
        return False
    raise InputError(
        f"{value!r} is not 'Author', 'Acknowledgment only' or \"Don't agree to be named\"",
        path=path,
        line=line,
        field=BYLINE,
    )


def _parse_row(
    header: Header, row: list[str], kept: list[tuple[int, str]], path: str, line: int
) -> ImportedAuthor:
    surname = _value(_at(header, row, SURNAME))
    if surname is None:
        raise InputError("the surname is missing", path=path, line=line, field=SURNAME)
    first, middle = _value(_at(header, row, FIRST)), _value(_at(header, row, MIDDLE))
    given = " ".join(part for part in (first, middle) if part)
    particle, family = split_particle(surname)
    orcid_raw = _value(_at(header, row, ORCID))
    orcid = None
    if orcid_raw is not None:
        try:
            orcid = normalize_orcid(orcid_raw)
        except InputError as exc:
            raise InputError(exc.reason, path=path, line=line, field=ORCID) from None
    corresponding = _at(header, row, CORRESPONDING, "FALSE")
    author = TeamAuthor(
        person="",
        printed=PersonName(given=given, family=family, particle=particle),
        roles=_parse_roles(header, row, path, line),
        corresponding=_boolean(corresponding, path, line, CORRESPONDING) or False,
        order_label=_at(header, row, ORDER).strip(),
        extra={column: row[n] for n, column in kept},
    )
    return ImportedAuthor(author=author, orcid=orcid, line=line)


def _parse_roles(
    header: Header, row: list[str], path: str, line: int
) -> list[RoleAssignment] | None:
    cells = tuple([row[n] for n in header.roles])
    if cells not in header.roles_read:
        roles = _read_roles(header, row, path, line)  # raises for a bad cell: never remembered
        header.roles_read[cells] = None if roles is None else tuple(roles)
    known = header.roles_read[cells]
    return None if known is None else list(known)


def _read_roles(
    header: Header, row: list[str], path: str, line: int
) -> list[RoleAssignment] | None:
    marks = {
        n: _role_mark(row[n], role, path, line, header.columns[n])
        for n, role in header.roles.items()
    }
    if all(mark is None for mark in marks.values()):
        return None  # every role NA: the team has not recorded this author's roles
    held: dict[str, Degree | None] = {}
    for position, mark in marks.items():
        role, column = header.roles[position], header.columns[position]
        if mark is None and role.degree is None:
            raise InputError(
                "NA in a role column while other roles are recorded; use TRUE or FALSE",
                path=path,
                line=line,
                field=column,
            )
        if mark is None or mark is False:
            continue  # FALSE, or a degree column left empty (it says 'not at this degree')
        degree = role.degree or (mark if isinstance(mark, Degree) else None)
        before = held.get(role.slug)
        if before is not None and degree is not None and before is not degree:
            raise InputError(
                f"the role is marked both {before} and {degree}", path=path, line=line, field=column
            )
        held[role.slug] = before or degree
    return [RoleAssignment(role=r.slug, degree=held[r.slug]) for r in ROLES if r.slug in held]


def _role_mark(
    cell: str, role: RoleColumn, path: str, line: int, column: str
) -> bool | Degree | None:
    """TRUE, FALSE, NA (None), or a degree word in a plain role column."""
    degree = DEGREE_WORDS.get(cell.strip().casefold()) if role.degree is None else None
    if degree is not None:
        return degree
    try:
        return _boolean(cell, path, line, column)
    except InputError as exc:
        hint = "" if role.degree else ", or a degree (lead, equal, supporting)"
        raise InputError(exc.reason + hint, path=path, line=line, field=column) from None


def _value(cell: str) -> str | None:
    value = clean(cell)
    return None if value in ("", MISSING) else value


def _boolean(cell: str, path: str, line: int, column: str) -> bool | None:
    value = cell.strip()
    if value in ("", MISSING):
        return None
    if value.upper() == "TRUE":
        return True
    if value.upper() == "FALSE":
        return False
    raise InputError(f"{value!r} is not TRUE or FALSE", path=path, line=line, field=column)

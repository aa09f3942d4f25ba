"""tenzing contributors tables (CSV or TSV) to and from the team's article records; pure."""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field

from credit_tracker.domain.credit import ROLES, try_resolve_role
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_orcid
from credit_tracker.domain.models import ArticleRecord, RoleAssignment, TeamAuthor
from credit_tracker.domain.names import PersonName, clean, split_particle
from credit_tracker.domain.text import require_safe_text

ORDER, FIRST, MIDDLE, SURNAME = "Order in publication", "Firstname", "Middle name", "Surname"
ORCID, CORRESPONDING = "ORCID iD", "Corresponding author?"
NAME_COLUMNS = (ORDER, FIRST, MIDDLE, SURNAME)
MISSING = "NA"


def _tenzing_label(label: str) -> str:
    """tenzing writes role columns with a plain hyphen: 'Writing - review & editing'."""
    return label.replace("\u2013", "-")


DEFAULT_COLUMNS = [
    *NAME_COLUMNS,
    *(_tenzing_label(role.label) for role in ROLES),
    "Affiliation 1",
    "Affiliation 2",
    "Affiliation 3",
    "Funding",
    ORCID,
    "Email address",
    CORRESPONDING,
    "Conflict of interest",
]


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


MAX_TABLE_BYTES = 5 * 1024 * 1024


def decode_table(data: bytes, path: str) -> str:
    """Return the text of a table file; UTF-8 (a BOM is allowed), anything else is an InputError."""
    if len(data) > MAX_TABLE_BYTES:
        raise InputError(
            "the file is larger than 5 MiB; a contributors table is far smaller", path=path
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("the file is UTF-16; save it as UTF-8", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8 (Latin-1 or Windows-1252?); save it as "
            "UTF-8",
            path=path,
            line=line,
        ) from None
    if not text.strip():
        raise InputError("the file is empty", path=path)
    return text


def parse_table(text: str, path: str) -> ParsedTable:
    """Parse a tenzing contributors table. Raises InputError naming the line and column."""
    rows = _read_rows(text, path)
    header = rows[0]
    role_columns = _check_header(header, path)
    table = ParsedTable(columns=header)
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(
                f"{len(row)} fields, but the header has {len(header)}", path=path, line=index
            )
        cells = dict(zip(header, row, strict=True))
        imported = _parse_row(cells, role_columns, path, index)
        key = (
            imported.author.printed.given.casefold(),
            imported.author.printed.family_full.casefold(),
        )
        if key in seen:
            raise InputError(
                f"duplicate author {imported.author.printed.display()!r} (also on line "
                f"{seen[key]})",
                path=path,
                line=index,
                field=SURNAME,
            )
        seen[key] = index
        table.authors.append(imported)
    if not table.authors:
        raise InputError("the table has a header but no authors", path=path)
    table.authors.sort(key=lambda item: _order_number(item.author.order_label))
    return table


MAX_CELL_CHARACTERS = 10_000


def _read_rows(text: str, path: str) -> list[list[str]]:
    """Return the table's rows; InputError for unreadable CSV, long cells or unsafe characters."""
    delimiter = "\t" if "\t" in text.splitlines()[0] else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(_checked_row(row, rows[0] if rows else row, path, reader.line_num))
    except csv.Error as exc:
        # csv refuses cells over its field limit (128 KiB) and stray quotes, raising mid-file
        reason = "a cell is far too long" if "field limit" in str(exc) else str(exc)
        raise InputError(
            f"the table cannot be read: {reason}", path=path, line=reader.line_num
        ) from None
    return rows


def _checked_row(row: list[str], header: list[str], path: str, line: int) -> list[str]:
    for index, cell in enumerate(row):
        column = header[index] if index < len(header) else f"column {index + 1}"
        if len(cell) > MAX_CELL_CHARACTERS:
            raise InputError(
                f"the cell holds {len(cell):,} characters; a contributors table's cells are short",
                path=path,
                line=line,
                field=column,
            )
        require_safe_text(cell, field=column, path=path, line=line)
    return row


def _check_header(header: list[str], path: str) -> dict[str, str]:
    role_columns: dict[str, str] = {}
    for column in header:
        role = try_resolve_role(column) if column not in NAME_COLUMNS else None
        if role is not None:
            role_columns[column] = role.slug
    missing = [name for name in NAME_COLUMNS if name not in header]
    missing += [
        _tenzing_label(role.label) for role in ROLES if role.slug not in role_columns.values()
    ]
    unrecognised = [c for c in header if c not in role_columns and c not in DEFAULT_COLUMNS]
    for name in missing:
        close = difflib.get_close_matches(name, unrecognised, n=1, cutoff=0.4)
        hint = f" (is {close[0]!r} meant to be it?)" if close else ""
        raise InputError(f"missing column {name!r}{hint}", path=path, line=1, field=name)
    return role_columns


def _parse_row(
    cells: dict[str, str], role_columns: dict[str, str], path: str, line: int
) -> ImportedAuthor:
    surname = _value(cells[SURNAME])
    if surname is None:
        raise InputError("the surname is missing", path=path, line=line, field=SURNAME)
    first, middle = _value(cells[FIRST]), _value(cells[MIDDLE])
    given = " ".join(part for part in (first, middle) if part)
    particle, family = split_particle(surname)
    roles = _parse_roles(cells, role_columns, path, line)
    orcid_raw = _value(cells.get(ORCID, MISSING))
    orcid = None
    if orcid_raw is not None:
        try:
            orcid = normalize_orcid(orcid_raw)
        except InputError as exc:
            raise InputError(exc.reason, path=path, line=line, field=ORCID) from None
    corresponding = _boolean(cells.get(CORRESPONDING, "FALSE"), path, line, CORRESPONDING) or False
    modelled = {*NAME_COLUMNS, *role_columns, CORRESPONDING} - {MIDDLE}
    extra = {name: value for name, value in cells.items() if name not in modelled}
    author = TeamAuthor(
        person="",
        printed=PersonName(given=given, family=family, particle=particle),
        roles=roles,
        corresponding=corresponding,
        order_label=cells[ORDER].strip(),
        extra=extra,
    )
    return ImportedAuthor(author=author, orcid=orcid, line=line)


def _parse_roles(
    cells: dict[str, str], role_columns: dict[str, str], path: str, line: int
) -> list[RoleAssignment] | None:
    values = {column: _boolean(cells[column], path, line, column) for column in role_columns}
    if all(value is None for value in values.values()):
        return None  # every role NA: the team has not recorded this author's roles
    unknown = [column for column, value in values.items() if value is None]
    if unknown:
        raise InputError(
            "NA in a role column while other roles are recorded; use TRUE or FALSE",
            path=path,
            line=line,
            field=unknown[0],
        )
    slugs = {role_columns[column] for column, value in values.items() if value}
    return [RoleAssignment(role=role.slug) for role in ROLES if role.slug in slugs]


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


def _order_number(label: str | None) -> float:
    try:
        return float(label or "inf")
    except ValueError:
        return float("inf")


def export_table(record: ArticleRecord, orcids: dict[str, str | None]) -> str:
    """Return the record as a tenzing table; `orcids` maps person ids to their ORCID iDs."""
    columns = record.columns or DEFAULT_COLUMNS
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for position, author in enumerate(record.authors, start=1):
        cells = _export_cells(author, position, orcids.get(author.person))
        writer.writerow([_cell(author, cells, column) for column in columns])
    return out.getvalue()


def _export_cells(author: TeamAuthor, position: int, orcid: str | None) -> dict[str, str]:
    middle = author.extra.get(MIDDLE, MISSING)
    first = author.printed.given
    if middle != MISSING and first.endswith(" " + middle):
        first = first[: -len(middle) - 1]
    cells = {
        ORDER: author.order_label or str(position),
        FIRST: first or MISSING,
        MIDDLE: middle,
        SURNAME: author.printed.family_full,
        CORRESPONDING: _bool_text(author.corresponding),
    }
    raw_orcid = author.extra.get(ORCID, MISSING)
    same = raw_orcid != MISSING and orcid and _orcid_or_none(raw_orcid) == orcid
    cells[ORCID] = raw_orcid if same or not orcid else orcid
    return cells


def _cell(author: TeamAuthor, cells: dict[str, str], column: str) -> str:
    if column in cells:
        return cells[column]
    role = try_resolve_role(column) if column not in NAME_COLUMNS else None
    if role is None:
        return author.extra.get(column, MISSING)
    if author.roles is None:
        return MISSING
    return _bool_text(any(assignment.role == role.slug for assignment in author.roles))


def _orcid_or_none(text: str) -> str | None:
    try:
        return normalize_orcid(text)
    except InputError:
        return None


def _bool_text(value: bool) -> str:
    return "TRUE" if value else "FALSE"

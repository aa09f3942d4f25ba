"""tenzing contributors tables written back from a record: the same columns, delimiter and lines.

An unchanged record exports byte for byte as it was imported; rows of contributors who are not
authors go back among the authors by their order in publication. A cell that would start a
formula in a spreadsheet (a name Crossref registered as '=HYPERLINK(…)') is written with a
leading ' (domain/text.spreadsheet_cell), as every table the tool writes. Pure.
"""

from __future__ import annotations

import csv
import io

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_orcid
from credit_tracker.domain.models import ArticleRecord, TableLayout, TeamAuthor
from credit_tracker.domain.text import spreadsheet_cell
from credit_tracker.parse.tenzing_columns import (
    CORRESPONDING,
    DEFAULT_COLUMNS,
    FIRST,
    MIDDLE,
    MISSING,
    ORCID,
    ORDER,
    SURNAME,
    RoleColumn,
    order_number,
    role_column,
)


def export_table(record: ArticleRecord, orcids: dict[str, str | None]) -> str:
    """Return the record as a tenzing table; `orcids` maps person ids to their ORCID iDs.

    Written with the imported table's delimiter and line ending; rows of contributors who are
    not authors go back among the authors by their order in publication.
    """
    columns = record.columns or DEFAULT_COLUMNS
    layout = record.layout or TableLayout()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=layout.delimiter, lineterminator=layout.newline)
    writer.writerow([spreadsheet_cell(column) for column in columns])
    roles = {column: role_column(column) for column in columns}
    authors = [
        [
            _cell(author, _export_cells(author, n, orcids.get(author.person)), column, roles)
            for column in columns
        ]
        for n, author in enumerate(record.authors, start=1)
    ]
    others = sorted(
        (
            (order_number(row.get(ORDER)), [row.get(c, MISSING) for c in columns])
            for row in record.not_on_byline
        ),
        key=lambda item: item[0],
    )
    rows = _merged(record, authors, others)
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def _merged(
    record: ArticleRecord, authors: list[list[str]], others: list[tuple[float, list[str]]]
) -> list[list[str]]:
    """Authors in byline order; each other row before the first author later in order."""
    merged: list[list[str]] = []
    for author, row in zip(record.authors, authors, strict=True):
        while others and others[0][0] < order_number(author.order_label):
            merged.append(others.pop(0)[1])
        merged.append(row)
    return merged + [row for _number, row in others]


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


def _cell(
    author: TeamAuthor, cells: dict[str, str], column: str, roles: dict[str, RoleColumn | None]
) -> str:
    if column in cells:
        return cells[column]
    role = roles[column]
    if role is None:
        return author.extra.get(column, MISSING)
    if author.roles is None:
        return MISSING
    held = next((a for a in author.roles if a.role == role.slug), None)
    if role.degree is not None:
        return _bool_text(held is not None and held.degree is role.degree)
    if held is None:
        return "FALSE"
    degree_column = RoleColumn(role.slug, held.degree) in roles.values()
    return held.degree.value if held.degree and not degree_column else "TRUE"


def _orcid_or_none(text: str) -> str | None:
    try:
        return normalize_orcid(text)
    except InputError:
        return None


def _bool_text(value: bool) -> str:
    return "TRUE" if value else "FALSE"

"""A team's table of many articles: tenzing's columns plus a DOI column, a row per author. Pure.

This is how research offices keep their list (one sheet, filled in Excel or Google Sheets). The
rows of one DOI need not be next to each other; each article's rows are read as one tenzing table.
"""

from __future__ import annotations

from dataclasses import dataclass

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.parse.spreadsheet import Sheet
from credit_tracker.parse.tenzing import ParsedTable, parse_rows, table_rows
from credit_tracker.parse.tenzing_columns import DOI, read_header


@dataclass(frozen=True)
class ArticleTable:
    """One article's rows of a team's table, read as its tenzing table."""

    doi: str
    table: ParsedTable
    line: int
    """The line of the article's first row, for messages."""


def parse_team_table(sheet: Sheet) -> list[ArticleTable]:
    """Return each article of the table, in the order of their first rows.

    Raises InputError naming the file, line and column of the first bad cell (a DOI that is not
    one, a role that is not TRUE or FALSE, ...): a table is taken whole or not at all.
    """
    header = read_header(sheet.rows[0], sheet.path)
    if not header.has(DOI):
        raise InputError(
            "no DOI column: give the article's DOI (records import DOI FILE) or add a DOI column",
            path=sheet.path,
            line=1,
            field=DOI,
        )
    column = header.index[DOI]
    groups: dict[str, list[tuple[int, list[str]]]] = {}
    dois: dict[str, str] = {}  # each article's cell, as written, normalised once for all its rows
    for line, row in table_rows(sheet, header):
        doi = dois.get(row[column])
        if doi is None:
            try:
                doi = dois[row[column]] = normalize_doi(row[column])
            except InputError as exc:
                raise InputError(
                    exc.reason, path=sheet.path, line=line, field=header.columns[column]
                ) from None
        groups.setdefault(doi, []).append((line, row))
    if not groups:
        raise InputError("the table has a header but no authors", path=sheet.path)
    return [
        ArticleTable(
            doi=doi, table=parse_rows(header, rows, sheet.path, sheet.layout), line=rows[0][0]
        )
        for doi, rows in groups.items()
    ]

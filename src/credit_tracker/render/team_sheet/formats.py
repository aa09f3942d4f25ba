"""The team's sheet: tenzing's columns plus a DOI column, a row per author per article, the
table `records import FILE` reads (parse/team_table.py) back into the same records. Pure.

Each article's rows are its own tenzing export (parse/tenzing_export.py: its columns, the
authors in byline order, the rows of people not on the byline kept), so what an article was
imported with comes back; articles with other columns than the first add theirs to the header,
with 'NA' where an article has none.
"""

from __future__ import annotations

import csv
import io
from abc import ABC, abstractmethod
from dataclasses import dataclass

from credit_tracker.domain.models import ArticleRecord, Person
from credit_tracker.parse.tenzing_columns import MISSING
from credit_tracker.parse.tenzing_export import export_table

SHEET_TITLE = "credit-tracker team"


@dataclass(frozen=True)
class TeamTable:
    """The sheet's header (DOI first) and its rows of text cells."""

    header: list[str]
    rows: list[list[str]]


def team_table(articles: dict[str, ArticleRecord], people: dict[str, Person]) -> TeamTable:
    """Every article's tenzing rows under one header, articles by DOI."""
    orcids = {pid: person.orcid for pid, person in people.items()}
    columns: list[str] = []
    tables = []
    for doi in sorted(articles):
        # comma and LF whatever the article was imported with: one sheet has one layout
        record = articles[doi].model_copy(update={"layout": None})
        header, *rows = csv.reader(io.StringIO(export_table(record, orcids)))
        columns += [column for column in header if column not in columns]
        tables.append((doi, [dict(zip(header, row, strict=True)) for row in rows]))
    return TeamTable(
        header=["DOI", *columns],
        rows=[
            [doi, *(row.get(column, MISSING) for column in columns)]
            for doi, rows in tables
            for row in rows
        ],
    )


class TeamSheetFormat(ABC):
    """Writes the team's sheet as the bytes of one file."""

    @abstractmethod
    def render(self, table: TeamTable) -> bytes:
        """Return the whole file."""


class TeamCsv(TeamSheetFormat):
    """UTF-8 CSV, comma and LF."""

    def render(self, table: TeamTable) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.header)
        writer.writerows(table.rows)
        return out.getvalue().encode("utf-8")


class TeamXlsx(TeamSheetFormat):
    """One sheet of text cells (a number or date never reinterpreted by Excel)."""

    def render(self, table: TeamTable) -> bytes:
        import openpyxl  # type: ignore[import-untyped]  # imported here: only this format needs it

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = SHEET_TITLE
        for row in [table.header, *table.rows]:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                cell.data_type = "s"  # text, as written
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

"""What a file to import holds: one article's table, an exported record, or a team's table. Pure.

Shared by `records import` and the desk's import form, so both read a file the same way.
"""

from __future__ import annotations

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import ArticleRecord
from credit_tracker.parse.record_json import is_json, parse_record_json
from credit_tracker.parse.spreadsheet import MAX_TEAM_TABLE_BYTES, read_sheet
from credit_tracker.parse.team_table import parse_team_table
from credit_tracker.parse.tenzing import ParsedTable, parse_sheet

Article = tuple[str, ParsedTable | ArticleRecord]
"""An article to import: its DOI and its table, or a whole exported record."""


def read_articles(
    data: bytes, name: str, doi: str | None, sheet: str | None, title: str | None
) -> list[Article]:
    """Return the articles the file `name` holds. Raises InputError naming the line and field.

    With `doi`, the file is that article's tenzing table (or its exported JSON record); without,
    a team's table of many articles (tenzing's columns plus DOI) or an exported record.
    """
    key = normalize_doi(doi) if doi is not None else None
    if is_json(name):
        record = parse_record_json(data, name)
        if key is not None and key != record.doi:
            raise InputError(f"the file is the record of {record.doi}, not {key}", path=name)
        if title is not None:
            record = record.model_copy(update={"title": title})
        return [(record.doi, record)]
    if key is not None:
        return [(key, parse_sheet(read_sheet(data, name, sheet=sheet)))]
    if title is not None:
        raise InputError(
            "--title is for one article: give its DOI before the file", field="--title"
        )
    sheet_rows = read_sheet(data, name, sheet=sheet, max_bytes=MAX_TEAM_TABLE_BYTES)
    return [(article.doi, article.table) for article in parse_team_table(sheet_rows)]

"""`records import` and `records export`: a team's or one article's record as a file and back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _emit, _store
from credit_tracker.cli.options import format_option, output_option, quiet_option
from credit_tracker.cli.records import members_option, read_input, records_group, report_people
from credit_tracker.render.exports import EXPORT_FORMATS

if TYPE_CHECKING:
    from credit_tracker.domain.models import ArticleRecord
    from credit_tracker.parse.tenzing import ParsedTable
    from credit_tracker.services.records import Imported


@records_group.command("import")
@click.argument("first", metavar="[DOI]")
@click.argument("second", metavar="FILE", required=False)
@click.option("--title", help="The article's title, to keep with the record (with a DOI).")
@click.option("--sheet", help="The sheet to read, in an .xlsx workbook with several.")
@members_option
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@quiet_option("Only the summary line (and errors); not a line per changed record.")
@click.pass_context
def records_import(
    ctx: click.Context,
    first: str,
    second: str | None,
    title: str | None,
    sheet: str | None,
    members: tuple[str, ...],
    dry_run: bool,
    quiet: bool,
) -> None:
    """Read a tenzing contributors table (CSV, TSV or .xlsx) into the team's records.

    With a DOI, FILE is one article's table. Without, FILE holds many articles: tenzing's
    columns plus a DOI column, a row per author per article (the team's list, as kept in
    Excel or Google Sheets). A JSON file written by 'records export --format json' imports
    back. The delimiter (comma, tab or semicolon) is detected and the line ending kept.
    Importing again replaces an article's record and lists what changed; records that did not
    change are counted in the closing line ("3,000 unchanged, 2 changed, 0 created"), not
    listed. A bad cell is reported with its line and column, and nothing is written.

    \b
    Examples:
      credit-tracker records import 10.1371/journal.pone.0185809 contributors.csv
      credit-tracker records import team.xlsx --sheet Articles --members 0000-0002-1825-0097
      credit-tracker records import aimms.json
      credit-tracker records import team.xlsx --dry-run --quiet
    """
    from credit_tracker.services.records import import_articles, preview_import

    doi, file = (first, Path(second)) if second is not None else (None, Path(first))
    articles = _read_articles(file, doi, sheet, title)
    if dry_run:
        done = preview_import(_store(ctx), articles, members, path=str(file), title=title)
    else:
        done = import_articles(_store(ctx), articles, members, path=str(file), title=title)
    if not quiet:
        _report_imports(done, dry_run)
    click.echo(import_summary(done, dry_run), err=True)


def import_summary(done: Imported, dry_run: bool) -> str:
    """The closing line: how many records are unchanged, changed and created."""
    created = sum(1 for r in done.results if r.created)
    changed = sum(1 for r in done.results if not r.created and (r.changes or r.draft_ended))
    unchanged = len(done.results) - created - changed
    counts = f"{unchanged:,} unchanged, {changed:,} changed, {created:,} created"
    return f"records import: {counts}" + (" (dry run: nothing written)" if dry_run else "")


def _read_articles(
    file: Path, doi: str | None, sheet: str | None, title: str | None
) -> list[tuple[str, ParsedTable | ArticleRecord]]:
    """The articles a file holds: one table, one exported record, or a team's table of many."""
    from credit_tracker.parse.import_file import read_articles

    return read_articles(read_input(file), str(file), doi, sheet, title)


def _report_imports(done: Imported, dry_run: bool) -> None:
    from credit_tracker.domain.models import title_label
    from credit_tracker.render.visible import visible

    for result in done.results:
        if not (result.created or result.changes or result.draft_ended):
            continue  # counted in the summary: a sheet of 3,000 unchanged gives one line
        record = done.articles[result.doi]
        verb = (
            ("would create" if dry_run else "created")
            if result.created
            else ("would replace" if dry_run else "replaced")
        )
        about = title_label(record)
        title = f"; {visible(about)}" if about else ""
        click.echo(
            f"{verb} the record for {result.doi}: {len(record.authors)} author(s){title}", err=True
        )
        for change in result.changes:
            click.echo(f"  {change}", err=True)
        if result.draft_ended:
            click.echo("  roles recorded; no longer a draft", err=True)
    report_people(
        done.created,
        done.promoted,
        done.notices,
        done.people,
        list_co_authors=len(done.results) == 1,
    )


@records_group.command("export")
@click.argument("doi")
@format_option(
    EXPORT_FORMATS,
    default="tenzing",
    help=(
        "tenzing table, JSON, a CRediT author statement, or JATS <contrib> markup with JATS4R "
        "roles."
    ),
)
@output_option("Write here instead of stdout.")
@click.pass_context
def records_export(ctx: click.Context, doi: str, fmt: str, output: Path | None) -> None:
    """Write the record for DOI as a tenzing table (round-trip exact), JSON, a statement or JATS.

    The JSON form imports back with 'records import FILE.json'.

    \b
    Examples:
      credit-tracker records export 10.5555/aimms-mentoring-2025 --output aimms.csv
      credit-tracker records export 10.5555/aimms-mentoring-2025 --format statement
      credit-tracker records export 10.5555/aimms-mentoring-2025 --format jats
    """
    from credit_tracker.services.records import one_article

    found = one_article(_store(ctx), doi)
    exported = EXPORT_FORMATS[fmt]().render(found.record, found.people)
    if exported.left_out:
        click.echo(f"left out (roles not recorded): {', '.join(exported.left_out)}", err=True)
    _emit(exported.text, output)

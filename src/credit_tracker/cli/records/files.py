"""`records import` and `records export`: a team's or one article's record as a file and back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _emit, _store, write_output
from credit_tracker.cli.options import output_option, quiet_option
from credit_tracker.cli.records import members_option, read_input, records_group, report_people
from credit_tracker.domain.errors import InputError
from credit_tracker.render.exports import EXPORT_FORMATS
from credit_tracker.render.team_sheet import TEAM_SHEET_FORMATS

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
@click.argument("doi", required=False)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="The whole team's sheet (csv or xlsx): a row per author per article, with a DOI column.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*EXPORT_FORMATS.names, *TEAM_SHEET_FORMATS.names]),
    default=None,
    help=(
        "One article: tenzing (default), json, statement, or jats (<contrib> markup with JATS4R "
        "roles). With --all: csv (default) or xlsx. Default also from --output's extension."
    ),
)
@output_option("Write here instead of stdout.")
@click.pass_context
def records_export(
    ctx: click.Context, doi: str | None, everything: bool, fmt: str | None, output: Path | None
) -> None:
    """Write the record for DOI as a tenzing table (round-trip exact), JSON, a statement or JATS;
    or, with --all, the whole team as one sheet that 'records import' reads back unchanged.

    The JSON form imports back with 'records import FILE.json'.

    \b
    Examples:
      credit-tracker records export 10.5555/aimms-mentoring-2025 --output aimms.csv
      credit-tracker records export 10.5555/aimms-mentoring-2025 --format statement
      credit-tracker records export 10.5555/aimms-mentoring-2025 --format jats
      credit-tracker records export --all --output team.xlsx
    """
    if everything:
        _export_team(ctx, doi, fmt, output)
        return
    from credit_tracker.services.records import one_article

    if doi is None:
        raise InputError("name the article's DOI, or give --all for the whole team")
    name = fmt or EXPORT_FORMATS.named_by(output)
    if name not in EXPORT_FORMATS:
        raise InputError(
            f"--format {name} is for --all; one article's formats: "
            f"{', '.join(EXPORT_FORMATS.names)}"
        )
    found = one_article(_store(ctx), doi)
    exported = EXPORT_FORMATS[name]().render(found.record, found.people)
    if exported.left_out:
        click.echo(f"left out (roles not recorded): {', '.join(exported.left_out)}", err=True)
    _emit(exported.text, output)


def _export_team(ctx: click.Context, doi: str | None, fmt: str | None, output: Path | None) -> None:
    """`records export --all`: every article in one sheet."""
    from credit_tracker.render.team_sheet.formats import team_table

    if doi is not None:
        raise InputError("--all exports every article: leave out the DOI")
    name = fmt or TEAM_SHEET_FORMATS.named_by(output)
    if name not in TEAM_SHEET_FORMATS:
        raise InputError(f"--all writes {' or '.join(TEAM_SHEET_FORMATS.names)}, not {name}")
    if name == "xlsx" and output is None:
        raise InputError("an .xlsx workbook needs --output FILE.xlsx")
    records = _store(ctx).load()
    data = TEAM_SHEET_FORMATS[name]().render(team_table(records.articles, records.people))
    if output is None:
        click.echo(data, nl=False)
    else:
        write_output(output, data)
    click.echo(f"exported {len(records.articles)} article(s) as one sheet", err=True)

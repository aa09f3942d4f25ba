"""The records commands: import, export, list and show the team's article records."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _emit, _store, cli
from credit_tracker.domain.errors import InputError

if TYPE_CHECKING:
    from credit_tracker.domain.models import ArticleRecord, Person
    from credit_tracker.parse.tenzing import ParsedTable
    from credit_tracker.services.records import Imported


@cli.group("records")
def records_group() -> None:
    """Add, import, edit, export, list and show the team's article records."""


members_option = click.option(
    "--members",
    "members",
    multiple=True,
    metavar="ORCID|NAME,...",
    help=(
        "The team members among the authors, by ORCID iD or name (comma-separated, "
        "repeatable); everyone else is a co-author."
    ),
)


def read_input(path: Path) -> bytes:
    """The bytes of a file named on the command line ('-' is stdin); InputError if it cannot be."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("a folder, not a file", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path=str(path)) from None


@records_group.command("import")
@click.argument("first", metavar="[DOI]")
@click.argument("second", metavar="FILE", required=False)
@click.option("--title", help="The article's title, to keep with the record (with a DOI).")
@click.option("--sheet", help="The sheet to read, in an .xlsx workbook with several.")
@members_option
@click.pass_context
def records_import(
    ctx: click.Context,
    first: str,
    second: str | None,
    title: str | None,
    sheet: str | None,
    members: tuple[str, ...],
) -> None:
    """Read a tenzing contributors table (CSV, TSV or .xlsx) into the team's records.

    With a DOI, FILE is one article's table. Without, FILE holds many articles: tenzing's
    columns plus a DOI column, a row per author per article (the team's list, as kept in
    Excel or Google Sheets). A JSON file written by 'records export --format json' imports
    back. The delimiter (comma, tab or semicolon) is detected and the line ending kept.
    Importing again replaces an article's record and lists what changed. A bad cell is
    reported with its line and column, and nothing is written.

    \b
    Examples:
      credit-tracker records import 10.1371/journal.pone.0185809 contributors.csv
      credit-tracker records import team.xlsx --sheet Articles --members 0000-0002-1825-0097
      credit-tracker records import aimms.json
    """
    from credit_tracker.services.records import import_articles

    doi, file = (first, Path(second)) if second is not None else (None, Path(first))
    articles = _read_articles(file, doi, sheet, title)
    done = import_articles(_store(ctx), articles, members, path=str(file), title=title)
    _report_imports(done)


def _read_articles(
    file: Path, doi: str | None, sheet: str | None, title: str | None
) -> list[tuple[str, ParsedTable | ArticleRecord]]:
    """The articles a file holds: one table, one exported record, or a team's table of many."""
    from credit_tracker.parse.import_file import read_articles

    return read_articles(read_input(file), str(file), doi, sheet, title)


def _report_imports(done: Imported) -> None:
    from credit_tracker.domain.models import title_label
    from credit_tracker.render.visible import visible

    for result in done.results:
        record = done.articles[result.doi]
        verb = "created" if result.created else "replaced"
        about = title_label(record)
        title = f"; {visible(about)}" if about else ""
        click.echo(
            f"{verb} the record for {result.doi}: {len(record.authors)} author(s){title}", err=True
        )
        for change in result.changes:
            click.echo(f"  {change}", err=True)
        if result.draft_ended:
            click.echo("  roles recorded; no longer a draft", err=True)
        if not result.created and not result.changes:
            click.echo("  no changes", err=True)
    report_people(
        done.created,
        done.promoted,
        done.notices,
        done.people,
        list_co_authors=len(done.results) == 1,
    )


def report_people(
    created: list[str],
    promoted: list[str],
    notices: list[str],
    people: dict[str, Person],
    list_co_authors: bool,
) -> None:
    """Print the people a command created or made team members, and links it would not guess."""
    members = [pid for pid in created if people[pid].team_member]
    co_authors = [pid for pid in created if not people[pid].team_member]
    for pid in promoted:
        click.echo(f"  now a team member: {pid}", err=True)
    for pid in members:
        click.echo(f"  new team member: {pid}", err=True)
    if list_co_authors:
        for pid in co_authors:
            click.echo(f"  new person: {pid} (co-author)", err=True)
    elif co_authors:
        click.echo(f"  {len(co_authors)} new co-author(s), not team members", err=True)
    for notice in notices:
        click.echo(f"  {notice}", err=True)


@records_group.command("export")
@click.argument("doi")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tenzing", "json", "statement", "jats"]),
    default="tenzing",
    show_default=True,
    help=(
        "tenzing table, JSON, a CRediT author statement, or JATS <contrib> markup with JATS4R "
        "roles."
    ),
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
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
    import json

    from credit_tracker.parse.tenzing import export_table
    from credit_tracker.render.contributions import jats_contribs, statement
    from credit_tracker.services.records import one_article

    found = one_article(_store(ctx), doi)
    record, people = found.record, found.people
    if fmt == "json":
        text = json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "statement":
        text, left_out = statement(record)
        if left_out:
            click.echo(f"left out (roles not recorded): {', '.join(left_out)}", err=True)
    elif fmt == "jats":
        text = jats_contribs(record, people)
    else:
        text = export_table(record, {pid: person.orcid for pid, person in people.items()})
    _emit(text, output)


@records_group.command("list")
@click.pass_context
def records_list(ctx: click.Context) -> None:
    """List the articles in the records, with their latest snapshot state, year and title.

    \b
    Example:
      credit-tracker records list
    """
    from credit_tracker.render.visible import visible
    from credit_tracker.services.records import tracked_articles

    tracked = tracked_articles(_store(ctx))
    for item in tracked:
        record = item.record
        state = (
            ", ".join(
                f"{kind.value} {shot.state.value} {shot.fetched_at:%Y-%m-%d}"
                for kind, shot in sorted(item.newest.items())
            )
            or "never fetched"
        )
        year = f"({record.year}) " if record.year else ""
        flags = " [draft: roles not recorded]" if record.draft else ""
        title = visible(record.title or "")
        click.echo(f"{record.doi}\t{len(record.authors)} authors\t{state}\t{year}{title}{flags}")
    click.echo(f"{len(tracked)} article(s)", err=True)


@records_group.command("show")
@click.argument("doi")
@click.pass_context
def records_show(ctx: click.Context, doi: str) -> None:
    """Show the team's record for DOI: title, authors in order, roles, ORCID iDs, co-authors.

    \b
    Example:
      credit-tracker records show 10.5555/aimms-mentoring-2025
    """
    from credit_tracker.domain.models import role_text
    from credit_tracker.render.visible import visible
    from credit_tracker.services.records import one_article

    found = one_article(_store(ctx), doi)
    record = found.record
    where = ", ".join(str(part) for part in (record.journal, record.year) if part)
    click.echo(visible(f"{record.doi}  {record.title or ''}" + (f" ({where})" if where else "")))
    if record.note:
        click.echo(f"note: {record.note}")
    for position, author in enumerate(record.authors, start=1):
        person = found.people.get(author.person)
        orcid = f" ORCID {person.orcid}" if person and person.orcid else ""
        star = " (corresponding)" if author.corresponding else ""
        tag = "" if person is None or person.team_member else ", co-author"
        roles = role_text(author)
        roles = {"not recorded": "roles not recorded", "none": "no roles"}.get(roles, roles)
        click.echo(
            visible(
                f"{position:>3}. {author.printed.display()}{star}{orcid} [{author.person}{tag}]: "
                f"{roles}"
            )
        )

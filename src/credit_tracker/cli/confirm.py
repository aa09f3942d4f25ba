"""The confirm commands: ask authors to confirm their roles (one sheet per person), import their
answers, follow the round (who answered, who is overdue) and remind the overdue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _store, cli, write_output
from credit_tracker.cli.options import day, format_option
from credit_tracker.render.confirm import CONFIRM_FORMATS

if TYPE_CHECKING:
    from credit_tracker.domain.confirm_sheet import AnswerOutcome, ConfirmationSheet
    from credit_tracker.services.confirmation import Asked


@cli.group("confirm")
def confirm_group() -> None:
    """Ask authors to confirm their CRediT roles: sheets out, answers in, the round followed.

    What the publishers state only pre-fills a sheet; nothing reaches the team's record until
    the author answers.
    """


def _date_option(help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--date",
        "on",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help=f"{help} (YYYY-MM-DD; default: today).",
    )


def _people_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option(
        "--members", is_flag=True, help="Every team member (instead of naming PERSON...)."
    )(command)
    return click.argument("people", nargs=-1, metavar="[PERSON]...")(command)


def _writer(folder: Path, fmt: str) -> Callable[[ConfirmationSheet], str]:
    """Write each person's file into `folder` as '<person id><extension>', saying so as it
    goes (a line a person: the progress of a long request); return the file's name."""
    from credit_tracker.domain.errors import OutputError
    from credit_tracker.render.visible import visible

    output = CONFIRM_FORMATS[fmt]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror or exc})") from exc

    def write(sheet: ConfirmationSheet) -> str:
        name = f"{sheet.person}{output.extension}"
        write_output(folder / name, output().render(sheet))
        who = f"{visible(sheet.name)} [{sheet.person}]"
        click.echo(f"{who}: {len(sheet.papers)} paper(s) in {folder / name}", err=True)
        return name

    return write


def _remind_after(
    required: bool, help: str
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """--remind-after DAYS: how old an unanswered request is when it is overdue."""
    return click.option(
        "--remind-after",
        type=click.IntRange(min=0),
        required=required,
        default=None,
        metavar="DAYS",
        help=help,
    )


_OUTPUT_DIR = click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder to write one file per person into, named by the person's id.",
)


@confirm_group.command("request")
@_people_options
@click.option(
    "--all", "include_confirmed", is_flag=True, help="Also the papers the person confirmed."
)
@format_option(
    CONFIRM_FORMATS,
    default="xlsx",
    help="xlsx: the sheet to fill; csv: the same as CSV; eml: a draft e-mail carrying the "
    ".xlsx; md: a Markdown letter carrying the sheet as CSV.",
)
@_OUTPUT_DIR
@_date_option("The day of the request")
@click.pass_context
def confirm_request(
    ctx: click.Context,
    people: tuple[str, ...],
    members: bool,
    include_confirmed: bool,
    fmt: str,
    output: Path,
    on: datetime | None,
) -> None:
    """Write, for each person, the sheet of their papers to confirm, and note them asked.

    One row per tracked paper (title, journal, year, DOI, author position), one column per
    CRediT role (named as in tenzing's sheet), each cell pre-filled from what the publishers
    state with a note naming the sources. Papers the person confirmed already are left out
    unless --all. PERSON is an id, an ORCID iD or a name. Nothing is sent.

    \b
    Examples:
      credit-tracker confirm request --members --output sheets/
      credit-tracker confirm request "Jane Illes" --format eml --output letters/
      credit-tracker confirm request jane-illes --all --format csv --output sheets/
    """
    from credit_tracker.services.confirmation import request

    done = request(
        _store(ctx),
        people,
        members=members,
        include_confirmed=include_confirmed,
        today=day(on),
        write=_writer(output, fmt),
    )
    _nothing_to_ask(done)
    files = sum(1 for asked in done if asked.file)
    click.echo(f"confirm request: {files} file(s) written to {output}; nothing was sent", err=True)


def _nothing_to_ask(done: list[Asked]) -> None:
    from credit_tracker.render.visible import visible

    for asked in done:
        if asked.file is None:
            who = f"{visible(asked.person.name.display())} [{asked.person.id}]"
            click.echo(f"{who}: nothing to ask (every paper confirmed; --all asks again)", err=True)


@confirm_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_date_option("The day the answers were received")
@click.pass_context
def confirm_import(ctx: click.Context, files: tuple[Path, ...], on: datetime | None) -> None:
    """Record answered sheets (.xlsx, .csv, the Markdown letter, or an .eml carrying one) as
    the team's record, "confirmed by the author".

    A role ticked (yes, or lead, equal, supporting) is held; a role left blank is not. A row
    left as it was sent is not answered. "not my paper" and "I am not this author" are reported
    for the office to look at and change nothing. An answer that contradicts a later office
    edit or another answer for the same byline place is listed and not applied. A sheet whose
    hidden keys were edited, a person or DOI that does not match, a role column that is no
    CRediT role: the whole import is refused, naming file, sheet, row, column and field.

    \b
    Examples:
      credit-tracker confirm import answers/jane-illes.xlsx
      credit-tracker confirm import answers/*.xlsx replies/*.eml
    """
    from credit_tracker.cli.records import read_input
    from credit_tracker.services.confirmation import import_answers, read_answers

    sheets = read_answers((str(path), read_input(path)) for path in files)
    outcome = import_answers(_store(ctx), sheets, day(on))
    _outcome_lines(outcome)


def _outcome_lines(outcome: AnswerOutcome) -> None:
    from credit_tracker.render.visible import visible

    for title, lines in (
        ("recorded", outcome.applied),
        ("reported to the office (nothing changed)", outcome.disputes),
        ("not applied (contradicts another answer or a later edit)", outcome.conflicts),
        ("not answered yet", outcome.unanswered),
    ):
        if lines:
            click.echo(f"{title}:")
            for line in lines:
                click.echo(f"  {visible(line)}")
    click.echo(
        f"confirm import: {outcome.rows} row(s); {len(outcome.applied)} recorded, "
        f"{len(outcome.disputes)} reported to the office, {len(outcome.conflicts)} not applied, "
        f"{len(outcome.unanswered)} not answered yet",
        err=True,
    )


@confirm_group.command("status")
@_people_options
@_remind_after(
    required=False,
    help="A request older than this many days (since it or its last reminder) is overdue.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge ages as of this day (YYYY-MM-DD; default: today).",
)
@click.pass_context
def confirm_status(
    ctx: click.Context,
    people: tuple[str, ...],
    members: bool,
    remind_after: int | None,
    as_of: datetime | None,
) -> None:
    """Show where the round stands, per person and per paper: confirmed, asked, overdue,
    reported to the office (not my paper), never asked.

    Without PERSON or --members: everyone asked so far. An author who never answers stays
    'asked' (or 'overdue' with --remind-after); 'confirm remind' writes to them again.

    \b
    Examples:
      credit-tracker confirm status
      credit-tracker confirm status --members --remind-after 30
      credit-tracker confirm status "Jane Illes"
    """
    from collections import Counter

    from credit_tracker.render.visible import visible
    from credit_tracker.services.confirmation import status

    found = status(
        _store(ctx), people, members=members, today=day(as_of), remind_after=remind_after
    )
    person = None
    for place in found:
        if place.person != person:
            person = place.person
            click.echo(person)
        click.echo(
            f"  {visible(place.doi)}  author {place.position}  {place.state.value}: "
            f"{visible(place.detail)}"
        )
    counts = Counter(place.state.value for place in found)
    tally = ", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "nothing asked"
    click.echo(f"confirm status: {len(found)} paper place(s): {tally}", err=True)


@confirm_group.command("remind")
@_remind_after(
    required=True,
    help="Remind the people whose request (or last reminder) is older than this many days.",
)
@format_option(CONFIRM_FORMATS, default="eml", help="As for 'confirm request'.")
@_OUTPUT_DIR
@_date_option("The day of the reminders")
@click.pass_context
def confirm_remind(
    ctx: click.Context, remind_after: int, fmt: str, output: Path, on: datetime | None
) -> None:
    """Write a reminder to each person whose request is overdue, carrying a sheet of the papers
    they have not answered yet, and note the reminder. Nothing is sent.

    \b
    Example:
      credit-tracker confirm remind --remind-after 30 --output reminders/
    """
    from credit_tracker.services.confirmation import remind

    done = remind(_store(ctx), remind_after, day(on), _writer(output, fmt))
    click.echo(f"confirm remind: {len(done)} reminder(s) written to {output}", err=True)

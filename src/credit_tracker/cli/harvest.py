"""The harvest commands: works carrying a team member's ORCID iD that the records do not hold,
and the team's decisions about them (reject, accept)."""

from __future__ import annotations

from datetime import date, datetime

import click

from credit_tracker.cli.base import _normal_dois, _store, cli, finish
from credit_tracker.cli.options import format_option, mailto_option
from credit_tracker.render.harvest import HARVEST_FORMATS
from credit_tracker.render.lines import skipped_lines


@cli.group("harvest", invoke_without_command=True)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only works Crossref indexed on or after this date.",
)
@click.option(
    "--add", is_flag=True, help="Create draft records (roles not recorded) for the new articles."
)
@format_option(HARVEST_FORMATS, default="text")
@mailto_option
@click.option(
    "--page-size",
    type=click.IntRange(1, 1000),
    default=100,
    show_default=True,
    help="Works per Crossref page.",
)
@click.pass_context
def harvest_command(
    ctx: click.Context,
    since: datetime | None,
    add: bool,
    fmt: str,
    mailto: str | None,
    page_size: int,
) -> None:
    """List works carrying a team member's ORCID iD that are not in the records yet.

    Asks Crossref for the works of every team member with an ORCID iD (batched, following the
    cursor past the first page, with fetch's politeness and retries). New articles come first;
    a preprint whose Crossref record names a tracked article is listed under that article, and
    works of other kinds (datasets, book chapters, other preprints) are listed apart.
    Correction, retraction and new-version notices are not listed, nor are works rejected with
    'harvest reject' or removed with 'records remove'. Exits 0 whatever it finds (2 with no team
    member to harvest for, 3 if Crossref could not answer).

    \b
    Examples:
      credit-tracker harvest --since 2026-11-01
      credit-tracker harvest --add
      credit-tracker harvest --format csv > new-works.csv
      credit-tracker harvest --format markdown >> "$GITHUB_STEP_SUMMARY"
      credit-tracker harvest reject 10.32614/cran.package.rfishbase --note "software, not ours"
      credit-tracker harvest accept 10.1101/722215
    """
    if ctx.invoked_subcommand is not None:
        return
    from credit_tracker.services.clients import Clients
    from credit_tracker.services.harvest import harvest_team

    day = since.date().isoformat() if since else None
    done = harvest_team(_store(ctx), Clients.from_env(mailto), day, page_size, add=add)
    result = done.result
    if done.added:
        click.echo(f"added {done.added} draft record(s) and {done.new_people} new people", err=True)
    click.echo(HARVEST_FORMATS[fmt]().render(result.works, done.names), nl=False)
    for line in skipped_lines(result.malformed):
        click.echo(line, err=True)
    apart = len([w for w in result.works if w.group.value != "new"])
    click.echo(
        f"harvest: {len(result.works) - apart} new work(s), {apart} listed apart, "
        f"{result.set_aside} rejected or removed before, {result.notices_skipped} notice(s) "
        f"skipped, {result.pages} page(s), {done.requests} request(s)",
        err=True,
    )


@harvest_command.command("reject")
@click.argument("dois", nargs=-1, required=True, metavar="DOI...")
@click.option("--note", default="", help="Why the works are not the team's (kept with them).")
@click.pass_context
def harvest_reject(ctx: click.Context, dois: tuple[str, ...], note: str) -> None:
    """Say the works DOI... are not the team's: the harvest never lists them again.

    The decision is kept in the records (harvest.json, by DOI). A tracked DOI is refused: stop
    tracking it with 'records remove', which the harvest remembers too.

    \b
    Example:
      credit-tracker harvest reject 10.32614/cran.package.rfishbase --note "software, not ours"
    """
    from credit_tracker.domain.text import require_safe_text
    from credit_tracker.services.harvest import reject_works

    note = require_safe_text(note, field="--note")
    for line in reject_works(_store(ctx), _normal_dois(dois), note, date.today().isoformat()):
        click.echo(line, err=True)


@harvest_command.command("accept")
@click.argument("dois", nargs=-1, required=True, metavar="DOI...")
@mailto_option
@click.pass_context
def harvest_accept(ctx: click.Context, dois: tuple[str, ...], mailto: str | None) -> None:
    """Track the works DOI... the harvest listed: draft records, as 'harvest --add' makes.

    Crossref is asked for each DOI; team members are linked by ORCID iD, then by name. A work
    rejected before is accepted all the same, and its rejection forgotten.

    \b
    Example:
      credit-tracker harvest accept 10.1101/722215 10.1111/ele.13828
    """
    from credit_tracker.cli.records.add import report_added
    from credit_tracker.services.clients import Clients
    from credit_tracker.services.harvest import accept_works

    done = accept_works(_store(ctx), Clients.from_env(mailto), _normal_dois(dois))
    report_added(done)  # as records add says it
    finish(ctx, done.verdict)

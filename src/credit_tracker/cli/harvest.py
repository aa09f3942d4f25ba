"""The harvest command: works carrying a team member's ORCID iD that the records do not hold."""

from __future__ import annotations

from datetime import datetime

import click

from credit_tracker.cli.base import _store, cli
from credit_tracker.cli.options import format_option, mailto_option
from credit_tracker.render.harvest import HARVEST_FORMATS
from credit_tracker.render.lines import skipped_lines


@cli.command("harvest")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only works Crossref indexed on or after this date.",
)
@click.option(
    "--add", is_flag=True, help="Create draft records (roles not recorded) for the new works."
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

    Asks Crossref for the works of every person with an ORCID iD (batched, following the cursor
    past the first page, with fetch's politeness and retries). Correction, retraction and
    new-version notices are not listed. Exits 0 whatever it finds (3 if Crossref could not answer).

    \b
    Examples:
      credit-tracker harvest --since 2026-11-01
      credit-tracker harvest --add
      credit-tracker harvest --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
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
    click.echo(
        f"harvest: {len(result.works)} new work(s), {result.notices_skipped} notice(s) skipped, "
        f"{result.pages} page(s), {done.requests} request(s)",
        err=True,
    )

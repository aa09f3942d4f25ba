"""`records add`: tracking articles by DOI alone, with bylines and titles from Crossref."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _normal_dois, _store, finish
from credit_tracker.cli.options import mailto_option, quiet_option, warn_if_anonymous
from credit_tracker.cli.records import members_option, read_input, records_group, report_people
from credit_tracker.domain.errors import InputError

if TYPE_CHECKING:
    from credit_tracker.services.clients import Clients
    from credit_tracker.services.onboard import Onboarded


@records_group.command("add")
@click.argument("dois", nargs=-1)
@click.option(
    "--from",
    "from_file",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="A text file of DOIs, one a line, in any form ('-': standard input).",
)
@members_option
@mailto_option
@quiet_option("No progress; only what changed and errors.")
@click.pass_context
def records_add(
    ctx: click.Context,
    dois: tuple[str, ...],
    from_file: Path | None,
    members: tuple[str, ...],
    mailto: str | None,
    quiet: bool,
) -> None:
    """Track articles by DOI: bylines, titles, journal and year from Crossref.

    Crossref is asked in batched list queries (fetch's politeness and retries). Authors are
    recorded as registered, with roles "not recorded" (a draft, until the roles are set).
    Team members are linked by ORCID iD, then by name; --members names them among the new
    authors; everyone else is a co-author. Already-tracked DOIs are left alone and listed. A
    DOI Crossref does not know is reported and not added: the run then exits 3, with the
    rest added.

    \b
    Examples:
      credit-tracker records add 10.1371/journal.pone.0185809 https://doi.org/10.7717/peerj.4375
      credit-tracker records add --from dois.txt --members 0000-0002-1825-0097,"Jane Illés"
    """
    from credit_tracker.parse.doi_list import parse_doi_list
    from credit_tracker.services.onboard import add_articles, read_members

    wanted = list(dict.fromkeys(_normal_dois(dois)))
    if from_file is not None:
        listed = parse_doi_list(read_input(from_file), str(from_file))
        wanted = list(dict.fromkeys([*wanted, *listed]))
    if not wanted:
        raise InputError("no DOIs: name them, or give a file of them with --from")
    queries = read_members(members)
    clients = _clients(mailto, quiet)
    progress = None if quiet else (lambda n, total: click.echo(f"looked up {n}/{total}", err=True))
    done = add_articles(_store(ctx), clients, wanted, queries, progress)
    report_added(done)
    report_people(
        done.created, done.promoted, done.links, done.people, list_co_authors=len(done.added) == 1
    )
    click.echo(
        f"records add: {len(done.added)} added, {len(done.tracked)} already tracked, "
        f"{len(done.not_registered)} not found, {len(done.failed)} could not be looked up; "
        f"{done.lookups.requests} Crossref request(s)",
        err=True,
    )
    if done.lookups.interrupted:
        click.echo("credit-tracker: interrupted; the DOIs looked up before it were added", err=True)
    finish(ctx, done.verdict)


def _clients(mailto: str | None, quiet: bool) -> Clients:
    from credit_tracker.services.clients import Clients

    clients = Clients.from_env(mailto)
    warn_if_anonymous(clients.anonymous, quiet)
    return clients


def report_added(done: Onboarded) -> None:
    """A line per DOI: added (with its team members), already tracked, or not added and why."""
    from credit_tracker.domain.models import article_label
    from credit_tracker.render.visible import visible

    people = done.people
    for record in done.added:
        members = [
            people[a.person].name.display() for a in record.authors if people[a.person].team_member
        ]
        team = f"; team: {', '.join(members)}" if members else "; no team member on it"
        click.echo(
            visible(f"added {article_label(record)}: {len(record.authors)} author(s){team}"),
            err=True,
        )
    for tracked in done.tracked:
        click.echo(visible(f"already tracked: {article_label(tracked)}"), err=True)
    for doi in done.notices:
        click.echo(f"not added: {doi}: a correction or retraction notice, not an article", err=True)
    for missing in done.not_registered:
        click.echo(f"not added: {missing.doi}: {missing.reason}", err=True)
    for failed in done.failed:
        click.echo(f"not added: {failed.doi}: could not look it up ({failed.reason})", err=True)

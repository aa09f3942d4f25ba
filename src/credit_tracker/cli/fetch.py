"""The fetch command: what the publishers say about each article, stored as dated snapshots."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _store, cli, finish
from credit_tracker.cli.options import (
    mailto_option,
    quiet_option,
    warn_if_anonymous,
    xml_max_age_option,
)
from credit_tracker.domain.errors import InputError

if TYPE_CHECKING:  # imported lazily at run time: start-up stays quick for --help
    from credit_tracker.domain.runs import FetchSummary


@cli.command("fetch")
@click.argument("dois", nargs=-1)
@mailto_option
@click.option(
    "--jats",
    "jats_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the publisher's JATS XML for the one DOI given from this file (also as saved"
    " from PMC: an E-utilities article set or an OAI-PMH answer holding the one article).",
)
@xml_max_age_option(
    "Download publisher XML again after this many days even if Crossref shows no change."
)
@click.option(
    "--statement",
    "statement_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=(
        "Read the printed contribution statement for the one DOI given from a PDF, HTML page or "
        "text file."
    ),
)
@click.option(
    "--no-xml", is_flag=True, help="Ask Crossref only; download no publisher XML this time."
)
@click.option(
    "--orcid",
    "with_orcid",
    is_flag=True,
    help="Also read the team members' ORCID records: the contributors and roles they assert.",
)
@quiet_option("No progress; only the summary line and errors.")
@click.pass_context
def fetch_command(
    ctx: click.Context,
    dois: tuple[str, ...],
    mailto: str | None,
    jats_file: Path | None,
    statement_file: Path | None,
    xml_max_age: int,
    no_xml: bool,
    with_orcid: bool,
    quiet: bool,
) -> None:
    """Learn what the publishers say about each article and store dated snapshots.

    Without DOIs, fetches every article in the records. Crossref is asked in batches of 50
    DOIs; the publisher's side (PLOS, Europe PMC, then the Crossref record's full-text links and
    the publisher APIs whose keys are set: CREDIT_TRACKER_ELSEVIER_KEY,
    CREDIT_TRACKER_SPRINGER_NATURE_KEY, CREDIT_TRACKER_WILEY_TDM_TOKEN) is fetched again only
    when Crossref shows a change or the last copy is older than --xml-max-age days. Ends with
    one line per publisher: where its articles' roles could be read, and why not.

    \b
    Examples:
      credit-tracker fetch --mailto office@example.org
      credit-tracker fetch 10.1371/journal.pone.0185809
      credit-tracker fetch 10.1234/abc --jats article.xml
      credit-tracker fetch 10.1234/abc --statement article.pdf
      credit-tracker fetch --no-xml
      credit-tracker fetch --orcid
    """
    if statement_file is not None:
        _fetch_statement(ctx, dois, statement_file)
        return
    summary = _fetch(ctx, dois, mailto, jats_file, xml_max_age, quiet, xml=not no_xml)
    if with_orcid:
        _fetch_orcid(ctx, dois)
    finish(ctx, summary.verdict)


def _fetch_orcid(ctx: click.Context, dois: tuple[str, ...]) -> None:
    from credit_tracker.services.clients import Clients
    from credit_tracker.services.orcid import fetch_orcid

    read = fetch_orcid(_store(ctx), dois, Clients.from_env())
    click.echo(
        f"orcid: {read.works} work(s) found in team members' ORCID records, "
        f"{read.requests} request(s)",
        err=True,
    )


def _fetch_statement(ctx: click.Context, dois: tuple[str, ...], path: Path) -> None:
    from credit_tracker.services.local_sources import store_statement_file

    if len(dois) != 1:
        raise InputError("--statement needs exactly one DOI")
    stored = store_statement_file(_store(ctx), dois[0], path)
    shot = stored.snapshot
    click.echo(
        f"stored the {stored.kind} statement for {stored.doi}: {len(shot.authors)} author(s); "
        f"{'; '.join(str(problem) for problem in shot.problems)}",
        err=True,
    )


def _fetch_jats_file(ctx: click.Context, dois: tuple[str, ...], path: Path) -> FetchSummary:
    from credit_tracker.domain.runs import FetchSummary
    from credit_tracker.services.local_sources import store_jats_file

    if len(dois) != 1:
        raise InputError("--jats needs exactly one DOI")
    doi = store_jats_file(_store(ctx), dois[0], path)
    click.echo(f"stored the JATS roles for {doi} from {path}", err=True)
    return FetchSummary(fetched=1)


def _fetch(
    ctx: click.Context,
    dois: tuple[str, ...],
    mailto: str | None,
    jats_file: Path | None,
    xml_max_age: int,
    quiet: bool,
    xml: bool = True,
) -> FetchSummary:
    from credit_tracker.services.clients import Clients
    from credit_tracker.services.fetch import fetch_articles, tracked_dois

    if jats_file is not None:
        return _fetch_jats_file(ctx, dois, jats_file)
    store = _store(ctx)
    clients = Clients.from_env(mailto)
    warn_if_anonymous(clients.anonymous, quiet)
    selected = tracked_dois(store, dois)
    progress = (
        None
        if quiet or not selected
        else (lambda done, total: click.echo(f"fetched {done}/{total}", err=True))
    )
    summary = fetch_articles(
        store,
        selected,
        clients,
        xml=xml,
        xml_max_age=timedelta(days=xml_max_age),
        progress=progress,
    )
    _echo_fetch_summary(summary, xml)
    return summary


def _echo_fetch_summary(summary: FetchSummary, xml: bool) -> None:
    """What a fetch did, on stderr: counts, failures, long waits refused, an early stop, and
    (with the publishers' XML) the role sources by publisher."""
    from credit_tracker.render.lines import coverage_lines, failure_lines, fetch_line

    click.echo(fetch_line(summary), err=True)
    if summary.metadata_filled:
        click.echo(
            f"  {summary.metadata_filled} record(s) given their title, journal or year from "
            "Crossref",
            err=True,
        )
    for line in failure_lines(summary):
        click.echo(f"  {line}", err=True)
    if summary.long_waits_refused:
        click.echo(
            f"  {summary.long_waits_refused} request(s) given up at once: the service asked "
            "(Retry-After) for a longer wait than this run takes; fetch again later",
            err=True,
        )
    if summary.stopped:
        click.echo(
            f"credit-tracker: stopped early: {summary.stopped}; what was fetched is saved", err=True
        )
    if xml and summary.coverage is not None and summary.coverage.publishers:
        click.echo("role sources, by publisher (Crossref's name):", err=True)
        for line in coverage_lines(summary.coverage):
            click.echo(f"  {line}", err=True)

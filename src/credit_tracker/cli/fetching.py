"""The commands that ask the outside world: fetch and harvest."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _store, cli, finish
from credit_tracker.cli.options import mailto_option
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
    help="Read the publisher's JATS XML for the one DOI given from this file.",
)
@click.option(
    "--xml-max-age",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Download publisher XML again after this many days even if Crossref shows no change.",
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
@click.option("--quiet", "-q", is_flag=True, help="No progress; only the summary line and errors.")
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
    DOIs; publisher XML (PLOS, Europe PMC) is downloaded again only when Crossref shows a
    change or the last copy is older than --xml-max-age days.

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
        f"{'; '.join(shot.problems)}",
        err=True,
    )


def _fetch(
    ctx: click.Context,
    dois: tuple[str, ...],
    mailto: str | None,
    jats_file: Path | None,
    xml_max_age: int,
    quiet: bool,
    xml: bool = True,
) -> FetchSummary:
    from credit_tracker.domain.runs import FetchSummary
    from credit_tracker.render.lines import failure_lines, fetch_line
    from credit_tracker.services.clients import Clients
    from credit_tracker.services.fetch import fetch_articles, tracked_dois
    from credit_tracker.services.local_sources import store_jats_file

    store = _store(ctx)
    if jats_file is not None:
        if len(dois) != 1:
            raise InputError("--jats needs exactly one DOI")
        doi = store_jats_file(store, dois[0], jats_file)
        click.echo(f"stored the JATS roles for {doi} from {jats_file}", err=True)
        return FetchSummary(fetched=1)
    clients = Clients.from_env(mailto)
    if clients.anonymous and not quiet:
        click.echo(
            "credit-tracker: warning: no --mailto given; Crossref serves anonymous clients from "
            "its slower public pool",
            err=True,
        )
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
    return summary


@cli.command("harvest")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only works Crossref indexed on or after this date.",
)
@click.option(
    "--add", is_flag=True, help="Create draft records (roles not recorded) for the new works."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
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
    import json

    from credit_tracker.services.clients import Clients
    from credit_tracker.services.harvest import harvest_team

    day = since.date().isoformat() if since else None
    done = harvest_team(_store(ctx), Clients.from_env(mailto), day, page_size, add=add)
    result, names = done.result, done.names
    if done.added:
        click.echo(f"added {done.added} draft record(s) and {done.new_people} new people", err=True)
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "doi": w.doi,
                        "title": w.title,
                        "journal": w.journal,
                        "authors": [a.raw for a in w.authors],
                        "team_members": w.members,
                    }
                    for w in result.works
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
    elif fmt == "markdown":
        from credit_tracker.render.formats.markdown import escape

        click.echo(f"## New works by team members ({len(result.works)})\n")
        for w in result.works:
            click.echo(
                f"- [{escape(w.doi)}](https://doi.org/{escape(w.doi)}) {escape(w.title)}: "
                f"{escape(', '.join(names.get(m, m) for m in w.members))}"
            )
    else:
        for w in result.works:
            authors = "; ".join(a.raw for a in w.authors)
            click.echo(
                f"{w.doi}\t{w.title}\tteam: "
                f"{', '.join(names.get(m, m) for m in w.members)}\tauthors: {authors}"
            )
    for problem in result.malformed:
        click.echo(f"credit-tracker: warning: skipped {problem!r}", err=True)
    click.echo(
        f"harvest: {len(result.works)} new work(s), {result.notices_skipped} notice(s) skipped, "
        f"{result.pages} page(s), {done.requests} request(s)",
        err=True,
    )

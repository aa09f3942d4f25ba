"""The correction-request commands: draft, mark and list. Nothing is ever sent."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from credit_tracker.cli.base import _emit, _store, cli
from credit_tracker.cli.options import day, format_option, output_option, state_options
from credit_tracker.render.drafts import DRAFT_FORMATS
from credit_tracker.render.listing import LIST_FORMATS


@cli.group("correction")
def correction_group() -> None:
    """Draft correction requests to publishers and track them. Nothing is ever sent."""


@correction_group.command("draft")
@click.argument("doi")
@click.option(
    "--author", "author_query", help="Only the errors about this person (id, ORCID iD or name)."
)
@format_option(
    DRAFT_FORMATS, default=None, help="Default: from --output's extension (.md, .eml), else text."
)
@output_option("Write the draft here.")
@click.pass_context
def correction_draft(
    ctx: click.Context, doi: str, author_query: str | None, fmt: str | None, output: Path | None
) -> None:
    """Draft one request to the publisher from the article's open findings, and track it as drafted.

    The draft is signed with the office's setting ('credit-tracker office set').

    \b
    Examples:
      credit-tracker correction draft 10.5555/aimms-mentoring-2025
      credit-tracker correction draft 10.5555/aimms-mentoring-2025 --author jane-illes
      credit-tracker correction draft 10.5555/aimms-mentoring-2025 --output request.eml
    """
    from credit_tracker.render.visible import visible
    from credit_tracker.services.corrections import draft_request

    name = fmt or DRAFT_FORMATS.named_by(output)
    done = draft_request(
        _store(ctx),
        doi,
        today=date.today(),
        author_query=author_query,
        write=lambda draft: _emit(DRAFT_FORMATS[name]().render(draft), output),
    )
    request, draft, publisher = done.request, done.draft, done.publisher
    click.echo(
        f"correction request {visible(request.id)}: {request.state.value} "
        f"({len(draft.items)} error(s)); nothing was sent",
        err=True,
    )
    if publisher is not None and publisher.route:
        click.echo(
            f"how {visible(publisher.name)} takes requests: {visible(publisher.route)}", err=True
        )


@correction_group.command("mark")
@click.argument("doi")
@click.argument(
    "state", type=click.Choice(["sent", "acknowledged", "resolved", "wont-fix", "drafted"])
)
@click.option(
    "--author",
    "author_query",
    help="The request about this person, if it was drafted with --author.",
)
@click.option("--note", default="", help="A free note, e.g. the publisher's ticket number.")
@click.option(
    "--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Default: today."
)
@click.pass_context
def correction_mark(
    ctx: click.Context,
    doi: str,
    state: str,
    author_query: str | None,
    note: str,
    on: datetime | None,
) -> None:
    """Record a step in a request's life: sent, acknowledged, resolved, wont-fix.

    Once sent, the request's findings are pending correction: they do not fail 'check' until
    the request is stale (see 'check --stale-after').

    \b
    Example:
      credit-tracker correction mark 10.5555/aimms-mentoring-2025 sent --note "PLOS ticket 12345"
    """
    from credit_tracker.domain.models import RequestState
    from credit_tracker.render.visible import visible
    from credit_tracker.services.corrections import mark_request

    request = mark_request(
        _store(ctx),
        doi,
        author_query,
        RequestState(state),
        on.date() if on else date.today(),
        note,
    )
    click.echo(
        f"correction request {visible(request.id)}: {request.state.value} "
        f"on {request.history[-1].date}",
        err=True,
    )


@correction_group.command("list")
@state_options
@format_option(LIST_FORMATS, default="text", help="Text lines, CSV or JSON (fields: README).")
@click.pass_context
def correction_list(ctx: click.Context, stale_after: int, as_of: datetime | None, fmt: str) -> None:
    """List the correction requests and their state as the latest snapshots show it:
    pending, resolved (fix seen), stale, or regressed (a fix seen, then undone).

    Reads only the articles with requests, through the records index.

    \b
    Examples:
      credit-tracker correction list --stale-after 90
      credit-tracker correction list --format json
    """
    from credit_tracker.render.listing.formats import Listing
    from credit_tracker.render.visible import visible
    from credit_tracker.services.corrections import request_statuses

    statuses = request_statuses(_store(ctx), day(as_of), stale_after)
    listing = Listing(
        fields=["id", "doi", "person", "state", "kinds", "sent", "stale_on", "detail"]
    )
    for status in statuses:
        fields = (status.id, status.state.value, ", ".join(status.kinds), status.detail)
        listing.lines.append("\t".join(visible(field) for field in fields))
        listing.rows.append(
            {
                "id": status.id,
                "doi": status.doi,
                "person": status.person,
                "state": status.state.value,
                "kinds": list(status.kinds),
                "sent": status.sent,
                "stale_on": status.stale_on,
                "detail": status.detail,
            }
        )
    click.echo(LIST_FORMATS[fmt]().render(listing), nl=False)
    click.echo(f"{len(statuses)} request(s)", err=True)

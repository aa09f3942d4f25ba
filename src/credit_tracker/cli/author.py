"""The author command: one person across the team's articles, read through the records index."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from credit_tracker.cli.base import _emit, _store, cli
from credit_tracker.cli.options import (
    day,
    format_option,
    output_option,
    show_option,
    state_options,
)
from credit_tracker.render.author import AUTHOR_FORMATS


@cli.command("author")
@click.argument("query")
@format_option(
    AUTHOR_FORMATS,
    default="text",
    help="statement: the person's CRediT contributions across papers, for a CV or ORCID.",
)
@output_option("Write the view here.")
@click.option(
    "--co-authors",
    "include_co_authors",
    is_flag=True,
    help="Also find co-authors (people on the bylines who are not team members).",
)
@state_options
@show_option
@click.pass_context
def author_command(
    ctx: click.Context,
    query: str,
    fmt: str,
    output: Path | None,
    include_co_authors: bool,
    stale_after: int,
    as_of: datetime | None,
    show: str | None,
) -> None:
    """Show one person across the team's articles: papers × roles × sources (the team's record,
    Crossref, JATS, the printed statement, ORCID), each spelling of their name once with its
    difference marked, open findings and correction requests.

    QUERY is a name in any spelling, an ORCID iD or a person id, of a team member unless
    --co-authors is given (a query that fits only co-authors says so). Only the person's own
    articles are read (through the records index in <records>/.index, rebuilt when the records
    change).

    \b
    Examples:
      credit-tracker author "Jane Illes"
      credit-tracker author 0000-0002-1825-0097 --format json
      credit-tracker author jane-illes --format statement --output illes-credit.txt
      credit-tracker author "Lorenzo Marini" --co-authors
    """
    from credit_tracker.services.people import person_view
    from credit_tracker.store.records_index import RecordsIndex

    index = RecordsIndex(_store(ctx))
    person = index.find(query, members_only=not include_co_authors)
    view = person_view(index, person, day(as_of), stale_after)
    _emit(AUTHOR_FORMATS[fmt](show == "info").render(view), output)

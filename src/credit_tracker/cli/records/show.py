"""`records list` and `records show`: the articles, and one record as the team keeps it."""

from __future__ import annotations

import click

from credit_tracker.cli.base import _store
from credit_tracker.cli.options import format_option
from credit_tracker.cli.records import records_group
from credit_tracker.render.listing import LIST_FORMATS


@records_group.command("list")
@format_option(LIST_FORMATS, default="text", help="Text lines, CSV or JSON (fields: README).")
@click.pass_context
def records_list(ctx: click.Context, fmt: str) -> None:
    """List the articles in the records, with their latest snapshot state, year and title.

    \b
    Examples:
      credit-tracker records list
      credit-tracker records list --format json > articles.json
    """
    from credit_tracker.render.listing.formats import Listing
    from credit_tracker.render.visible import visible
    from credit_tracker.services.records import tracked_articles

    tracked = tracked_articles(_store(ctx))
    listing = Listing(fields=["doi", "year", "title", "journal", "authors", "draft", "sources"])
    for item in tracked:
        record = item.record
        sources = [
            f"{kind.value} {shot.state.value} {shot.fetched_at:%Y-%m-%d}"
            for kind, shot in sorted(item.newest.items())
        ]
        year = f"({record.year}) " if record.year else ""
        flags = " [draft: roles not recorded]" if record.draft else ""
        title = visible(record.title or "")
        listing.lines.append(
            f"{record.doi}\t{len(record.authors)} authors\t{', '.join(sources) or 'never fetched'}"
            f"\t{year}{title}{flags}"
        )
        listing.rows.append(
            {
                "doi": record.doi,
                "year": record.year,
                "title": record.title,
                "journal": record.journal,
                "authors": len(record.authors),
                "draft": record.draft,
                "sources": sources,
            }
        )
    click.echo(LIST_FORMATS[fmt]().render(listing), nl=False)
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

"""Small edits of a record, one command each: an author's roles and degrees, the authors' order,
an author's printed name, removing a record.

Each reads and writes only the article's shard and team.json, and prints one line per change.
"""

from __future__ import annotations

import click

from credit_tracker.cli.base import _store
from credit_tracker.cli.records import records_group
from credit_tracker.domain.errors import InputError


@records_group.command("set-roles")
@click.argument("doi")
@click.argument("person")
@click.argument("roles", nargs=-1, metavar="ROLE...")
@click.option("--none", "no_roles", is_flag=True, help="The author has no CRediT role.")
@click.option("--not-recorded", is_flag=True, help="The author's roles are not known.")
@click.pass_context
def records_set_roles(
    ctx: click.Context,
    doi: str,
    person: str,
    roles: tuple[str, ...],
    no_roles: bool,
    not_recorded: bool,
) -> None:
    """Set the roles of PERSON (an id, ORCID iD or name of an author) on the article DOI.

    The roles given replace the ones recorded. ROLE is a CRediT role in any spelling, with a
    degree as 'Methodology=lead'. A draft whose team members all have roles stops being one.

    \b
    Examples:
      credit-tracker records set-roles 10.1371/journal.pone.0185809 "Carlsson A" \\
          Conceptualization Methodology=lead "Writing – review & editing"
      credit-tracker records set-roles 10.5555/aimms-mentoring-2025 jane-illes --none
    """
    from credit_tracker.services.byline import set_roles

    if sum((bool(roles), no_roles, not_recorded)) != 1:
        raise InputError("give the roles, or --none, or --not-recorded", field="ROLE")
    given = None if not_recorded else list(roles)
    _print(doi, set_roles(_store(ctx), doi, person, given))


@records_group.command("add-role")
@click.argument("doi")
@click.argument("person")
@click.argument("roles", nargs=-1, required=True, metavar="ROLE...")
@click.pass_context
def records_add_role(ctx: click.Context, doi: str, person: str, roles: tuple[str, ...]) -> None:
    """Give PERSON these roles on the article DOI, keeping the others (a degree replaces one).

    \b
    Example:
      credit-tracker records add-role 10.1371/journal.pone.0185809 caspar-a-hallmann Software
    """
    from credit_tracker.services.byline import add_roles

    _print(doi, add_roles(_store(ctx), doi, person, list(roles)))


@records_group.command("remove-role")
@click.argument("doi")
@click.argument("person")
@click.argument("roles", nargs=-1, required=True, metavar="ROLE...")
@click.pass_context
def records_remove_role(ctx: click.Context, doi: str, person: str, roles: tuple[str, ...]) -> None:
    """Take these roles from PERSON on the article DOI.

    \b
    Example:
      credit-tracker records remove-role 10.1371/journal.pone.0185809 "Hallmann" Software
    """
    from credit_tracker.services.byline import remove_roles

    _print(doi, remove_roles(_store(ctx), doi, person, list(roles)))


@records_group.command("move-author")
@click.argument("doi")
@click.argument("person")
@click.argument("position")
@click.pass_context
def records_move_author(ctx: click.Context, doi: str, person: str, position: str) -> None:
    """Move PERSON (an id, ORCID iD or name of an author) to POSITION on the byline of DOI.

    POSITION is 1 for the first author; the authors between close up. The imported table's
    'Order in publication' numbers stay with the places, so an export reads as the byline.

    \b
    Examples:
      credit-tracker records move-author 10.5555/aimms-mentoring-2025 jane-illes 1
      credit-tracker records move-author 10.1371/journal.pone.0185809 "Hallmann" 3
    """
    from credit_tracker.services.byline import move_author

    _print(doi, move_author(_store(ctx), doi, person, position).lines)


@records_group.command("reorder-authors")
@click.argument("doi")
@click.argument("people", nargs=-1, required=True, metavar="PERSON...")
@click.pass_context
def records_reorder_authors(ctx: click.Context, doi: str, people: tuple[str, ...]) -> None:
    """Give the byline of DOI a new order: every author once (an id, ORCID iD or name each).

    As with move-author, the imported 'Order in publication' numbers stay with the places.

    \b
    Example:
      credit-tracker records reorder-authors 10.5555/example ana-lima "Berg" 0000-0002-1825-0097
    """
    from credit_tracker.services.byline import reorder

    _print(doi, reorder(_store(ctx), doi, list(people)))


@records_group.command("set-printed")
@click.argument("doi")
@click.argument("person")
@click.option("--given", default="", help="The given names as printed ('' for none).")
@click.option("--family", required=True, help="The family name as printed, with any particle.")
@click.pass_context
def records_set_printed(ctx: click.Context, doi: str, person: str, given: str, family: str) -> None:
    """Set how the article DOI printed the name of PERSON (an id, ORCID iD or name of an author).

    The names as the article printed them, checked against every source's byline; the
    person's own name and accepted spellings stay as they are. A particle ('van der',
    'de') leading --family is kept apart, as imports keep it.

    \b
    Examples:
      credit-tracker records set-printed 10.5555/aimms-mentoring-2025 jane-illes \\
          --given "Jane P." --family "Illés"
      credit-tracker records set-printed 10.5555/example Pluijm --given B. --family "van der Pluijm"
    """
    from credit_tracker.services.byline import set_printed

    _print(doi, set_printed(_store(ctx), doi, person, given, family).lines)


def _print(doi: str, lines: list[str]) -> None:
    """Print what an edit of the article DOI changed, a line per change."""
    from credit_tracker.domain.identifiers import normalize_doi

    for line in lines or [f"{normalize_doi(doi)}: no changes"]:
        click.echo(line, err=True)


@records_group.command("remove")
@click.argument("dois", nargs=-1, required=True, metavar="DOI...")
@click.pass_context
def records_remove(ctx: click.Context, dois: tuple[str, ...]) -> None:
    """Stop tracking the articles DOI...: their records are removed.

    Their publisher snapshots and correction requests are kept as history (adding the DOI
    again brings the snapshots back), and `harvest` does not list them as new again. The
    people on them stay; remove people left on no article with 'person remove'.

    \b
    Example:
      credit-tracker records remove 10.5555/duplicate-entry
    """
    from datetime import date

    from credit_tracker.domain.models import article_label
    from credit_tracker.render.visible import visible
    from credit_tracker.services.records import remove_records

    for item in remove_records(_store(ctx), dois, date.today()):
        kept = f"; kept {item.snapshots} snapshot(s)" if item.snapshots else ""
        if item.corrections:
            kept += f" and {len(item.corrections)} correction request(s)"
        click.echo(
            visible(
                f"removed {article_label(item.record)}: {len(item.record.authors)} author(s){kept}"
            ),
            err=True,
        )

"""The person commands: see people; record ORCID iDs, spellings and former names; merge, remove,
team membership. Each edit prints one line per change; a merge or removal writes everything it
changes at once, or nothing when it is refused.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _store, cli
from credit_tracker.cli.options import format_option
from credit_tracker.render.listing import LIST_FORMATS

if TYPE_CHECKING:
    pass


@cli.group("person")
def person_group() -> None:
    """See people; record ORCID iDs, spellings, former names; merge, remove, team membership."""


@person_group.command("list")
@click.option("--members", "members_only", is_flag=True, help="Only the team's own members.")
@format_option(LIST_FORMATS, default="text", help="Text lines, CSV or JSON (fields: README).")
@click.pass_context
def person_list(ctx: click.Context, members_only: bool, fmt: str) -> None:
    """List the people in the records: id, name, ORCID iD, team member or co-author.

    \b
    Examples:
      credit-tracker person list
      credit-tracker person list --members --format csv > team.csv
    """
    from credit_tracker.render.listing.formats import Listing

    people = _store(ctx).load_team().people
    listing = Listing(fields=["id", "name", "given", "family", "orcid", "member"])
    for person in sorted(people.values(), key=lambda p: p.id):
        if members_only and not person.team_member:
            continue
        kind = "member" if person.team_member else "co-author"
        name = person.name.display()
        listing.lines.append(f"{person.id}\t{name}\t{person.orcid or ''}\t{kind}")
        listing.rows.append(
            {
                "id": person.id,
                "name": name,
                "given": person.name.given,
                "family": person.name.family_full,
                "orcid": person.orcid,
                "member": person.team_member,
            }
        )
    click.echo(LIST_FORMATS[fmt]().render(listing), nl=False)
    shown = len(listing.rows)
    click.echo(f"{shown} {'team member' if members_only else 'person'}(s)", err=True)


@person_group.command("show")
@click.argument("query")
@click.pass_context
def person_show(ctx: click.Context, query: str) -> None:
    """Show a person and their articles.

    QUERY is an id, an ORCID iD, a full name in any spelling, a family name alone, or a family
    name with initials ('Carlsson A', 'A. M. Carlsson', 'de Sousa'). A query that fits several
    people lists them. Former names are confidential: only their number is shown.

    \b
    Examples:
      credit-tracker person show "Jane Illes"
      credit-tracker person show "Carlsson A"
    """
    from credit_tracker.domain.models import article_label
    from credit_tracker.render.visible import visible
    from credit_tracker.services.people import person_articles

    found = person_articles(_store(ctx), query)
    person, dois = found.person, found.dois
    click.echo(f"{person.id}: {person.name.display()}")
    click.echo(
        f"  given: {person.name.given!r}  family: {person.name.family!r}  particle: "
        f"{person.name.particle!r}  suffix: {person.name.suffix!r}"
    )
    click.echo(f"  team member: {'yes' if person.team_member else 'no (a co-author)'}")
    click.echo(f"  ORCID: {person.orcid or 'none'}")
    click.echo(f"  accepted spellings: {'; '.join(person.accepted_spellings) or 'none'}")
    click.echo(f"  former names: {len(person.former_names)} (confidential, never shown)")
    click.echo(f"  articles: {len(dois) or 'none'}")
    for doi in dois:
        click.echo(visible(f"    {article_label(found.records.articles[doi])}"))


@person_group.command("add-spelling")
@click.argument("query")
@click.argument("spelling")
@click.pass_context
def person_add_spelling(ctx: click.Context, query: str, spelling: str) -> None:
    """Accept SPELLING as a way to print this person's name (never reported as an error).

    \b
    Example:
      credit-tracker person add-spelling jane-illes "J. Illés"
    """
    from credit_tracker.render.lines import spelling_line
    from credit_tracker.services.people import add_spelling

    done = add_spelling(_store(ctx), query, spelling)
    click.echo(spelling_line(done.person.id, spelling, done.added), err=True)


@person_group.command("add-former-name")
@click.argument("query")
@click.argument("name")
@click.pass_context
def person_add_former_name(ctx: click.Context, query: str, name: str) -> None:
    """Record a confidential former NAME: used to recognise the person, never printed.

    \b
    Example:
      credit-tracker person add-former-name jane-illes "Jane Smith"
    """
    from credit_tracker.services.people import add_former_name

    done = add_former_name(_store(ctx), query, name)
    click.echo(
        f"{done.person.id}: "
        f"{'former name recorded' if done.added else 'former name already recorded'} "
        "(confidential)",
        err=True,
    )


@person_group.command("suggest")
@click.argument("query")
@click.pass_context
def person_suggest(ctx: click.Context, query: str) -> None:
    """Offer the names in the person's ORCID record (credit name, other names) as spellings.

    Nothing is accepted silently: each suggestion comes with the command that accepts it.

    \b
    Example:
      credit-tracker person suggest scott-chamberlain
    """
    from credit_tracker.services.clients import Clients
    from credit_tracker.services.people import suggest_spellings

    offered = suggest_spellings(_store(ctx), query, Clients.from_env())
    person = offered.person
    for name in offered.names:
        click.echo(
            f"{name}\t(accept with: credit-tracker person add-spelling {person.id} "
            f"{shlex.quote(name)})"
        )
    click.echo(
        f"{person.id}: {len(offered.names)} spelling(s) from ORCID not yet accepted; "
        "nothing was changed",
        err=True,
    )


@person_group.command("set-orcid")
@click.argument("query")
@click.argument("orcid")
@click.pass_context
def person_set_orcid(ctx: click.Context, query: str, orcid: str) -> None:
    """Set the person's ORCID iD (bare or URL form; the check digit is verified).

    \b
    Example:
      credit-tracker person set-orcid jane-illes https://orcid.org/0000-0002-1825-0097
    """
    from credit_tracker.services.people import set_orcid

    person, value = set_orcid(_store(ctx), query, orcid)
    click.echo(f"{person.id}: ORCID {value}", err=True)


@person_group.command("rename")
@click.argument("old")
@click.argument("new")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A baseline file whose entries about the person follow the new id too.",
)
@click.pass_context
def person_rename(ctx: click.Context, old: str, new: str, baseline: Path | None) -> None:
    """Give the person OLD (an id, ORCID iD or name) the id NEW everywhere.

    The bylines, acknowledged findings and correction requests follow (finding ids are made
    from the person's id), and with --baseline the baseline file's entries too. Refused, with
    nothing changed, when NEW is taken or not an id (lower-case letters and digits, '-').

    \b
    Example:
      credit-tracker person rename carl-boettiger-2 carl-boettiger --baseline records/baseline.json
    """
    from credit_tracker.render.visible import visible
    from credit_tracker.services.people import rename

    for line in rename(_store(ctx), old, new, baseline):
        click.echo(visible(line), err=True)


@person_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--sheet", help="The sheet to read, in an .xlsx workbook with several.")
@click.pass_context
def person_import(ctx: click.Context, file: Path, sheet: str | None) -> None:
    """Set up the team from a roster before onboarding: CSV, TSV or .xlsx.

    A row per person; columns by header: name ('Jane Illés', 'Illés, Jane' or 'Dr Jane
    Illés'), ORCID iD, member (yes/no; yes when left out) and spellings (';' between them).
    Each person is found by ORCID iD, then by name, or created; their iD, membership and
    spellings are set. A bad cell is refused with its line and column, and nothing is written.

    \b
    Example:
      credit-tracker person import roster.csv
    """
    from credit_tracker.cli.records import read_input
    from credit_tracker.render.visible import visible
    from credit_tracker.services.people import import_roster

    lines = import_roster(_store(ctx), read_input(file), str(file), sheet)
    for line in lines:
        click.echo(visible(line), err=True)
    click.echo(f"person import: {len(lines)} person(s) made or changed", err=True)


@person_group.command("merge")
@click.argument("keep")
@click.argument("other")
@click.pass_context
def person_merge(ctx: click.Context, keep: str, other: str) -> None:
    """Merge OTHER into KEEP: two records of one person become KEEP.

    OTHER's name and accepted spellings become KEEP's accepted spellings; former names, the
    ORCID iD, team membership and the articles move to KEEP, and so do acknowledged findings
    and correction requests (their ids follow). Refused, with nothing changed, when the two
    have different ORCID iDs or are on one article together.

    \b
    Example:
      credit-tracker person merge niklaus-grunwald niklaus-j-grunwald
    """
    from credit_tracker.render.visible import visible
    from credit_tracker.services.people import merge

    changes = merge(_store(ctx), keep, other)
    for line in changes:
        click.echo(visible(line), err=True)


@person_group.command("remove")
@click.argument("query")
@click.pass_context
def person_remove(ctx: click.Context, query: str) -> None:
    """Remove a person that no article names (a duplicate, or one left by 'records remove').

    Refused while the person is an author of an article or named by a correction request.

    \b
    Example:
      credit-tracker person remove jane-doe-2
    """
    from credit_tracker.services.people import remove_person

    for line in remove_person(_store(ctx), query):
        click.echo(line, err=True)


@person_group.command("set-member")
@click.argument("queries", nargs=-1, required=True, metavar="QUERY...")
@click.pass_context
def person_set_member(ctx: click.Context, queries: tuple[str, ...]) -> None:
    """Count these people as team members: harvested, and shown by default by 'author'.

    \b
    Example:
      credit-tracker person set-member 0000-0002-1825-0097 "Caspar A. Hallmann"
    """
    _membership(ctx, queries, member=True)


@person_group.command("unset-member")
@click.argument("queries", nargs=-1, required=True, metavar="QUERY...")
@click.pass_context
def person_unset_member(ctx: click.Context, queries: tuple[str, ...]) -> None:
    """Count these people as co-authors, not team members: no longer harvested.

    \b
    Example:
      credit-tracker person unset-member scott-chamberlain
    """
    _membership(ctx, queries, member=False)


def _membership(ctx: click.Context, queries: tuple[str, ...], member: bool) -> None:
    from credit_tracker.services.people import set_membership

    for line in set_membership(_store(ctx), queries, member):
        click.echo(line, err=True)

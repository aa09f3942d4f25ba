"""Editing people, one command each: merge two records of one person, remove one, membership.

Each prints one line per change. A merge or removal writes everything it changes at once, or
nothing when it is refused.
"""

from __future__ import annotations

import click

from credit_tracker.cli.base import _store
from credit_tracker.cli.people import person_group


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

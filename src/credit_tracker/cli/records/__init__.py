"""The records commands: add, import, edit, export, list and show the team's article records.

This module holds the group and what its commands share; add.py, files.py (import, export),
edit.py and show.py (list, show) hold the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import cli
from credit_tracker.domain.errors import InputError

if TYPE_CHECKING:
    from credit_tracker.domain.models import Person


@cli.group("records")
def records_group() -> None:
    """Add, import, edit, export, list and show the team's article records."""


members_option = click.option(
    "--members",
    "members",
    multiple=True,
    metavar="ORCID|NAME,...",
    help=(
        "The team members among the authors, by ORCID iD or name (comma-separated, "
        "repeatable); everyone else is a co-author."
    ),
)


def read_input(path: Path) -> bytes:
    """The bytes of a file named on the command line ('-' is stdin); InputError if it cannot be."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("a folder, not a file", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path=str(path)) from None


def report_people(
    created: list[str],
    promoted: list[str],
    notices: list[str],
    people: dict[str, Person],
    list_co_authors: bool,
) -> None:
    """Print the people a command created or made team members, and links it would not guess."""
    members = [pid for pid in created if people[pid].team_member]
    co_authors = [pid for pid in created if not people[pid].team_member]
    for pid in promoted:
        click.echo(f"  now a team member: {pid}", err=True)
    for pid in members:
        click.echo(f"  new team member: {pid}", err=True)
    if list_co_authors:
        for pid in co_authors:
            click.echo(f"  new person: {pid} (co-author)", err=True)
    elif co_authors:
        click.echo(f"  {len(co_authors)} new co-author(s), not team members", err=True)
    for notice in notices:
        click.echo(f"  {notice}", err=True)

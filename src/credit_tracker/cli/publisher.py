"""The publisher commands: where publishers take correction requests (kept in the records)."""

from __future__ import annotations

import click

from credit_tracker.cli.base import _store, cli
from credit_tracker.domain.errors import InputError


@cli.group("publisher")
def publisher_group() -> None:
    """Where publishers take correction requests (configuration kept in the records)."""


@publisher_group.command("list")
@click.pass_context
def publisher_list(ctx: click.Context) -> None:
    """List the configured publishers.

    \b
    Example:
      credit-tracker publisher list
    """
    from credit_tracker.render.visible import visible
    from credit_tracker.services.publishers import list_publishers

    for publisher in list_publishers(_store(ctx)):
        journals = "; ".join(f"{name} <{email}>" for name, email in publisher.journals.items())
        prefixes = ",".join(publisher.doi_prefixes)
        fields = (publisher.id, publisher.name, prefixes, publisher.email or "", journals)
        click.echo("\t".join(visible(field) for field in fields))  # one publisher, one line


@publisher_group.command("set")
@click.argument("publisher_id")
@click.option("--name", required=True)
@click.option(
    "--prefix",
    "prefixes",
    multiple=True,
    required=True,
    help="A DOI prefix the publisher registers; repeatable.",
)
@click.option("--email", help="Where correction requests go.")
@click.option("--route", default="", help="How the publisher wants requests, in a sentence.")
@click.option(
    "--journal",
    "journals",
    multiple=True,
    metavar="NAME=EMAIL",
    help="A journal's own address; repeatable.",
)
@click.pass_context
def publisher_set(
    ctx: click.Context,
    publisher_id: str,
    name: str,
    prefixes: tuple[str, ...],
    email: str | None,
    route: str | None,
    journals: tuple[str, ...],
) -> None:
    """Add or replace a publisher's corrections contact.

    \b
    Example:
      credit-tracker publisher set elsevier --name Elsevier --prefix 10.1016 --email
      corrections@example.org
    """
    from credit_tracker.domain.models import Publisher
    from credit_tracker.services.publishers import set_publisher

    pairs = {}
    for item in journals:
        journal, sep, address = item.partition("=")
        if not sep or not journal.strip() or not address.strip():
            raise InputError(f"--journal {item!r}: use NAME=EMAIL")
        pairs[journal.strip()] = address.strip()
    publisher = Publisher(
        id=publisher_id,
        name=name,
        doi_prefixes=list(prefixes),
        email=email,
        route=route,
        journals=pairs,
    )
    set_publisher(_store(ctx), publisher)
    click.echo(f"publisher {publisher_id}: saved", err=True)

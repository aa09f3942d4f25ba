"""The office's own setting: who signs correction requests (`office set`, `office show`).

Kept by store/office_file.py in `<records>/office.json`, beside the team file.
"""

from __future__ import annotations

import json

import click

from credit_tracker.cli.base import _store, cli
from credit_tracker.domain.drafts import Sender
from credit_tracker.domain.text import json_visible, require_address, require_safe_text
from credit_tracker.store.office_file import read_office, write_office


@cli.group("office")
def office_group() -> None:
    """The office's own details: who signs the correction requests."""


@office_group.command("set")
@click.option("--name", required=True, help="Who signs, e.g. 'Research Integrity Office'.")
@click.option("--email", help="The address replies go to (the draft's From).")
@click.option("--organisation", help="The institution, e.g. 'University of St Andrews'.")
@click.option(
    "--line",
    "lines",
    multiple=True,
    help="A further signature line (a role, an address); repeatable.",
)
@click.pass_context
def office_set(
    ctx: click.Context,
    name: str,
    email: str | None,
    organisation: str | None,
    lines: tuple[str, ...],
) -> None:
    """Set who signs the correction requests: the drafts' sender block and From address.

    \b
    Example:
      credit-tracker office set --name "Research Office" --email research-office@example.org \\
        --organisation "University of St Andrews" --line "Research Integrity Team"
    """
    for field, value in (("--name", name), ("--email", email), ("--organisation", organisation)):
        if value is not None:
            require_safe_text(value, field=field)
    for value in lines:
        require_safe_text(value, field="--line")
    if email is not None:
        require_address(email, field="--email")
    sender = Sender(name=name, email=email, organisation=organisation, lines=list(lines))
    write_office(_store(ctx), sender)
    click.echo(f"correction requests are signed by {sender.name}", err=True)


@office_group.command("show")
@click.pass_context
def office_show(ctx: click.Context) -> None:
    """Show who signs the correction requests.

    \b
    Example:
      credit-tracker office show
    """
    sender = read_office(_store(ctx))
    if sender is None:
        click.echo("no sender set; see 'credit-tracker office set --help'", err=True)
        return
    text = json.dumps(sender.model_dump(exclude_none=True), indent=2, ensure_ascii=False)
    click.echo(json_visible(text))

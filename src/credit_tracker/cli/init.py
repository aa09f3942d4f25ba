"""The init command: an empty records folder, with PLOS's corrections route as the example."""

from __future__ import annotations

import click

from credit_tracker.cli.base import _store, cli


@cli.command("init")
@click.pass_context
def init_command(ctx: click.Context) -> None:
    """Create an empty records folder (with PLOS's corrections route as the example publisher).

    \b
    Example:
      credit-tracker --records ./records init
    """
    from credit_tracker.services.records import create_records

    store = _store(ctx)
    created = create_records(store)
    click.echo(f"{'created' if created else 'already there'}: {store.root}", err=True)

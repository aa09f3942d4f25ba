"""The init command: an empty records folder, with PLOS's corrections route as the example."""

from __future__ import annotations

import click

from credit_tracker.cli.base import _store, cli
from credit_tracker.cli.git import report_setup


@cli.command("init")
@click.pass_context
def init_command(ctx: click.Context) -> None:
    """Create an empty records folder (with PLOS's corrections route as the example publisher).

    In a git work tree it also sets the clone up to merge the records by key (git-setup).

    \b
    Example:
      credit-tracker --records ./records init
    """
    from credit_tracker.services.records import create_records
    from credit_tracker.services.repository import setup_if_in_git

    store = _store(ctx)
    created = create_records(store)
    click.echo(f"{'created' if created else 'already there'}: {store.root}", err=True)
    done = setup_if_in_git(store)
    if done is not None:
        report_setup(store, done)

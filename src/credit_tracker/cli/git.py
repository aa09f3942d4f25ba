"""The records in git: `git-setup` (a clone set up to merge them by key) and `merge-driver` (what
git runs to merge one records file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _store, cli, finish
from credit_tracker.domain.verdict import Verdict

if TYPE_CHECKING:
    from credit_tracker.services.repository import GitSetup
    from credit_tracker.store.folder import Store

_VERSION = click.Path(dir_okay=False, path_type=Path)


@cli.command("git-setup")
@click.pass_context
def git_setup_command(ctx: click.Context) -> None:
    """Set up this clone of the records' repository to merge the records by key.

    Writes the records folder's .gitattributes (its JSON files merged by credit-tracker) and
    .gitignore (the lock, .bak and temporary files, the index), adding only the lines they
    lack, and sets the merge driver in this clone's git config. git never copies its config
    to another clone: run it once in every clone (init does it in a git work tree). Merges
    then keep both sides' additions, apply removals, and stop only where both sides changed
    the same field of the same record, with one line naming it.

    \b
    Example:
      git clone https://example.org/office/records.git && cd records
      credit-tracker --records records git-setup
    """
    from credit_tracker.services.repository import git_setup

    store = _store(ctx)
    report_setup(store, git_setup(store))


def report_setup(store: Store, done: GitSetup) -> None:
    """Print what git-setup did, a line a file and one for the config."""
    for name, lines in ((".gitattributes", done.attributes), (".gitignore", done.ignored)):
        said = f"{len(lines)} line(s) added" if lines else "already in place"
        click.echo(f"{store.root / name}: {said}", err=True)
    if done.driver is None:
        click.echo("git config merge.credit-tracker.driver: already set in this clone", err=True)
    else:
        click.echo(
            f"git config merge.credit-tracker.driver: set in this clone ({done.driver}); "
            "git does not copy it: run git-setup in every clone",
            err=True,
        )


@cli.command("merge-driver")
@click.argument("base", type=_VERSION)
@click.argument("ours", type=_VERSION)
@click.argument("theirs", type=_VERSION)
@click.argument("name")
def merge_driver_command(base: Path, ours: Path, theirs: Path, name: str) -> None:
    """Merge two versions of a records file by key (git runs this; see git-setup).

    BASE, OURS and THEIRS are the common ancestor's, this side's and the other side's
    versions; the merge is written to OURS. NAME is the file's path in the repository. Records
    added on either side are kept and records removed on one side are removed; a record both
    sides changed is merged field by field, and snapshot histories as the union of both sides'
    snapshots. A field both sides changed to different values is a conflict: one line names
    the file, the record and the field, OURS keeps this side's value, and the exit code (1)
    makes git stop the merge there.

    \b
    Example (git's own call, with the placeholders it fills in):
      credit-tracker merge-driver %O %A %B %P

    \b
    Exit codes: 0 merged; 1 a conflict, named; 2 a version that is not a valid records file
    (OURS is left as it is, for a hand merge).
    """
    from credit_tracker.render.lines import conflict_line
    from credit_tracker.services.repository import merge_file

    conflicts = merge_file(base, ours, theirs, name)
    for conflict in conflicts:
        click.echo(f"credit-tracker: {conflict_line(name, conflict)}", err=True)
    finish(click.get_current_context(), Verdict(failing=bool(conflicts)))

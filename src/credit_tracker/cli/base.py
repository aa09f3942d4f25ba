"""The command group, its error translation and the helpers every command uses.

cli/ is the only package that uses click, prints or exits.

Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage or input error;
3 could not complete (an unverified DOI, a store or network failure); 130 interrupted.
"""

from __future__ import annotations

from pathlib import Path

import click

from credit_tracker import __version__
from credit_tracker.domain.errors import CreditTrackerError


class _Cli(click.Group):
    """Translates the core's typed errors into one-line messages and exit codes, once."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CreditTrackerError as exc:
            click.echo(f"credit-tracker: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo(
                "credit-tracker: interrupted; work completed before the interrupt was saved",
                err=True,
            )
            ctx.exit(130)


def _store(ctx: click.Context):
    from credit_tracker.store.folder import Store

    return Store(ctx.obj["records"])


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--records",
    "records_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="CREDIT_TRACKER_RECORDS",
    default=Path("records"),
    show_default=True,
    help="The records folder (env CREDIT_TRACKER_RECORDS).",
)
@click.version_option(__version__, prog_name="credit-tracker")
@click.pass_context
def cli(ctx: click.Context, records_dir: Path) -> None:
    """Keep the team's record of who did what on each paper and check it against the publishers.

    \b
    Examples:
      credit-tracker init
      credit-tracker records import 10.1371/journal.pone.0185809 contributors.csv
      credit-tracker fetch --mailto office@example.org
      credit-tracker check --format junit --output report.xml

    \b
    Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage or input error;
    3 could not complete (unverified DOIs, store or network failure); 130 interrupted.
    """
    ctx.ensure_object(dict)
    ctx.obj["records"] = records_dir


@cli.command("init")
@click.pass_context
def init_command(ctx: click.Context) -> None:
    """Create an empty records folder (with PLOS's corrections route as the example publisher).

    \b
    Example:
      credit-tracker --records ./records init
    """
    from credit_tracker.rules.corrections import PLOS

    store = _store(ctx)
    created = store.init()
    if created:
        with store.transaction() as records:
            records.publishers[PLOS.id] = PLOS  # the worked example of a corrections route
    click.echo(f"{'created' if created else 'already there'}: {store.root}", err=True)


def _polite_client(services):
    """One polite HTTP client per command: the User-Agent, backoff and timeout from the settings."""
    from credit_tracker.sources.crossref import habanero_version
    from credit_tracker.sources.settings import user_agent
    from credit_tracker.sources.transport import PoliteClient

    return PoliteClient(
        user_agent(services.mailto, habanero_version()),
        backoff_base=services.backoff_base,
        timeout=services.timeout,
    )


def _normal_dois(dois) -> list[str]:
    from credit_tracker.domain.identifiers import normalize_doi

    return [normalize_doi(doi) for doi in dois]


def use_color(stream, environ) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in environ


def _emit(text: str, output: Path | None) -> None:
    """Write to stdout, or to `output` only once the whole text exists (no half-written report)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from credit_tracker.store.folder import atomic_write

    atomic_write(output, text)

"""Options shared by several commands: declared once, reused as decorators."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from credit_tracker.render.outputs import Outputs

F = TypeVar("F", bound=Callable[..., Any])


def state_options(command: F) -> F:
    """--stale-after DAYS and --as-of DATE: when a sent correction request counts as stale."""
    command = click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Judge the requests' ages as of this day (YYYY-MM-DD; default: today).",
    )(command)
    return click.option(
        "--stale-after",
        type=click.IntRange(min=0),
        default=60,
        show_default=True,
        metavar="DAYS",
        help="A request sent longer ago than this, with errors still open, is stale: its "
        "findings fail the run again.",
    )(command)


def show_option(command: F) -> F:
    """--show info: list info-level findings one by one instead of counting them."""
    return click.option(
        "--show",
        type=click.Choice(["info"]),
        default=None,
        help="List info-level findings one by one (by default they are counted in one line).",
    )(command)


def policy_options(command: F) -> F:
    """--fail-on and --severity: what fails the run (check, nightly)."""
    command = click.option(
        "--severity",
        "severity_overrides",
        multiple=True,
        metavar="RULE=LEVEL",
        help="Change a rule's severity; repeatable.",
    )(command)
    return click.option(
        "--fail-on",
        default="warning",
        show_default=True,
        help="Fail (exit 1) on findings at or above this severity (info, warning, error), "
        "'never', or a comma list of rules.",
    )(command)


def mailto_option(command: F) -> F:
    """--mailto: the e-mail Crossref's polite pool asks for (fetch, harvest, add, nightly)."""
    return click.option(
        "--mailto", help="Your e-mail, for Crossref's polite pool (env CREDIT_TRACKER_MAILTO)."
    )(command)


def format_option(
    family: Outputs[Any, Any], *, default: str | None, help: str | None = None
) -> Callable[[F], F]:
    """--format FMT, its choices read from the family's table (render/outputs.py). Default None:
    the command infers the format from --output's extension (`family.named_by`)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(family.names),
        default=default,
        show_default=default is not None,
        help=help,
    )


def output_option(help: str, *, required: bool = False) -> Callable[[F], F]:
    """--output FILE: where the command writes what it would print (whole or not at all)."""
    return click.option(
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        required=required,
        help=help,
    )


def xml_max_age_option(help: str) -> Callable[[F], F]:
    """--xml-max-age DAYS: after how long publisher XML is downloaded again (fetch, nightly)."""
    return click.option(
        "--xml-max-age", type=click.IntRange(min=0), default=30, show_default=True, help=help
    )


def quiet_option(help: str) -> Callable[[F], F]:
    """--quiet/-q: no progress lines; `help` says what is still printed."""
    return click.option("--quiet", "-q", is_flag=True, help=help)


def warn_if_anonymous(anonymous: bool, quiet: bool) -> None:
    """Say, unless --quiet, that without --mailto Crossref serves this run from its slower pool."""
    if anonymous and not quiet:
        click.echo(
            "credit-tracker: warning: no --mailto given; Crossref serves anonymous clients from "
            "its slower public pool",
            err=True,
        )


def day(as_of: datetime | None) -> date:
    """Return the day to judge by: --as-of, else today."""
    return as_of.date() if as_of else date.today()

"""The check command: the records compared with the stored snapshots, in every report format."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from credit_tracker.cli.base import _emit, _normal_dois, _store, cli, finish, use_color
from credit_tracker.cli.options import (
    day,
    format_option,
    output_option,
    policy_options,
    show_option,
    state_options,
)
from credit_tracker.domain.errors import InputError, OutputError
from credit_tracker.render.formats import FORMATS

if TYPE_CHECKING:  # imported lazily at run time: start-up stays quick for --help
    from credit_tracker.domain.findings import CheckReport, Finding
    from credit_tracker.render.formats.base import Format
    from credit_tracker.render.formats.junit import Subjects
    from credit_tracker.services.store_check import CheckOptions

F = TypeVar("F", bound=Callable[..., Any])


def baseline_option(command: F) -> F:
    """--baseline FILE: the committed file of known findings, which do not fail the run."""
    return click.option(
        "--baseline",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="A JSON file of known findings (ids with notes and dates): they are reported as "
        "acknowledged and do not fail the run; a missing file is an empty baseline.",
    )(command)


@cli.command("check")
@click.argument("dois", nargs=-1)
@format_option(
    FORMATS, default=None, help="Report format (default: from --output's extension, else text)."
)
@output_option("Write the report here; the summary still goes to stderr.")
@policy_options
@click.option(
    "--refresh",
    is_flag=True,
    help="Fetch before checking (default: offline, from the stored snapshots).",
)
@click.option("--mailto", help="With --refresh: your e-mail for Crossref's polite pool.")
@baseline_option
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Write --baseline FILE from today's findings: every open one that fails under "
    "--fail-on is in it (entries already there keep their notes and dates); entries whose "
    "findings are gone are dropped.",
)
@click.option(
    "--baseline-note",
    default="known when the baseline was written",
    show_default=True,
    help="With --update-baseline: the note of the entries it adds.",
)
@state_options
@show_option
@click.pass_context
def check_command(
    ctx: click.Context,
    dois: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    fail_on: str,
    severity_overrides: tuple[str, ...],
    refresh: bool,
    mailto: str | None,
    baseline: Path | None,
    update_baseline: bool,
    baseline_note: str,
    stale_after: int,
    as_of: datetime | None,
    show: str | None,
) -> None:
    """Compare the team's records with the stored publisher snapshots and report every difference.

    \b
    Examples:
      credit-tracker check
      credit-tracker check --format json --output findings.json
      credit-tracker check --refresh --format github --fail-on error
      credit-tracker check --fail-on role-missing,name-initials
      credit-tracker check --show info --stale-after 90
      credit-tracker check --baseline records/baseline.json --update-baseline
      credit-tracker check --baseline records/baseline.json

    Info-level findings are counted in one line unless --show info. A finding that a sent
    correction request covers is pending correction and does not fail the run until the request
    is stale (--stale-after); one whose fix was seen and then undone is regressed, an error.

    With --baseline FILE, the findings in the file are known: reported as acknowledged (with the
    file's note and date), not failing; only findings not in it fail the run.

    \b
    Exit codes: 0 nothing at or above --fail-on and every DOI verified (with --baseline: nothing
    new; known findings are reported, not failing); 1 findings (open or regressed, and with
    --baseline not in the file) at or above --fail-on; 2 usage or input error; 3 a DOI could
    not be verified.
    """
    from credit_tracker.services.store_check import CheckOptions, check_store, subjects

    options = CheckOptions.parse(fail_on, severity_overrides, day(as_of), stale_after)
    policy = options.policy
    if update_baseline and baseline is None:
        raise InputError("--update-baseline needs --baseline FILE", field="--update-baseline")
    if refresh:
        from credit_tracker.cli.fetch import _fetch

        _fetch(ctx, dois, mailto, None, 30, quiet=True)
    store = _store(ctx)
    named = _normal_dois(dois)
    report = check_store(store, named, options)
    if baseline is not None:
        report = _with_baseline(
            report,
            baseline,
            options,
            checked=set(named) or None,
            update=update_baseline,
            note=baseline_note,
        )
    name = fmt or FORMATS.named_by(output)
    color = name == "text" and output is None and use_color(sys.stdout, os.environ)
    formatter = formatter_for(
        name,
        policy.fails,
        show_info=show == "info",
        color=color,
        subjects=lambda: subjects(store, named),
    )
    _emit(formatter.format(report), output)
    if name == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _write_step_summary(report, policy.fails, show_info=show == "info")
    if output is not None or name != "text":
        _echo_summary_lines(report)
    finish(ctx, report.verdict)


def _write_step_summary(
    report: CheckReport, fails: Callable[[Finding], bool], show_info: bool
) -> None:
    """Add the Markdown report to GitHub's job summary, within the room the summary has left."""
    step_summary = Path(os.environ["GITHUB_STEP_SUMMARY"])
    budget = _summary_room(step_summary)
    summary = formatter_for("markdown", fails, show_info=show_info, budget=budget).format(report)
    _append_summary(step_summary, summary)


def _echo_summary_lines(report: CheckReport) -> None:
    """The text report's closing lines on stderr, when stdout holds another format or a file
    holds the report."""
    from credit_tracker.render.formats.base import summary_line
    from credit_tracker.render.lines import report_coverage_lines

    click.echo(summary_line(report), err=True)
    for line in report_coverage_lines(report):
        click.echo(line, err=True)


def _with_baseline(
    report: CheckReport,
    path: Path,
    options: CheckOptions,
    *,
    checked: set[str] | None,
    update: bool,
    note: str,
) -> CheckReport:
    """Apply the baseline file (after writing it again, with --update-baseline)."""
    from credit_tracker.services.store_check import apply_baseline_file

    done = apply_baseline_file(
        report, path, options, checked=checked, update_note=note if update else None
    )
    if done.written is not None:
        w = done.written
        click.echo(
            f"baseline {w.path}: {w.findings} finding(s), {w.added} added, {w.dropped} dropped",
            err=True,
        )
    return done.report


def formatter_for(
    name: str,
    fails: Callable[[Finding], bool],
    *,
    show_info: bool = False,
    color: bool = False,
    subjects: Callable[[], Subjects] | None = None,
    where: str | None = None,
    budget: int | None = None,
) -> Format:
    """Return the format named, told what fails the run (JUnit, Markdown) and, for JUnit, the
    articles and authors checked (read only when JUnit is asked for)."""
    from credit_tracker.render.formats import ReportOptions
    from credit_tracker.render.formats.github import DEFAULT_WHERE

    options = ReportOptions(
        color=color,
        show_info=show_info,
        fails=fails,
        subjects=subjects,
        where=where or DEFAULT_WHERE,
        budget=budget,
    )
    return FORMATS[name](options)


def _summary_room(path: Path) -> int:
    """The bytes the step's summary has left under GitHub's limit, after what it holds."""
    from credit_tracker.render.job_summary import SUMMARY_LIMIT

    try:
        held = path.stat().st_size
    except OSError:
        held = 0
    return max(0, SUMMARY_LIMIT - held)


def _append_summary(path: Path, markdown: str) -> None:
    """Append the job summary; the runner reads the file once the step ends."""
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as exc:
        raise OutputError(
            f"GITHUB_STEP_SUMMARY {path}: could not append ({exc.strerror or exc})"
        ) from exc

"""The nightly command: the whole CI job (fetch, harvest, check, every report) as one command."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from credit_tracker.cli.base import _emit, _normal_dois, _store, cli, finish, write_output
from credit_tracker.cli.check import baseline_option, formatter_for
from credit_tracker.cli.options import (
    day,
    mailto_option,
    policy_options,
    show_option,
    state_options,
    xml_max_age_option,
)
from credit_tracker.domain.errors import InputError

if TYPE_CHECKING:  # imported lazily at run time: start-up stays quick for --help
    from collections.abc import Callable

    from credit_tracker.domain.findings import Finding
    from credit_tracker.services.nightly import NightlyResult
    from credit_tracker.services.store_check import CheckOptions

HARVEST_DAYS = 8
"""By default the harvest looks back this many days: a nightly job that missed a week catches up."""

_FILE = click.Path(dir_okay=False, path_type=Path)


@cli.command("nightly")
@click.argument("dois", nargs=-1)
@click.option("--junit", type=_FILE, help="Write the JUnit XML report here.")
@click.option(
    "--summary",
    type=_FILE,
    help='Write the Markdown job summary here (e.g. "$GITHUB_STEP_SUMMARY").',
)
@click.option("--json", "json_file", type=_FILE, help="Write the JSON report here.")
@click.option(
    "--github",
    is_flag=True,
    help="Print GitHub workflow annotations (errors first, at most 10 of each kind) instead of "
    "the text report.",
)
@policy_options
@baseline_option
@click.option(
    "--bootstrap-baseline",
    is_flag=True,
    help="The first night: when the --baseline FILE does not exist yet, write it from tonight's "
    "findings (every open one failing under --fail-on), so that they do not fail this run or "
    "later ones. When the file exists, an ordinary night (said in one line).",
)
@mailto_option
@xml_max_age_option(
    "Download the publisher XML of articles with nothing open again after this many days."
)
@click.option(
    "--harvest-since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help=f"List new works indexed since this day (default: {HARVEST_DAYS} days before --as-of).",
)
@click.option("--no-harvest", is_flag=True, help="Do not list new works by team members.")
@state_options
@show_option
@click.pass_context
def nightly_command(
    ctx: click.Context,
    dois: tuple[str, ...],
    junit: Path | None,
    summary: Path | None,
    json_file: Path | None,
    github: bool,
    fail_on: str,
    severity_overrides: tuple[str, ...],
    baseline: Path | None,
    bootstrap_baseline: bool,
    mailto: str | None,
    xml_max_age: int,
    harvest_since: datetime | None,
    no_harvest: bool,
    stale_after: int,
    as_of: datetime | None,
    show: str | None,
) -> None:
    """Run the whole nightly job: fetch, list new works, check, and write every report.

    Fetches every article, or the DOIs given: the publisher XML of articles with findings at
    or above --fail-on (in any state), with correction requests still waiting, or with fixed
    baseline entries is downloaded every night, since publishers often fix the XML without any
    change at Crossref; the rest after --xml-max-age days. Then lists new works by team members
    (never failing the run), checks once, and writes each report asked for from that one check.
    With --baseline FILE, the findings in the file do not fail the run; the day a finding is
    seen gone is written into its entry, and if it comes back it is regressed, an error that
    fails the run. Reports are written whole or not at all. With --bootstrap-baseline (the
    first night of a CI job), a FILE that does not exist yet is written from tonight's findings
    and the run passes; a FILE that exists makes an ordinary night.

    \b
    Examples:
      credit-tracker nightly
      credit-tracker nightly --baseline records/baseline.json --junit credit-tracker.xml \\
          --summary "$GITHUB_STEP_SUMMARY" --json credit-tracker.json --github
      credit-tracker nightly --baseline records/baseline.json --bootstrap-baseline
      credit-tracker nightly --fail-on error --no-harvest --mailto office@example.org

    \b
    Exit codes (as check's): 0 nothing new at or above --fail-on and every DOI fetched and
    verified (findings in the baseline, acknowledged or pending correction do not count);
    1 new findings (open or regressed, not in the baseline) at or above --fail-on; 2 usage
    or input error (a bad baseline file); 3 could not complete (a fetch failed, a DOI
    unverified). The harvest never changes the exit code.
    """
    from credit_tracker.services.store_check import CheckOptions

    _check_report_paths({"--junit": junit, "--summary": summary, "--json": json_file})
    if bootstrap_baseline and baseline is None:
        raise InputError(
            "--bootstrap-baseline needs --baseline FILE (the file to write the first night)",
            field="--bootstrap-baseline",
        )
    today = day(as_of)
    options = CheckOptions.parse(fail_on, severity_overrides, today, stale_after)
    policy = options.policy
    since = harvest_since.date() if harvest_since else today - timedelta(days=HARVEST_DAYS)
    result = _run(
        ctx,
        _normal_dois(dois),
        options=options,
        baseline=baseline,
        bootstrap=bootstrap_baseline,
        mailto=mailto,
        xml_max_age=xml_max_age,
        harvest_since=None if no_harvest else since.isoformat(),
    )
    _write_reports(
        result,
        policy.fails,
        junit=junit,
        summary=summary,
        json_file=json_file,
        show_info=show == "info",
    )
    where = _where(summary, junit, json_file)
    name = "github" if github else "text"
    _emit(
        formatter_for(name, policy.fails, show_info=show == "info", where=where).format(
            result.report
        ),
        None,
    )
    _echo_summary(result, github)
    finish(ctx, result.verdict)


def _run(
    ctx: click.Context,
    dois: list[str],
    *,
    options: CheckOptions,
    baseline: Path | None,
    bootstrap: bool,
    mailto: str | None,
    xml_max_age: int,
    harvest_since: str | None,
) -> NightlyResult:
    from credit_tracker.services.clients import Clients
    from credit_tracker.services.nightly import run_nightly

    return run_nightly(
        _store(ctx),
        Clients.from_env(mailto),
        dois,
        options=options,
        baseline=baseline,
        xml_max_age=timedelta(days=xml_max_age),
        harvest_since=harvest_since,
        bootstrap=bootstrap,
    )


def _check_report_paths(paths: dict[str, Path | None]) -> None:
    """Refuse, before anything is fetched, a report path that no file could be written at."""
    for option, path in paths.items():
        if path is not None and not path.parent.is_dir():
            raise InputError(
                "cannot create a file there (no such folder); give a path in an existing folder",
                path=str(path),
                field=option,
            )


def _write_reports(
    result: NightlyResult,
    fails: Callable[[Finding], bool],
    *,
    junit: Path | None,
    summary: Path | None,
    json_file: Path | None,
    show_info: bool,
) -> None:
    """Write each report asked for, every one from the same check."""
    report = result.report
    if junit is not None:
        formatter = formatter_for(
            "junit", fails, show_info=show_info, subjects=lambda: result.subjects
        )
        write_output(junit, formatter.format(report))
    if json_file is not None:
        write_output(json_file, formatter_for("json", fails).format(report))
    if summary is not None:
        write_output(summary, _job_summary(result, fails, show_info))


def _job_summary(result: NightlyResult, fails: Callable[[Finding], bool], show_info: bool) -> str:
    """The Markdown job summary: the check, then what the run did, under GitHub's limit."""
    from credit_tracker.render.job_summary import ThisRun, job_summary

    run = ThisRun(
        fetch=_fetch_line(result),
        bootstrap=result.bootstrap,
        baseline_fixed=result.baseline_fixed,
        harvest_error=result.harvest_error,
        works=result.harvest.works if result.harvest is not None else None,
    )
    return job_summary(result.report, run, fails=fails, show_info=show_info)


def _fetch_line(result: NightlyResult) -> str:
    from credit_tracker.render.lines import fetch_line

    return fetch_line(result.fetch, refreshed=len(result.refreshed))


def _where(summary: Path | None, junit: Path | None, json_file: Path | None) -> str:
    """Where the annotations' final line sends the reader for the findings not annotated."""
    named = [
        "the job summary" if _is_step_summary(path) else str(path)
        for path in (summary, junit, json_file)
        if path is not None
    ]
    return f"the full report: {', '.join(named)}" if named else "credit-tracker check lists all"


def _is_step_summary(path: Path) -> bool:
    return str(path) == os.environ.get("GITHUB_STEP_SUMMARY")


def _echo_summary(result: NightlyResult, github: bool) -> None:
    from credit_tracker.render.formats.base import summary_line
    from credit_tracker.render.lines import (
        bootstrap_line,
        coverage_lines,
        failure_lines,
        report_coverage_lines,
        skipped_lines,
    )
    from credit_tracker.render.visible import visible

    click.echo(_fetch_line(result), err=True)
    for line in failure_lines(result.fetch, when="tonight"):
        click.echo(f"  {line}", err=True)
    if result.fetch.coverage is not None and result.fetch.coverage.publishers:
        click.echo("role sources, by publisher (Crossref's name):", err=True)
        for line in coverage_lines(result.fetch.coverage):
            click.echo(f"  {line}", err=True)
    if result.fetch.stopped:
        click.echo(f"credit-tracker: stopped early: {result.fetch.stopped}", err=True)
    if result.harvest_error:
        click.echo(f"credit-tracker: warning: {visible(result.harvest_error)}", err=True)
    elif result.harvest is not None:
        for line in skipped_lines(result.harvest.malformed):
            click.echo(line, err=True)
        click.echo(f"harvest: {len(result.harvest.works)} new work(s)", err=True)
    if result.baseline_fixed:
        click.echo(f"baseline: {len(result.baseline_fixed)} finding(s) seen fixed", err=True)
    if result.bootstrap is not None:
        click.echo(bootstrap_line(result.bootstrap), err=True)
    if github:  # the text report on stdout ends with the same lines
        for line in report_coverage_lines(result.report):
            click.echo(line, err=True)
        click.echo(summary_line(result.report), err=True)

"""The commands that compare: check and ack (author and report live beside them)."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import click

from credit_tracker.cli.base import _emit, _normal_dois, _store, cli, use_color
from credit_tracker.cli.options import day, show_option, state_options
from credit_tracker.domain.errors import InputError, OutputError


@cli.command("check")
@click.argument("dois", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "markdown", "github", "csv"]),
    default=None,
    help="Report format (default: from --output's extension, else text).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report here; the summary still goes to stderr.",
)
@click.option(
    "--fail-on",
    default="warning",
    show_default=True,
    help="Fail (exit 1) on findings at or above this severity (info, warning, error), 'never', "
    "or a comma list of rules.",
)
@click.option(
    "--severity",
    "severity_overrides",
    multiple=True,
    metavar="RULE=LEVEL",
    help="Change a rule's severity; repeatable.",
)
@click.option(
    "--refresh",
    is_flag=True,
    help="Fetch before checking (default: offline, from the stored snapshots).",
)
@click.option("--mailto", help="With --refresh: your e-mail for Crossref's polite pool.")
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

    Info-level findings are counted in one line unless --show info. A finding that a sent
    correction request covers is pending correction and does not fail the run until the request
    is stale (--stale-after); one whose fix was seen and then undone is regressed, an error.

    \b
    Exit codes: 0 nothing at or above --fail-on and every DOI verified; 1 findings (open or
    regressed) at or above --fail-on; 2 usage or input error; 3 a DOI could not be verified.
    """
    from credit_tracker.render.formats import EXTENSIONS, FORMATS
    from credit_tracker.render.formats.base import summary_line
    from credit_tracker.render.formats.junit import JunitFormat
    from credit_tracker.render.formats.markdown import MarkdownFormat
    from credit_tracker.rules.check import (
        FailPolicy,
        check_shards,
        exit_code,
        parse_severities,
        run_check,
        select_dois,
    )

    policy = FailPolicy.parse(fail_on)
    severities = parse_severities(severity_overrides)
    if refresh:
        from credit_tracker.cli.fetching import _fetch

        _fetch(ctx, dois, mailto, None, 30, quiet=True)
    store = _store(ctx)
    today = day(as_of)
    if dois:
        records = store.load(_normal_dois(dois))
        report = run_check(
            records,
            select_dois(records, dois),
            policy,
            severities,
            today=today,
            stale_after=stale_after,
        )
    else:  # every article, shard by shard on every core: memory stays bounded at institution scale
        report = check_shards(
            store.load_team(),
            store.shards(),
            store.read_shard,
            policy,
            severities,
            today=today,
            stale_after=stale_after,
        )
    name = fmt or (EXTENSIONS.get(output.suffix.lower(), "text") if output else "text")
    color = name == "text" and output is None and use_color(sys.stdout, os.environ)
    show_info = show == "info"
    formatter = (
        JunitFormat(fails=policy.fails)
        if name == "junit"
        else FORMATS[name](color=color, show_info=show_info)
    )
    _emit(formatter.format(report), output)
    if name == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        summary = MarkdownFormat(show_info=show_info).format(report)
        _append_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), summary)
    if output is not None or name != "text":
        click.echo(summary_line(report), err=True)
    ctx.exit(exit_code(report))


def _append_summary(path: Path, markdown: str) -> None:
    """Append the job summary; the runner reads the file once the step ends."""
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as exc:
        raise OutputError(
            f"GITHUB_STEP_SUMMARY {path}: could not append ({exc.strerror or exc})"
        ) from exc


@cli.command("ack")
@click.argument("finding_id")
@click.option(
    "--note", required=True, help="Why it is known, e.g. 'correction requested 2025-06-01'."
)
@click.pass_context
def ack_command(ctx: click.Context, finding_id: str, note: str) -> None:
    """Acknowledge a finding: it is still reported, as acknowledged, and no longer fails the run.

    \b
    Example:
      credit-tracker ack ct-1a2b3c4d5e6f --note "correction requested from PLOS on 2025-06-01"
    """
    from datetime import date

    from credit_tracker.cli.index_files import file_stamp
    from credit_tracker.cli.records_index import RecordsIndex
    from credit_tracker.domain.records import Acknowledgement
    from credit_tracker.rules.check import FailPolicy, run_check

    store = _store(ctx)
    with store.locked():
        before = file_stamp(store.team_path)
        records = store.load()
        report = run_check(records, sorted(records.articles), FailPolicy())
        known = {f.id: f for f in report.findings}
        known |= {a.finding.id: a.finding for a in report.acknowledged}
        known |= {p.finding.id: p.finding for p in report.pending}
        known |= {r.finding.id: r.finding for r in report.regressed}
        finding = known.get(finding_id)
        if finding is None:
            raise InputError(
                f"no current finding has the id {finding_id!r}; see 'credit-tracker check'",
                field="FINDING_ID",
            )
        records.acknowledgements[finding_id] = Acknowledgement(
            finding_id=finding_id,
            doi=finding.doi,
            rule=finding.rule,
            note=note,
            at=date.today().isoformat(),
        )
        store.save(records)
    RecordsIndex(store).note_team_saved(records, before)  # only team.json's small tables changed
    click.echo(f"acknowledged {finding_id} ({finding.rule}, {finding.doi})", err=True)

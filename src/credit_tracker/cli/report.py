"""The report command: one self-contained HTML page for triage, from one pass over the store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from credit_tracker.cli.base import _emit, _store, cli
from credit_tracker.cli.options import day, output_option, show_option, state_options


@cli.command("report")
@output_option("The HTML file to write.", required=True)
@state_options
@show_option
@click.pass_context
def report_command(
    ctx: click.Context, output: Path, stale_after: int, as_of: datetime | None, show: str | None
) -> None:
    """Write one self-contained HTML report for triage: a summary with charts (findings by rule
    and by publisher, the correction pipeline, findings over time), then every finding, errors
    first, in tables that sort and filter (severity, rule, state, person, publisher, text), with
    info collapsed and name differences marked character by character.

    \b
    Example:
      credit-tracker report --output report.html
    """
    from credit_tracker.render.formats.base import summary_line
    from credit_tracker.render.html import HtmlData, HtmlReport
    from credit_tracker.render.lines import report_coverage_lines
    from credit_tracker.services.store_check import survey_store

    survey, team = survey_store(_store(ctx), day(as_of), stale_after)
    data = HtmlData(
        report=survey.report,
        generated=(
            f"judged as of {as_of:%Y-%m-%d}"
            if as_of
            else f"generated {datetime.now():%Y-%m-%d %H:%M}"
        ),
        articles=survey.articles,
        trend=survey.trend,
        histories={request.id: request.history for request in team.corrections.values()},
        show_info=show == "info",
    )
    _emit(HtmlReport().render(data), output)
    click.echo(f"wrote {output}: {summary_line(survey.report)}", err=True)
    for line in report_coverage_lines(survey.report):  # the same two lines as `check`
        click.echo(line, err=True)

"""The ack command: findings acknowledged with one note, still reported, no longer failing."""

from __future__ import annotations

from datetime import datetime

import click

from credit_tracker.cli.base import _store, cli
from credit_tracker.cli.options import day
from credit_tracker.domain.errors import InputError


@cli.command("ack")
@click.argument("finding_ids", metavar="[FINDING_ID]...", nargs=-1)
@click.option(
    "--rule",
    "rules",
    multiple=True,
    metavar="RULE",
    help="Every finding of this rule not acknowledged yet; repeatable; with --doi, both must hold.",
)
@click.option(
    "--doi",
    "dois",
    multiple=True,
    metavar="DOI",
    help="Every finding on this article not acknowledged yet; repeatable.",
)
@click.option(
    "--note", required=True, help="Why it is known, e.g. 'correction requested 2025-06-01'."
)
@click.option(
    "--date",
    "when",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day of the acknowledgement (YYYY-MM-DD; default: today).",
)
@click.pass_context
def ack_command(
    ctx: click.Context,
    finding_ids: tuple[str, ...],
    rules: tuple[str, ...],
    dois: tuple[str, ...],
    note: str,
    when: datetime | None,
) -> None:
    """Acknowledge findings: still reported, as acknowledged, and no longer failing the run.

    Name findings by id, or select them with --rule and --doi (all that match and are not
    acknowledged yet); one note covers them all. Nothing is written if any id is unknown or a
    selection matches nothing.

    \b
    Examples:
      credit-tracker ack ct-1a2b3c4d5e6f --note "correction requested from PLOS on 2025-06-01"
      credit-tracker ack ct-1a2b3c4d5e6f ct-0c1001511384 --note "known; see ticket 42"
      credit-tracker ack --rule orcid-missing --note "ORCID iDs are not deposited by this journal"
      credit-tracker ack --doi 10.5555/aimms-mentoring-2025 --rule role-missing --note "asked"
    """
    from credit_tracker.render.lines import acknowledged_line
    from credit_tracker.services.acknowledging import acknowledge

    if not (finding_ids or rules or dois):
        raise InputError(
            "name findings by id, or select them with --rule or --doi", field="FINDING_ID"
        )
    chosen = acknowledge(_store(ctx), finding_ids, note, day(when), rules=rules, dois=dois)
    for finding in chosen:
        click.echo(acknowledged_line(finding.id, finding.rule, finding.doi), err=True)
    if len(chosen) > 1:
        click.echo(f"{len(chosen)} finding(s) acknowledged", err=True)

"""The commands that compare and report: check, ack, author and report."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from credit_tracker.cli.base import OutputError, _emit, _normal_dois, _store, cli, use_color
from credit_tracker.domain.errors import InputError

if TYPE_CHECKING:
    from credit_tracker.domain.models import Person
    from credit_tracker.rules.author_view import ArticleView, AuthorView
    from credit_tracker.rules.compare import ArticleCheck


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
) -> None:
    """Compare the team's records with the stored publisher snapshots and report every difference.

    \b
    Examples:
      credit-tracker check
      credit-tracker check --format json --output findings.json
      credit-tracker check --refresh --format github --fail-on error
      credit-tracker check --fail-on role-missing,name-initials

    \b
    Exit codes: 0 nothing at or above --fail-on and every DOI verified; 1 findings at or
    above --fail-on; 2 usage or input error; 3 a DOI could not be verified.
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
    if dois:
        records = store.load(_normal_dois(dois))
        report = run_check(records, select_dois(records, dois), policy, severities)
    else:  # every article, shard by shard on every core: memory stays bounded at institution scale
        report = check_shards(
            store.load_team(), store.shards(), store.read_shard, policy, severities
        )
    name = fmt or (EXTENSIONS.get(output.suffix.lower(), "text") if output else "text")
    color = name == "text" and output is None and use_color(sys.stdout, os.environ)
    formatter = JunitFormat(fails=policy.fails) if name == "junit" else FORMATS[name](color=color)
    _emit(formatter.format(report), output)
    if name == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append_summary(Path(os.environ["GITHUB_STEP_SUMMARY"]), MarkdownFormat().format(report))
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

    from credit_tracker.domain.records import Acknowledgement
    from credit_tracker.rules.check import FailPolicy, run_check

    with _store(ctx).transaction() as records:
        report = run_check(records, sorted(records.articles), FailPolicy())
        known = {f.id: f for f in report.findings} | {
            a.finding.id: a.finding for a in report.acknowledged
        }
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
    click.echo(f"acknowledged {finding_id} ({finding.rule}, {finding.doi})", err=True)


@cli.command("author")
@click.argument("query")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def author_command(ctx: click.Context, query: str, fmt: str) -> None:
    """Show one person across the team's articles: roles by source and names as printed.

    QUERY is a name in any spelling, an ORCID iD or a person id.

    \b
    Examples:
      credit-tracker author "Jane Illes"
      credit-tracker author 0000-0002-1825-0097 --format json
    """
    import json

    from credit_tracker.render.visible import json_visible
    from credit_tracker.rules.author_view import author_view
    from credit_tracker.rules.check import FailPolicy, run_check
    from credit_tracker.rules.editing import find_person

    records = _store(ctx).load()
    person = find_person(records, query)
    dois = [
        doi for doi, r in records.articles.items() if any(a.person == person.id for a in r.authors)
    ]
    view = author_view(records, person, run_check(records, sorted(dois), FailPolicy()))
    if fmt == "json":
        data = {
            "person": {
                "id": person.id,
                "name": person.name.display(),
                "orcid": person.orcid,
                "accepted_spellings": person.accepted_spellings,
            },
            "articles": [_article_json(a) for a in view.articles],
        }
        click.echo(json_visible(json.dumps(data, indent=2, ensure_ascii=False)))
        return
    _echo_author_view(person, view)


def _echo_author_view(person: Person, view: AuthorView) -> None:
    """The text form of `author`: record and publisher strings shown on one line each."""
    from credit_tracker.render.visible import visible as v

    click.echo(f"{v(person.name.display())} [{v(person.id)}]  ORCID {person.orcid or 'none'}")
    for article in view.articles:
        click.echo(f"\n{v(article.doi)}  {v(article.title)}")
        click.echo(
            f"  author {article.position}, printed as {article.printed!r} in the team's record"
        )
        roles = "; ".join(article.roles) if article.roles is not None else "not recorded"
        click.echo(f"  roles recorded: {v(roles)}")
        for source in article.sources:
            stated = (
                "no roles stated"
                if source.roles is None
                else "; ".join(source.roles) or "none listed"
            )
            # repr shows hidden characters as escapes too, and marks where the name ends
            click.echo(
                f"  {source.source}: printed {source.printed!r}; roles: {v(stated)} "
                f"(paired by {source.matched})"
            )
        for finding in article.findings:
            click.echo(f"  {finding.severity.value} {finding.rule}: {v(finding.message)}")
        for status in article.requests:
            click.echo(f"  correction request {v(status.id)}: {status.state} ({v(status.detail)})")


def _article_json(article: ArticleView) -> dict[str, Any]:
    from dataclasses import asdict

    return {
        "doi": article.doi,
        "title": article.title,
        "position": article.position,
        "printed": article.printed,
        "roles": article.roles,
        "sources": [asdict(s) for s in article.sources],
        "findings": [f.model_dump(mode="json") for f in article.findings],
        "requests": [{"id": s.id, "state": s.state, "detail": s.detail} for s in article.requests],
    }


@cli.command("report")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The HTML file to write.",
)
@click.pass_context
def report_command(ctx: click.Context, output: Path) -> None:
    """Write one self-contained HTML report: summary, filters, findings by article and by author,
    correction requests, and how each author's name was printed across sources.

    \b
    Example:
      credit-tracker report --output report.html
    """
    from datetime import datetime

    from credit_tracker.render.formats.base import summary_line
    from credit_tracker.render.formats.html import HtmlData, HtmlReport
    from credit_tracker.rules.author_view import author_view
    from credit_tracker.rules.check import FailPolicy, run_check

    records = _store(ctx).load()
    report = run_check(records, sorted(records.articles), FailPolicy())
    people = sorted({a.person for r in records.articles.values() for a in r.authors})
    # each article compared once, however many of its authors are shown
    compared: dict[str, ArticleCheck] = {}
    views = [
        author_view(records, records.people[p], report, compared)
        for p in people
        if p in records.people
    ]
    histories = {request.id: request.history for request in records.corrections.values()}
    titles = {doi: record.title or "" for doi, record in records.articles.items()}
    data = HtmlData(
        report=report,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        authors=views,
        histories=histories,
        titles=titles,
    )
    _emit(HtmlReport().render(data), output)
    click.echo(f"wrote {output}: {summary_line(report)}", err=True)

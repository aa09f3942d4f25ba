"""The records commands: import, export, list and show the team's article records."""

from __future__ import annotations

from pathlib import Path

import click

from credit_tracker.cli.base import _emit, _store, cli


@cli.group("records")
def records_group() -> None:
    """Import, export, list and show the team's article records."""


@records_group.command("import")
@click.argument("doi")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", help="The article's title, to keep with the record.")
@click.pass_context
def records_import(ctx: click.Context, doi: str, file: Path, title: str | None) -> None:
    """Read a tenzing contributors table (CSV or TSV) into the record for DOI.

    Importing again replaces that article's record and lists what changed. A bad row is
    reported with its line and column, and nothing is written.

    \b
    Example:
      credit-tracker records import 10.1371/journal.pone.0185809 contributors.csv
    """
    from credit_tracker.domain.identifiers import normalize_doi
    from credit_tracker.parse.tenzing import decode_table, parse_table
    from credit_tracker.rules.editing import import_table

    key = normalize_doi(doi)
    table = parse_table(decode_table(file.read_bytes(), str(file)), str(file))
    with _store(ctx).transaction() as records:
        result = import_table(records, key, table, title=title)
    verb = "created" if result.created else "replaced"
    click.echo(f"{verb} the record for {result.doi}: {len(table.authors)} author(s)", err=True)
    for person in result.new_people:
        click.echo(f"  new person: {person}", err=True)
    for change in result.changes:
        click.echo(f"  {change}", err=True)
    if not result.created and not result.changes:
        click.echo("  no changes", err=True)


@records_group.command("export")
@click.argument("doi")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tenzing", "json", "statement", "jats"]),
    default="tenzing",
    show_default=True,
    help=(
        "tenzing table, JSON, a CRediT author statement, or JATS <contrib> markup with JATS4R "
        "roles."
    ),
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
@click.pass_context
def records_export(ctx: click.Context, doi: str, fmt: str, output: Path | None) -> None:
    """Write the record for DOI as a tenzing table (round-trip exact), JSON, a statement or JATS.

    \b
    Examples:
      credit-tracker records export 10.5555/aimms-mentoring-2025 --output aimms.csv
      credit-tracker records export 10.5555/aimms-mentoring-2025 --format statement
      credit-tracker records export 10.5555/aimms-mentoring-2025 --format jats
    """
    import json

    from credit_tracker.parse.tenzing import export_table
    from credit_tracker.render.contributions import jats_contribs, statement
    from credit_tracker.rules.editing import get_article

    records = _store(ctx).load()
    record = get_article(records, doi)
    if fmt == "json":
        text = json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "statement":
        text, left_out = statement(record)
        if left_out:
            click.echo(f"left out (roles not recorded): {', '.join(left_out)}", err=True)
    elif fmt == "jats":
        text = jats_contribs(record, records.people)
    else:
        text = export_table(record, {pid: person.orcid for pid, person in records.people.items()})
    _emit(text, output)


@records_group.command("list")
@click.pass_context
def records_list(ctx: click.Context) -> None:
    """List the articles in the records, with their latest snapshot state.

    \b
    Example:
      credit-tracker records list
    """
    from credit_tracker.rules.compare import latest_by_source

    records = _store(ctx).load()
    for doi in sorted(records.articles):
        record = records.articles[doi]
        shots = latest_by_source(records.snapshots.get(doi, []))
        state = (
            ", ".join(
                f"{kind.value} {shot.state.value} {shot.fetched_at:%Y-%m-%d}"
                for kind, shot in sorted(shots.items())
            )
            or "never fetched"
        )
        flags = " [draft: roles not recorded]" if record.draft else ""
        click.echo(f"{doi}\t{len(record.authors)} authors\t{state}\t{record.title or ''}{flags}")
    click.echo(f"{len(records.articles)} article(s)", err=True)


@records_group.command("show")
@click.argument("doi")
@click.pass_context
def records_show(ctx: click.Context, doi: str) -> None:
    """Show the team's record for DOI: authors in order, roles, ORCID iDs.

    \b
    Example:
      credit-tracker records show 10.5555/aimms-mentoring-2025
    """
    from credit_tracker.rules.editing import get_article

    records = _store(ctx).load()
    record = get_article(records, doi)
    click.echo(f"{record.doi}  {record.title or ''}")
    if record.note:
        click.echo(f"note: {record.note}")
    for position, author in enumerate(record.authors, start=1):
        person = records.people.get(author.person)
        orcid = f" ORCID {person.orcid}" if person and person.orcid else ""
        star = " (corresponding)" if author.corresponding else ""
        roles = (
            "roles not recorded"
            if author.roles is None
            else "; ".join(a.label + (f" ({a.degree})" if a.degree else "") for a in author.roles)
            or "no roles"
        )
        click.echo(
            f"{position:>3}. {author.printed.display()}{star}{orcid} [{author.person}]: {roles}"
        )

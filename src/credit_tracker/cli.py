"""The command line: the only module that uses click, prints or exits.

Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage or input error;
3 could not complete (an unverified DOI, a store or network failure); 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

import click

from credit_tracker import __version__
from credit_tracker.errors import CreditTrackerError, InputError

EXAMPLE_DOI = "10.5555/aimms-mentoring-2025"


class _Cli(click.Group):
    """Translates the core's typed errors into one-line messages and exit codes, once."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CreditTrackerError as exc:
            click.echo(f"credit-tracker: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("credit-tracker: interrupted; work completed before the interrupt was saved", err=True)
            ctx.exit(130)


def _store(ctx: click.Context):
    from credit_tracker.store import Store

    return Store(ctx.obj["records"])


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--records", "records_dir", type=click.Path(file_okay=False, path_type=Path), envvar="CREDIT_TRACKER_RECORDS",
              default=Path("records"), show_default=True, help="The records folder (env CREDIT_TRACKER_RECORDS).")
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
    from credit_tracker.corrections import PLOS

    store = _store(ctx)
    created = store.init()
    if created:
        with store.transaction() as records:
            records.publishers[PLOS.id] = PLOS  # the worked example of a corrections route
    click.echo(f"{'created' if created else 'already there'}: {store.root}", err=True)


# ---- records ---------------------------------------------------------------------------------


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
    from credit_tracker.identifiers import normalize_doi
    from credit_tracker.records import import_table
    from credit_tracker.tenzing import decode_table, parse_table

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
@click.option("--format", "fmt", type=click.Choice(["tenzing", "json", "statement", "jats"]), default="tenzing", show_default=True,
              help="tenzing table, JSON, a CRediT author statement, or JATS <contrib> markup with JATS4R roles.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
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

    from credit_tracker.records import get_article
    from credit_tracker.statements import jats_contribs, statement
    from credit_tracker.tenzing import export_table

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
    from credit_tracker.compare import latest_by_source

    records = _store(ctx).load()
    for doi in sorted(records.articles):
        record = records.articles[doi]
        shots = latest_by_source(records.snapshots.get(doi, []))
        state = ", ".join(f"{kind.value} {shot.state.value} {shot.fetched_at:%Y-%m-%d}" for kind, shot in sorted(shots.items())) or "never fetched"
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
    from credit_tracker.records import get_article

    records = _store(ctx).load()
    record = get_article(records, doi)
    click.echo(f"{record.doi}  {record.title or ''}")
    if record.note:
        click.echo(f"note: {record.note}")
    for position, author in enumerate(record.authors, start=1):
        person = records.people.get(author.person)
        orcid = f" ORCID {person.orcid}" if person and person.orcid else ""
        star = " (corresponding)" if author.corresponding else ""
        roles = "roles not recorded" if author.roles is None else "; ".join(
            a.label + (f" ({a.degree})" if a.degree else "") for a in author.roles) or "no roles"  # fmt: skip
        click.echo(f"{position:>3}. {author.printed.display()}{star}{orcid} [{author.person}]: {roles}")


# ---- people ----------------------------------------------------------------------------------


@cli.group("person")
def person_group() -> None:
    """See a person and record their ORCID iD, accepted spellings and former names."""


@person_group.command("list")
@click.pass_context
def person_list(ctx: click.Context) -> None:
    """List the people in the records.

    \b
    Example:
      credit-tracker person list
    """
    records = _store(ctx).load()
    for person in sorted(records.people.values(), key=lambda p: p.id):
        click.echo(f"{person.id}\t{person.name.display()}\t{person.orcid or ''}")


@person_group.command("show")
@click.argument("query")
@click.pass_context
def person_show(ctx: click.Context, query: str) -> None:
    """Show a person (QUERY: an id, an ORCID iD or a name in any spelling).

    Former names are confidential: only their number is shown.

    \b
    Example:
      credit-tracker person show "Jane Illes"
    """
    from credit_tracker.records import find_person

    records = _store(ctx).load()
    person = find_person(records, query)
    click.echo(f"{person.id}: {person.name.display()}")
    click.echo(f"  given: {person.name.given!r}  family: {person.name.family!r}  particle: {person.name.particle!r}  suffix: {person.name.suffix!r}")
    click.echo(f"  ORCID: {person.orcid or 'none'}")
    click.echo(f"  accepted spellings: {'; '.join(person.accepted_spellings) or 'none'}")
    click.echo(f"  former names: {len(person.former_names)} (confidential, never shown)")
    articles = [doi for doi, record in records.articles.items() if any(a.person == person.id for a in record.authors)]
    click.echo(f"  articles: {', '.join(sorted(articles)) or 'none'}")


@person_group.command("add-spelling")
@click.argument("query")
@click.argument("spelling")
@click.pass_context
def person_add_spelling(ctx: click.Context, query: str, spelling: str) -> None:
    """Accept SPELLING as a way to print this person's name (never reported as an error).

    \b
    Example:
      credit-tracker person add-spelling jane-illes "J. Illés"
    """
    from credit_tracker.records import add_accepted_spelling, find_person

    with _store(ctx).transaction() as records:
        person = find_person(records, query)
        added = add_accepted_spelling(person, spelling)
    click.echo(f"{person.id}: {'accepted' if added else 'already accepted'}: {spelling}", err=True)


@person_group.command("add-former-name")
@click.argument("query")
@click.argument("name")
@click.pass_context
def person_add_former_name(ctx: click.Context, query: str, name: str) -> None:
    """Record a confidential former NAME: used to recognise the person, never printed.

    \b
    Example:
      credit-tracker person add-former-name jane-illes "Jane Smith"
    """
    from credit_tracker.records import add_former_name, find_person

    with _store(ctx).transaction() as records:
        person = find_person(records, query)
        added = add_former_name(person, name)
    click.echo(f"{person.id}: {'former name recorded' if added else 'former name already recorded'} (confidential)", err=True)


@person_group.command("suggest")
@click.argument("query")
@click.pass_context
def person_suggest(ctx: click.Context, query: str) -> None:
    """Offer the names in the person's ORCID record (credit name, other names) as spellings to accept.

    Nothing is accepted silently: each suggestion comes with the command that accepts it.

    \b
    Example:
      credit-tracker person suggest scott-chamberlain
    """
    from credit_tracker.config import Services
    from credit_tracker.errors import FetchError
    from credit_tracker.names import typographic_key
    from credit_tracker.orcid import OrcidClient
    from credit_tracker.records import find_person
    from credit_tracker.transport import TransportFailure

    records = _store(ctx).load()
    person = find_person(records, query)
    if not person.orcid:
        raise InputError(f"{person.id} has no ORCID iD; set one with 'credit-tracker person set-orcid'")
    services = Services.from_env()
    client = _polite_client(services)
    try:
        names = OrcidClient(client, services.orcid_url).person(person.orcid)
    except TransportFailure as exc:
        raise FetchError(f"ORCID could not be read: {exc.reason}") from None
    if names is None:
        raise InputError(f"ORCID has no public record for {person.orcid}")
    known = {typographic_key(s) for s in (person.name.display(), *person.accepted_spellings)}
    offered = [n for n in (names.credit_name, f"{names.given} {names.family}".strip(), *names.other_names) if n]
    fresh = list(dict.fromkeys(n for n in offered if typographic_key(n) not in known))
    for name in fresh:
        click.echo(f"{name}\t(accept with: credit-tracker person add-spelling {person.id} {json_quote(name)})")
    click.echo(f"{person.id}: {len(fresh)} spelling(s) from ORCID not yet accepted; nothing was changed", err=True)


def json_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


@person_group.command("set-orcid")
@click.argument("query")
@click.argument("orcid")
@click.pass_context
def person_set_orcid(ctx: click.Context, query: str, orcid: str) -> None:
    """Set the person's ORCID iD (bare or URL form; the check digit is verified).

    \b
    Example:
      credit-tracker person set-orcid jane-illes https://orcid.org/0000-0002-1825-0097
    """
    from credit_tracker.records import find_person, set_orcid

    with _store(ctx).transaction() as records:
        person = find_person(records, query)
        value = set_orcid(records, person, orcid)
    click.echo(f"{person.id}: ORCID {value}", err=True)


# ---- fetch -----------------------------------------------------------------------------------


@cli.command("fetch")
@click.argument("dois", nargs=-1)
@click.option("--mailto", help="Your e-mail, for Crossref's polite pool (env CREDIT_TRACKER_MAILTO).")
@click.option("--jats", "jats_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the publisher's JATS XML for the one DOI given from this file.")
@click.option("--xml-max-age", type=click.IntRange(min=0), default=30, show_default=True,
              help="Download publisher XML again after this many days even if Crossref shows no change.")
@click.option("--statement", "statement_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the printed contribution statement for the one DOI given from a PDF, HTML page or text file.")
@click.option("--no-xml", is_flag=True, help="Ask Crossref only; download no publisher XML this time.")
@click.option("--orcid", "with_orcid", is_flag=True, help="Also read the team members' ORCID records: the contributors and roles they assert.")
@click.option("--quiet", "-q", is_flag=True, help="No progress; only the summary line and errors.")
@click.pass_context
def fetch_command(ctx: click.Context, dois: tuple[str, ...], mailto: str | None, jats_file: Path | None,
                  statement_file: Path | None, xml_max_age: int, no_xml: bool, with_orcid: bool, quiet: bool) -> None:  # fmt: skip
    """Learn what the publishers say about each article and store dated snapshots.

    Without DOIs, fetches every article in the records. Crossref is asked in batches of 50
    DOIs; publisher XML (PLOS, Europe PMC) is downloaded again only when Crossref shows a
    change or the last copy is older than --xml-max-age days.

    \b
    Examples:
      credit-tracker fetch --mailto office@example.org
      credit-tracker fetch 10.1371/journal.pone.0185809
      credit-tracker fetch 10.1234/abc --jats article.xml
      credit-tracker fetch 10.1234/abc --statement article.pdf
      credit-tracker fetch --no-xml
      credit-tracker fetch --orcid
    """
    if statement_file is not None:
        _fetch_statement(ctx, dois, statement_file)
        return
    summary = _fetch(ctx, dois, mailto, jats_file, xml_max_age, quiet, xml=not no_xml)
    if with_orcid:
        _fetch_orcid(ctx, dois)
    ctx.exit(3 if summary.failed or summary.xml_failed or summary.stopped else 0)


def _fetch_orcid(ctx: click.Context, dois) -> None:
    from credit_tracker.check import select_dois
    from credit_tracker.config import Services
    from credit_tracker.errors import FetchError
    from credit_tracker.fetch import now_utc, orcid_snapshots, record_snapshot
    from credit_tracker.orcid import OrcidClient
    from credit_tracker.transport import RunStopped, TransportFailure

    services = Services.from_env()
    client = _polite_client(services)
    with _store(ctx).transaction() as records:
        selected = set(select_dois(records, dois))
        try:
            shots = orcid_snapshots(OrcidClient(client, services.orcid_url), records, selected, now_utc())
        except (TransportFailure, RunStopped) as exc:
            raise FetchError(f"ORCID could not be read: {getattr(exc, 'reason', exc)}") from None
        for shot in shots:
            record_snapshot(records, shot)
    click.echo(f"orcid: {len(shots)} work(s) found in team members' ORCID records, {client.counters.requests} request(s)", err=True)


def _fetch_statement(ctx: click.Context, dois, path: Path) -> None:
    from credit_tracker.check import select_dois
    from credit_tracker.documents import read_document
    from credit_tracker.fetch import now_utc, record_snapshot, statement_snapshot
    from credit_tracker.models import SourceAuthor

    if len(dois) != 1:
        raise InputError("--statement needs exactly one DOI")
    kind, text = read_document(path)
    with _store(ctx).transaction() as records:
        doi = select_dois(records, dois)[0]
        team = [SourceAuthor(position=n, raw=a.printed.display(), name=a.printed) for n, a in enumerate(records.articles[doi].authors, start=1)]
        shot = statement_snapshot(doi, str(path), kind, text, records.snapshots.get(doi, []), team, now_utc())
        record_snapshot(records, shot)
    named = sum(1 for author in shot.authors)
    click.echo(f"stored the {kind} statement for {doi}: {named} author(s); {'; '.join(shot.problems)}", err=True)


def _fetch(ctx: click.Context, dois, mailto, jats_file, xml_max_age: int, quiet: bool, xml: bool = True):
    from credit_tracker.check import select_dois
    from credit_tracker.config import Services
    from credit_tracker.crossref import CrossrefClient
    from credit_tracker.fetch import Fetcher, FetchSummary, local_jats_snapshot, now_utc, record_snapshot
    from credit_tracker.publisher import PublisherClient

    store = _store(ctx)
    if jats_file is not None:
        if len(dois) != 1:
            raise InputError("--jats needs exactly one DOI")
        with store.transaction() as records:
            doi = select_dois(records, dois)[0]
            record_snapshot(records, local_jats_snapshot(doi, str(jats_file), jats_file.read_bytes(), now_utc()))
        click.echo(f"stored the JATS roles for {doi} from {jats_file}", err=True)
        return FetchSummary(fetched=1)
    services = Services.from_env(mailto)
    if not services.mailto and not quiet:
        click.echo("credit-tracker: warning: no --mailto given; Crossref serves anonymous clients from its slower public pool", err=True)
    selected = select_dois(store.load(), dois)
    client = _polite_client(services)
    fetcher = Fetcher(
        crossref=CrossrefClient(client, services.crossref_url, services.mailto, services.crossref_token),
        publisher=PublisherClient(client, services.plos_url, services.europepmc_url) if xml else None,
        xml_max_age=timedelta(days=xml_max_age),
    )
    progress = None if quiet or not selected else (lambda done, total: click.echo(f"fetched {done}/{total}", err=True))
    summary = fetcher.run(store, selected, progress)
    click.echo(
        f"fetch: {summary.fetched} fetched, {summary.changed} changed, {summary.not_found} not found, "
        f"{summary.failed} failed, {summary.xml_downloads} XML download(s) ({summary.xml_failed} failed), "
        f"{summary.requests} request(s)", err=True)  # fmt: skip
    for doi, reason in sorted(summary.failures.items()):
        click.echo(f"  could not fetch {doi}: {reason}", err=True)
    if summary.stopped:
        click.echo(f"credit-tracker: stopped early: {summary.stopped}; what was fetched is saved", err=True)
    return summary


# ---- check -----------------------------------------------------------------------------------


@cli.command("check")
@click.argument("dois", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "markdown", "github", "csv"]),
              default=None, help="Report format (default: from --output's extension, else text).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here; the summary still goes to stderr.")
@click.option("--fail-on", default="warning", show_default=True,
              help="Fail (exit 1) on findings at or above this severity (info, warning, error), 'never', or a comma list of rules.")
@click.option("--severity", "severity_overrides", multiple=True, metavar="RULE=LEVEL", help="Change a rule's severity; repeatable.")
@click.option("--refresh", is_flag=True, help="Fetch before checking (default: offline, from the stored snapshots).")
@click.option("--mailto", help="With --refresh: your e-mail for Crossref's polite pool.")
@click.pass_context
def check_command(ctx: click.Context, dois: tuple[str, ...], fmt: str | None, output: Path | None, fail_on: str,
                  severity_overrides: tuple[str, ...], refresh: bool, mailto: str | None) -> None:  # fmt: skip
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
    from credit_tracker.check import FailPolicy, check_shards, exit_code, parse_severities, run_check, select_dois
    from credit_tracker.formats import EXTENSIONS, FORMATS
    from credit_tracker.formats.base import summary_line
    from credit_tracker.formats.junit import JunitFormat
    from credit_tracker.formats.markdown import MarkdownFormat

    policy = FailPolicy.parse(fail_on)
    severities = parse_severities(severity_overrides)
    if refresh:
        _fetch(ctx, dois, mailto, None, 30, quiet=True)
    store = _store(ctx)
    if dois:
        records = store.load(_normal_dois(dois))
        report = run_check(records, select_dois(records, dois), policy, severities)
    else:  # every article, shard by shard on every core: memory stays bounded at institution scale
        report = check_shards(store.load_team(), store.shards(), store.read_shard, policy, severities)
    name = fmt or (EXTENSIONS.get(output.suffix.lower(), "text") if output else "text")
    color = name == "text" and output is None and use_color(sys.stdout, os.environ)
    formatter = JunitFormat(fails=policy.fails) if name == "junit" else FORMATS[name](color=color)
    _emit(formatter.format(report), output)
    if name == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as handle:
            handle.write(MarkdownFormat().format(report))
    if output is not None or name != "text":
        click.echo(summary_line(report), err=True)
    ctx.exit(exit_code(report))


@cli.command("ack")
@click.argument("finding_id")
@click.option("--note", required=True, help="Why it is known, e.g. 'correction requested 2025-06-01'.")
@click.pass_context
def ack_command(ctx: click.Context, finding_id: str, note: str) -> None:
    """Acknowledge a finding: it is still reported, as acknowledged, and no longer fails the run.

    \b
    Example:
      credit-tracker ack ct-1a2b3c4d5e6f --note "correction requested from PLOS on 2025-06-01"
    """
    from datetime import date

    from credit_tracker.check import run_check, FailPolicy
    from credit_tracker.store import Acknowledgement

    with _store(ctx).transaction() as records:
        report = run_check(records, sorted(records.articles), FailPolicy())
        known = {f.id: f for f in report.findings} | {a.finding.id: a.finding for a in report.acknowledged}
        finding = known.get(finding_id)
        if finding is None:
            raise InputError(f"no current finding has the id {finding_id!r}; see 'credit-tracker check'", field="FINDING_ID")
        records.acknowledgements[finding_id] = Acknowledgement(
            finding_id=finding_id, doi=finding.doi, rule=finding.rule, note=note, at=date.today().isoformat())
    click.echo(f"acknowledged {finding_id} ({finding.rule}, {finding.doi})", err=True)


# ---- corrections, the author view, the HTML report ------------------------------------------


@cli.group("correction")
def correction_group() -> None:
    """Draft correction requests to publishers and track them. Nothing is ever sent."""


@correction_group.command("draft")
@click.argument("doi")
@click.option("--author", "author_query", help="Only the errors about this person (id, ORCID iD or name).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "eml"]), default=None,
              help="Default: from --output's extension (.md, .eml), else text.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the draft here.")
@click.pass_context
def correction_draft(ctx: click.Context, doi: str, author_query: str | None, fmt: str | None, output: Path | None) -> None:
    """Draft one request to the publisher from the article's open findings, and track it as drafted.

    \b
    Examples:
      credit-tracker correction draft 10.5555/aimms-mentoring-2025
      credit-tracker correction draft 10.5555/aimms-mentoring-2025 --author jane-illes --output request.eml
    """
    from datetime import date

    from credit_tracker.check import FailPolicy, run_check
    from credit_tracker.corrections import build_draft, publisher_for, record_draft
    from credit_tracker.drafts import DRAFT_FORMATS
    from credit_tracker.records import find_person, get_article

    with _store(ctx).transaction() as records:
        record = get_article(records, doi)
        person = find_person(records, author_query).id if author_query else None
        report = run_check(records, [record.doi], FailPolicy())
        publisher = publisher_for(record, records.publishers)
        draft = build_draft(record, records.people, report.findings, records.snapshots.get(record.doi, []), publisher, person)
        request = record_draft(records.corrections, draft, person, date.today())
    name = fmt or {".md": "markdown", ".eml": "eml"}.get(output.suffix.lower() if output else "", "text")
    _emit(DRAFT_FORMATS[name]().render(draft), output)
    click.echo(f"correction request {request.id}: {request.state.value} ({len(draft.items)} error(s)); nothing was sent", err=True)


@correction_group.command("mark")
@click.argument("doi")
@click.argument("state", type=click.Choice(["sent", "acknowledged", "resolved", "wont-fix", "drafted"]))
@click.option("--author", "author_query", help="The request about this person, if it was drafted with --author.")
@click.option("--note", default="", help="A free note, e.g. the publisher's ticket number.")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Default: today.")
@click.pass_context
def correction_mark(ctx: click.Context, doi: str, state: str, author_query: str | None, note: str, on) -> None:
    """Record a step in a request's life: sent, acknowledged, resolved, wont-fix.

    \b
    Example:
      credit-tracker correction mark 10.5555/aimms-mentoring-2025 sent --note "PLOS ticket 12345"
    """
    from datetime import date

    from credit_tracker.corrections import mark
    from credit_tracker.identifiers import normalize_doi
    from credit_tracker.models import RequestState
    from credit_tracker.records import find_person

    with _store(ctx).transaction() as records:
        person = find_person(records, author_query).id if author_query else None
        request = mark(records.corrections, normalize_doi(doi), person, RequestState(state), on.date() if on else date.today(), note)
    click.echo(f"correction request {request.id}: {request.state.value} on {request.history[-1].date}", err=True)


@correction_group.command("list")
@click.pass_context
def correction_list(ctx: click.Context) -> None:
    """List the correction requests and their state as the latest snapshots show it.

    \b
    Example:
      credit-tracker correction list
    """
    from credit_tracker.check import FailPolicy, run_check

    records = _store(ctx).load()
    report = run_check(records, sorted(records.articles), FailPolicy())
    for status in report.corrections:
        click.echo(f"{status.id}\t{status.state}\t{', '.join(status.kinds)}\t{status.detail}")
    click.echo(f"{len(report.corrections)} request(s)", err=True)


@cli.command("harvest")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only works Crossref indexed on or after this date.")
@click.option("--add", is_flag=True, help="Create draft records (roles not recorded) for the new works.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--mailto", help="Your e-mail, for Crossref's polite pool (env CREDIT_TRACKER_MAILTO).")
@click.option("--page-size", type=click.IntRange(1, 1000), default=100, show_default=True, help="Works per Crossref page.")
@click.pass_context
def harvest_command(ctx: click.Context, since, add: bool, fmt: str, mailto: str | None, page_size: int) -> None:
    """List works carrying a team member's ORCID iD that are not in the records yet.

    Asks Crossref for the works of every person with an ORCID iD (batched, following the cursor
    past the first page, with fetch's politeness and retries). Correction, retraction and
    new-version notices are not listed. Exits 0 whatever it finds (3 if Crossref could not answer).

    \b
    Examples:
      credit-tracker harvest --since 2026-11-01
      credit-tracker harvest --add
      credit-tracker harvest --format markdown >> "$GITHUB_STEP_SUMMARY"
    """
    import json

    from credit_tracker.config import Services
    from credit_tracker.crossref import CrossrefClient
    from credit_tracker.errors import FetchError
    from credit_tracker.harvest import add_drafts, harvest
    from credit_tracker.transport import RunStopped, TransportFailure

    services = Services.from_env(mailto)
    client = _polite_client(services)
    crossref = CrossrefClient(client, services.crossref_url, services.mailto, services.crossref_token)
    store = _store(ctx)
    with store.locked():
        records = store.load()
        try:
            result = harvest(crossref, records, since.date().isoformat() if since else None, rows=page_size)
        except (TransportFailure, RunStopped) as exc:
            raise FetchError(f"Crossref could not list the team's works: {getattr(exc, 'reason', exc)}") from None
        if add and result.works:
            new_people = add_drafts(records, result.works)
            store.save(records)
            click.echo(f"added {len(result.works)} draft record(s) and {len(new_people)} new people", err=True)
    names = {pid: person.name.display() for pid, person in records.people.items()}
    if fmt == "json":
        click.echo(json.dumps([{"doi": w.doi, "title": w.title, "journal": w.journal, "authors": [a.raw for a in w.authors],
                                "team_members": w.members} for w in result.works], indent=2, ensure_ascii=False))  # fmt: skip
    elif fmt == "markdown":
        from credit_tracker.formats.markdown import escape

        click.echo(f"## New works by team members ({len(result.works)})\n")
        for w in result.works:
            click.echo(f"- [{escape(w.doi)}](https://doi.org/{escape(w.doi)}) {escape(w.title)}: {escape(', '.join(names.get(m, m) for m in w.members))}")
    else:
        for w in result.works:
            authors = "; ".join(a.raw for a in w.authors)
            click.echo(f"{w.doi}\t{w.title}\tteam: {', '.join(names.get(m, m) for m in w.members)}\tauthors: {authors}")
    click.echo(f"harvest: {len(result.works)} new work(s), {result.notices_skipped} notice(s) skipped, "
               f"{result.pages} page(s), {client.counters.requests} request(s)", err=True)  # fmt: skip


@cli.group("publisher")
def publisher_group() -> None:
    """Where publishers take correction requests (configuration kept in the records)."""


@publisher_group.command("list")
@click.pass_context
def publisher_list(ctx: click.Context) -> None:
    """List the configured publishers.

    \b
    Example:
      credit-tracker publisher list
    """
    for publisher in sorted(_store(ctx).load().publishers.values(), key=lambda p: p.id):
        journals = "; ".join(f"{name} <{email}>" for name, email in publisher.journals.items())
        click.echo(f"{publisher.id}\t{publisher.name}\t{','.join(publisher.doi_prefixes)}\t{publisher.email or ''}\t{journals}")


@publisher_group.command("set")
@click.argument("publisher_id")
@click.option("--name", required=True)
@click.option("--prefix", "prefixes", multiple=True, required=True, help="A DOI prefix the publisher registers; repeatable.")
@click.option("--email", help="Where correction requests go.")
@click.option("--route", default="", help="How the publisher wants requests, in a sentence.")
@click.option("--journal", "journals", multiple=True, metavar="NAME=EMAIL", help="A journal's own address; repeatable.")
@click.pass_context
def publisher_set(ctx: click.Context, publisher_id: str, name: str, prefixes, email, route, journals) -> None:
    """Add or replace a publisher's corrections contact.

    \b
    Example:
      credit-tracker publisher set elsevier --name Elsevier --prefix 10.1016 --email corrections@example.org
    """
    from credit_tracker.models import Publisher

    pairs = {}
    for item in journals:
        journal, sep, address = item.partition("=")
        if not sep or not journal.strip() or not address.strip():
            raise InputError(f"--journal {item!r}: use NAME=EMAIL")
        pairs[journal.strip()] = address.strip()
    with _store(ctx).transaction() as records:
        records.publishers[publisher_id] = Publisher(id=publisher_id, name=name, doi_prefixes=list(prefixes), email=email,
                                                     route=route, journals=pairs)  # fmt: skip
    click.echo(f"publisher {publisher_id}: saved", err=True)


@cli.command("author")
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def author_command(ctx: click.Context, query: str, fmt: str) -> None:
    """Show one person across the team's articles: roles recorded against each source, names as printed.

    QUERY is a name in any spelling, an ORCID iD or a person id.

    \b
    Examples:
      credit-tracker author "Jane Illes"
      credit-tracker author 0000-0002-1825-0097 --format json
    """
    import json
    from datetime import date

    from credit_tracker.author_view import author_view
    from credit_tracker.check import FailPolicy, run_check
    from credit_tracker.records import find_person

    records = _store(ctx).load()
    person = find_person(records, query)
    dois = [doi for doi, r in records.articles.items() if any(a.person == person.id for a in r.authors)]
    view = author_view(records, person, run_check(records, sorted(dois), FailPolicy()), date.today())
    if fmt == "json":
        data = {"person": {"id": person.id, "name": person.name.display(), "orcid": person.orcid,
                           "accepted_spellings": person.accepted_spellings},  # fmt: skip
                "articles": [_article_json(a) for a in view.articles]}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"{person.name.display()} [{person.id}]  ORCID {person.orcid or 'none'}")
    for article in view.articles:
        click.echo(f"\n{article.doi}  {article.title}")
        click.echo(f"  author {article.position}, printed as {article.printed!r} in the team's record")
        click.echo(f"  roles recorded: {'; '.join(article.roles) if article.roles is not None else 'not recorded'}")
        for source in article.sources:
            roles = "no roles stated" if source.roles is None else "; ".join(source.roles) or "none listed"
            click.echo(f"  {source.source}: printed {source.printed!r}; roles: {roles}")
        for finding in article.findings:
            click.echo(f"  {finding.severity.value} {finding.rule}: {finding.message}")
        for status in article.requests:
            click.echo(f"  correction request {status.request.id}: {status.state} ({status.detail})")


def _article_json(article) -> dict:
    from dataclasses import asdict

    return {
        "doi": article.doi, "title": article.title, "position": article.position, "printed": article.printed,
        "roles": article.roles, "sources": [asdict(s) for s in article.sources],
        "findings": [f.model_dump(mode="json") for f in article.findings],
        "requests": [{"id": s.request.id, "state": s.state, "detail": s.detail} for s in article.requests],
    }  # fmt: skip


@cli.command("report")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The HTML file to write.")
@click.pass_context
def report_command(ctx: click.Context, output: Path) -> None:
    """Write one self-contained HTML report: summary, filters, findings by article and by author,
    correction requests, and how each author's name was printed across sources.

    \b
    Example:
      credit-tracker report --output report.html
    """
    from datetime import date, datetime

    from credit_tracker.author_view import author_view
    from credit_tracker.check import FailPolicy, run_check
    from credit_tracker.corrections import request_status
    from credit_tracker.formats.base import summary_line
    from credit_tracker.formats.html import HtmlData, HtmlReport

    records = _store(ctx).load()
    report = run_check(records, sorted(records.articles), FailPolicy())
    people = sorted({a.person for r in records.articles.values() for a in r.authors})
    views = [author_view(records, records.people[p], report, date.today()) for p in people if p in records.people]
    present = {f.id for f in report.findings} | {a.finding.id for a in report.acknowledged}
    unverified = {u.doi for u in report.unverified}
    statuses = [request_status(r, present, r.doi not in unverified, records.snapshots.get(r.doi, []), date.today())
                for r in sorted(records.corrections.values(), key=lambda r: r.id)]  # fmt: skip
    titles = {doi: record.title or "" for doi, record in records.articles.items()}
    data = HtmlData(report=report, generated=datetime.now().strftime("%Y-%m-%d %H:%M"), authors=views, requests=statuses, titles=titles)
    _emit(HtmlReport().render(data), output)
    click.echo(f"wrote {output}: {summary_line(report)}", err=True)


def _polite_client(services):
    """One polite HTTP client per command: the User-Agent, backoff and timeout from the settings."""
    from credit_tracker.config import user_agent
    from credit_tracker.crossref import habanero_version
    from credit_tracker.transport import PoliteClient

    return PoliteClient(user_agent(services.mailto, habanero_version()), backoff_base=services.backoff_base, timeout=services.timeout)


def _normal_dois(dois) -> list[str]:
    from credit_tracker.identifiers import normalize_doi

    return [normalize_doi(doi) for doi in dois]


def use_color(stream, environ) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in environ


def _emit(text: str, output: Path | None) -> None:
    """Write to stdout, or to `output` only once the whole text exists (no half-written report)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from credit_tracker.store import atomic_write

    atomic_write(output, text)


def main() -> None:
    """The console script."""
    cli(prog_name="credit-tracker")

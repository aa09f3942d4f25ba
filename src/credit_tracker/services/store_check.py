"""A check over a records folder: the named articles, or every shard; who was checked; the
baseline file applied; the survey the HTML report shows; one article's check for the desk.

What `check`, `nightly`, `report` and the desk share. Light on purpose: `check` imports it, and
must start quickly (no HTTP client is imported here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from credit_tracker.check.baseline import apply_baseline, updated_baseline
from credit_tracker.check.policy import FailPolicy, parse_severities
from credit_tracker.check.run import Options, run_check, select_dois
from credit_tracker.corrections.requests import STALE_AFTER_DAYS
from credit_tracker.domain.errors import NotFoundError
from credit_tracker.domain.findings import CheckReport, Rule, Severity
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.records import Records
from credit_tracker.domain.survey import Survey
from credit_tracker.domain.text import require_safe_text
from credit_tracker.services.pool import check_shards, survey_shards
from credit_tracker.store.baseline_file import read_baseline, write_baseline
from credit_tracker.store.folder import ARTICLES, Store, shard_of
from credit_tracker.store.records_index import RecordsIndex
from credit_tracker.store.validated import read_article_shard


@dataclass(frozen=True)
class CheckOptions:
    """How a check judges: what fails, severity overrides, the day, when a request is stale."""

    policy: FailPolicy = field(default_factory=FailPolicy)
    severities: dict[Rule, Severity] = field(default_factory=dict)
    today: date | None = None
    stale_after: int = STALE_AFTER_DAYS

    @classmethod
    def parse(
        cls, fail_on: str, severities: Iterable[str], today: date | None, stale_after: int
    ) -> CheckOptions:
        """Read --fail-on and --severity RULE=LEVEL; InputError naming a bad value."""
        return cls(
            policy=FailPolicy.parse(fail_on),
            severities=parse_severities(severities),
            today=today,
            stale_after=stale_after,
        )


def check_store(store: Store, dois: Iterable[str], options: CheckOptions) -> CheckReport:
    """Return the check of the named DOIs (must be tracked), or of every article shard by shard.

    Raises InputError for a DOI not in the records, StoreError for a store that cannot be read.
    """
    named = list(dois)
    if named:
        records = store.load(named)
        return run_check(
            records,
            select_dois(records, named),
            options.policy,
            options.severities,
            today=options.today,
            stale_after=options.stale_after,
        )
    return check_shards(
        store.load_team(),
        store.shards(),
        store.read_shard,
        options.policy,
        options.severities,
        today=options.today,
        stale_after=options.stale_after,
    )


def subjects(store: Store, dois: Iterable[str] = ()) -> dict[str, list[str]]:
    """Return the team's authors of each article checked (all, or the named DOIs), in order.

    Only the article shards are read (never the snapshots), one at a time.
    """
    named = set(dois)
    found: dict[str, list[str]] = {}
    shards = sorted({shard_of(doi) for doi in named}) if named else store.shards()
    for shard in shards:
        path = str(store.shard_path(ARTICLES, shard))
        for doi, record in read_article_shard(path, ARTICLES).items():
            if not named or doi in named:
                found[doi] = [author.printed.display() for author in record.authors]
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class BaselineWritten:
    """The baseline file as --update-baseline wrote it: how many entries, added and dropped."""

    path: Path
    findings: int
    added: int
    dropped: int


@dataclass(frozen=True)
class Baselined:
    """The report with the baseline file applied, and what rewriting the file did, if asked."""

    report: CheckReport
    written: BaselineWritten | None = None


def apply_baseline_file(
    report: CheckReport,
    path: Path,
    options: CheckOptions,
    *,
    checked: set[str] | None,
    update_note: str | None = None,
) -> Baselined:
    """Apply the baseline file at `path` (a missing file is an empty baseline); with
    `update_note`, first write it again from today's findings, new entries with that note.
    InputError naming the file, line or field for a file that is not a baseline."""
    if update_note is not None:
        require_safe_text(update_note, field="--baseline-note")
    baseline = read_baseline(path)
    today = options.today or date.today()
    written = None
    if update_note is not None:
        new = updated_baseline(baseline, report, options.policy, update_note, today, checked)
        write_baseline(path, new)
        written = BaselineWritten(
            path=path,
            findings=len(new.findings),
            added=len(new.findings.keys() - baseline.findings.keys()),
            dropped=len(baseline.findings.keys() - new.findings.keys()),
        )
        baseline = new
    return Baselined(
        report=apply_baseline(report, baseline, options.policy, today, checked), written=written
    )


def survey_store(store: Store, today: date, stale_after: int) -> tuple[Survey, Records]:
    """The check of every article with what the HTML report shows beside it (the same pass over
    the shards as `check`, on every core), and team.json as it was read."""
    team = store.load_team()
    options = Options(today=today, stale_after=stale_after)
    return survey_shards(team, store.shards(), store.read_shard, FailPolicy(), options), team


def check_indexed(
    index: RecordsIndex, dois: list[str], today: date, stale_after: int
) -> tuple[Records, CheckReport]:
    """These articles' records, read through the records index (with the people on their
    bylines), and their check; a DOI the records no longer hold is left out."""
    records = index.load(dois)
    report = run_check(
        records,
        [doi for doi in dois if doi in records.articles],
        FailPolicy(),
        today=today,
        stale_after=stale_after,
    )
    return records, report


def check_article(
    index: RecordsIndex, doi: str, today: date, stale_after: int
) -> tuple[Records, CheckReport]:
    """One article's records and its check; NotFoundError for a DOI the records do not hold."""
    key = normalize_doi(doi)
    records, report = check_indexed(index, [key], today, stale_after)
    if key not in records.articles:
        raise NotFoundError(f"{key} is not in the team's records")
    return records, report

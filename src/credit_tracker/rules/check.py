"""The check: every selected article compared, states applied, the report assembled."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.findings import (
    CheckReport,
    Finding,
    Severity,
    Summary,
    Unverified,
)
from credit_tracker.domain.identifiers import normalize_doi
from credit_tracker.domain.models import ArticleRecord, SourceSnapshot
from credit_tracker.domain.records import Records
from credit_tracker.rules.corrections import STALE_AFTER_DAYS
from credit_tracker.rules.history import (
    Moment,
    changed,
    compare,
    moments,
    single_moment,
    timeline_steps,
)
from credit_tracker.rules.policy import FailPolicy, parse_severities
from credit_tracker.rules.states import assign_states, tracked_dois
from credit_tracker.rules.survey import ArticleInfo, Survey, article_info, trend

__all__ = [
    "FailPolicy",
    "check_articles",
    "check_shards",
    "exit_code",
    "parse_severities",
    "run_check",
    "select_dois",
    "shard_items",
    "survey_shards",
]


@dataclass(frozen=True)
class Options:
    """How to judge the findings: severity overrides, today's date, when a request is stale."""

    severities: dict[str, Severity] = field(default_factory=dict)
    today: date | None = None
    stale_after: int = STALE_AFTER_DAYS
    survey: bool = False
    """Also gather what the HTML report shows: article labels and the findings over time."""


def select_dois(records: Records, dois: Iterable[str]) -> list[str]:
    """Return the DOIs to check: those named (normalised, must be in the records), else all."""
    named = [normalize_doi(doi) for doi in dois]
    for doi in named:
        if doi not in records.articles:
            raise InputError(
                f"{doi} is not in the team's records; see 'credit-tracker records list'",
                field="DOI",
            )
    return named or sorted(records.articles)


def run_check(
    records: Records,
    dois: list[str],
    policy: FailPolicy,
    severities: dict[str, Severity] | None = None,
    today: date | None = None,
    stale_after: int = STALE_AFTER_DAYS,
) -> CheckReport:
    """Compare each article and return the report; pure over the loaded records."""
    items = ((records.articles[doi], records.snapshots.get(doi, [])) for doi in dois)
    return check_articles(records, items, policy, severities, today, stale_after)


@dataclass
class _Partial:
    """What comparing some of the articles found (merged across workers)."""

    findings: list[Finding] = field(default_factory=list)
    unverified: list[Unverified] = field(default_factory=list)
    accepted: int = 0
    checked: set[str] = field(default_factory=set)
    moments: dict[str, list[Moment]] = field(default_factory=dict)
    """The tracked articles' findings over time (for regressions and requests' fixes)."""
    articles: dict[str, ArticleInfo] = field(default_factory=dict)
    steps: dict[str, list[int]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    """The per-source id each current finding had → its id (for stored acks and requests)."""

    def merge(self, other: _Partial) -> None:
        self.findings += other.findings
        self.unverified += other.unverified
        self.accepted += other.accepted
        self.checked |= other.checked
        self.aliases |= other.aliases
        self.moments.update(other.moments)
        self.articles.update(other.articles)
        for day, change in other.steps.items():
            self.add_step(day, change)

    def add_step(self, day: str, change: Iterable[int]) -> None:
        totals = self.steps.setdefault(day, [0, 0, 0])
        for n, value in enumerate(change):
            totals[n] += value


def _compare_all(
    team: Records, items: Iterable[tuple[ArticleRecord, list[SourceSnapshot]]], options: Options
) -> _Partial:
    partial = _Partial()
    tracked = tracked_dois(team)
    severities = options.severities
    for record, history in items:
        result = compare(record, team.people, history, severities)
        partial.findings += result.findings
        partial.unverified += result.unverified
        partial.accepted += result.accepted
        partial.checked.add(record.doi)
        present = {finding.id for finding in result.findings}
        partial.aliases |= {old: new for old, new in result.aliases.items() if new in present}
        if record.doi not in tracked and not options.survey:
            continue
        # only an article whose snapshots changed is compared again, once per change
        if changed(history):
            found = moments(record, team.people, history, severities, result)
        else:
            found = single_moment(result, history)
        if record.doi in tracked:
            partial.moments[record.doi] = found
        if options.survey:
            for day, change in timeline_steps(found):
                partial.add_step(day, change)
            if result.findings or record.doi in tracked:
                partial.articles[record.doi] = article_info(record, history, team.publishers)
    return partial


def check_articles(
    team: Records,
    items: Iterable[tuple[ArticleRecord, list[SourceSnapshot]]],
    policy: FailPolicy,
    severities: dict[str, Severity] | None = None,
    today: date | None = None,
    stale_after: int = STALE_AFTER_DAYS,
) -> CheckReport:
    """Compare articles as they come (one shard at a time, at scale) and return the report.

    `team` supplies the people, acknowledgements and correction requests; only the findings and
    the moments of articles with requests or acknowledgements are kept, so memory stays bounded.
    """
    options = Options(severities=severities or {}, today=today, stale_after=stale_after)
    return _report(team, _compare_all(team, items, options), policy, options)


ShardReader = Callable[[str], tuple[dict[str, ArticleRecord], dict[str, list[SourceSnapshot]]]]
_WORKER: dict = {}
PARALLEL_FROM = 64
"""Shards below which one process is quicker than starting others."""


def check_shards(
    team: Records,
    shards: list[str],
    read_shard: ShardReader,
    policy: FailPolicy,
    severities: dict[str, Severity] | None = None,
    workers: int | None = None,
    today: date | None = None,
    stale_after: int = STALE_AFTER_DAYS,
) -> CheckReport:
    """Check every article, shard by shard, on as many processes as there are cores."""
    options = Options(severities=severities or {}, today=today, stale_after=stale_after)
    return _report(team, _partial(team, shards, read_shard, options, workers), policy, options)


def survey_shards(
    team: Records,
    shards: list[str],
    read_shard: ShardReader,
    policy: FailPolicy,
    options: Options,
    workers: int | None = None,
) -> Survey:
    """Check every article as `check_shards` does, also gathering what the HTML report shows."""
    options = replace(options, survey=True)
    partial = _partial(team, shards, read_shard, options, workers)
    return Survey(
        report=_report(team, partial, policy, options),
        articles=partial.articles,
        trend=trend(partial.steps),
    )


def _partial(
    team: Records, shards: list[str], read_shard: ShardReader, options: Options, workers: int | None
) -> _Partial:
    """Compare the shards' articles: in this process for a few, else spread over the cores.

    Each worker reads and compares its own shards (the reading is the I/O, the comparing pure);
    the findings come back to be merged, sorted by DOI and summarised.
    """
    import multiprocessing  # only here: a check of a few articles need not pay for importing it
    from concurrent.futures import ProcessPoolExecutor

    workers = workers or os.cpu_count() or 1
    if (
        workers == 1
        or len(shards) < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return _compare_all(team, shard_items(shards, read_shard), options)
    _WORKER.update(team=team, read=read_shard, options=options)  # inherited by forked workers
    chunks = [shards[i :: workers * 4] for i in range(workers * 4)]
    merged = _Partial()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for partial in pool.map(_check_chunk, chunks):
            merged.merge(partial)
    _WORKER.clear()
    return merged


def _check_chunk(shards: list[str]) -> _Partial:
    return _compare_all(_WORKER["team"], shard_items(shards, _WORKER["read"]), _WORKER["options"])


def shard_items(
    shards: list[str], read_shard: ShardReader
) -> Iterator[tuple[ArticleRecord, list[SourceSnapshot]]]:
    """Yield each article of these shards with its snapshot history, reading one shard at a time."""
    for shard in shards:
        articles, snapshots = read_shard(shard)
        for doi, record in articles.items():
            yield record, snapshots.get(doi, [])


def _report(team: Records, partial: _Partial, policy: FailPolicy, options: Options) -> CheckReport:
    # sorted by DOI, stable: each article's findings keep their order
    findings = sorted(partial.findings, key=lambda finding: finding.doi)
    unverified = sorted(partial.unverified, key=lambda entry: entry.doi)
    unverified_dois = {entry.doi for entry in unverified}
    states = assign_states(
        team,
        findings,
        partial.moments,
        checked=partial.checked,
        unverified=unverified_dois,
        today=options.today or date.today(),
        stale_after=options.stale_after,
        aliases=partial.aliases,
    )
    failing = [f for f in states.open if policy.fails(f)]
    failing += [r.finding for r in states.regressed if policy.fails(r.finding)]
    summary = Summary(
        articles=len(partial.checked),
        verified=len(partial.checked - unverified_dois),
        unverified=len(unverified_dois),
        findings=len(states.open),
        by_severity=dict(Counter(f.severity.value for f in states.open)),
        by_rule=dict(sorted(Counter(f.rule for f in states.open).items())),
        acknowledged=len(states.acknowledged),
        resolved=len(states.resolved),
        accepted_spellings=partial.accepted,
        failing=len(failing),
        pending=len(states.pending),
        regressed=len(states.regressed),
    )
    return CheckReport(
        summary=summary,
        findings=states.open,
        regressed=states.regressed,
        pending=states.pending,
        unverified=unverified,
        acknowledged=states.acknowledged,
        resolved=states.resolved,
        corrections=states.corrections,
    )


def exit_code(report: CheckReport) -> int:
    """0 clean and verified; 1 failing findings (open or regressed); 3 anything unverified."""
    if report.unverified:
        return 3
    return 1 if report.summary.failing else 0

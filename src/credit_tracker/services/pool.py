"""The check spread over processes: shards read and compared on every core, then judged once.

Comparing is the expensive half of a check and each shard's comparison stands alone, so at scale
the shards are shared among forked worker processes (each reads and compares its own; the
findings come back to be merged, sorted and judged in this process). A few shards are compared
here: starting processes would cost more than it saves. The comparing and judging themselves
are the pure check/ package; this module only decides where they run.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from credit_tracker.check.comparisons import Compared, ShardCheck, compare_shard
from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import (
    Options,
    ShardReader,
    compare_all,
    judge,
    report_of,
    shard_items,
)
from credit_tracker.corrections.requests import STALE_AFTER_DAYS
from credit_tracker.domain.findings import CheckReport, Rule, Severity
from credit_tracker.domain.models import Person, Publisher
from credit_tracker.domain.records import Records
from credit_tracker.domain.survey import Survey
from credit_tracker.services.forked import WORKER, can_fork, forked, worker_count

PARALLEL_FROM = 64
"""Shards below which one process is quicker than starting others."""


def check_shards(
    team: Records,
    shards: list[str],
    read_shard: ShardReader,
    policy: FailPolicy,
    severities: dict[Rule, Severity] | None = None,
    workers: int | None = None,
    today: date | None = None,
    stale_after: int = STALE_AFTER_DAYS,
) -> CheckReport:
    """Check every article, shard by shard, on as many processes as there are cores."""
    options = Options(severities=severities or {}, today=today, stale_after=stale_after)
    return report_of(team, _partial(team, shards, read_shard, options, workers), policy, options)


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
    return judge(team, _partial(team, shards, read_shard, options, workers), policy, options)


def compare_shards(
    people: dict[str, Person],
    publishers: dict[str, Publisher],
    shards: list[str],
    read_shard: ShardReader,
    severities: dict[Rule, Severity] | None = None,
    workers: int | None = None,
) -> dict[str, ShardCheck]:
    """Compare each shard's articles on their own, keeping all `judge` may use (survey mode),
    on as many processes as there are cores for many shards; return them by shard name."""
    task = (people, publishers, read_shard, severities or {})
    chunks = _spread(shards, workers)
    if chunks is None:
        return dict(_compare_each(task, shards))
    found: dict[str, ShardCheck] = {}
    for part in forked(_compare_chunk, chunks, workers, task=task):
        found.update(part)
    return found


def _compare_chunk(shards: list[str]) -> list[tuple[str, ShardCheck]]:
    return _compare_each(WORKER["task"], shards)


def _compare_each(task: tuple, shards: list[str]) -> list[tuple[str, ShardCheck]]:
    people, publishers, read_shard, severities = task
    found = []
    for shard in shards:
        articles, snapshots = read_shard(shard)
        found.append((shard, compare_shard(people, publishers, articles, snapshots, severities)))
    return found


def _partial(
    team: Records, shards: list[str], read_shard: ShardReader, options: Options, workers: int | None
) -> Compared:
    """Compare the shards' articles: in this process for a few, else spread over the cores.

    Each worker reads and compares its own shards (the reading is the I/O, the comparing pure);
    the findings come back to be merged, sorted by DOI and summarised.
    """
    chunks = _spread(shards, workers)
    if chunks is None:
        return compare_all(team, shard_items(shards, read_shard), options)
    merged = Compared()
    state = {"team": team, "read": read_shard, "options": options}
    for partial in forked(_check_chunk, chunks, workers, **state):
        merged.merge(partial)
    return merged


def _spread(shards: list[str], workers: int | None) -> list[list[str]] | None:
    """The shards in chunks for the worker processes; None: compare them in this process."""
    count = worker_count(workers)
    if count == 1 or len(shards) < PARALLEL_FROM or not can_fork():
        return None
    return [shards[i :: count * 4] for i in range(count * 4)]


def _check_chunk(shards: list[str]) -> Compared:
    return compare_all(WORKER["team"], shard_items(shards, WORKER["read"]), WORKER["options"])

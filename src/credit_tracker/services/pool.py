"""The check spread over processes: shards read and compared on every core, then judged once.

Comparing is the expensive half of a check and each shard's comparison stands alone, so at scale
the shards are shared among forked worker processes (each reads and compares its own; the
findings come back to be merged, sorted and judged in this process). A few shards are compared
here: starting processes would cost more than it saves. The comparing and judging themselves
are the pure check/ package; this module only decides where they run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import TypeVar

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

_WORKER: dict = {}
T = TypeVar("T")
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
    for part in _forked(_compare_chunk, chunks, workers, task=task):
        found.update(part)
    return found


def _compare_chunk(shards: list[str]) -> list[tuple[str, ShardCheck]]:
    return _compare_each(_WORKER["task"], shards)


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
    for partial in _forked(_check_chunk, chunks, workers, **state):
        merged.merge(partial)
    return merged


def _forked(
    work: Callable[[list[str]], T], chunks: list[list[str]], workers: int | None, **state: object
) -> Iterator[T]:
    """`work` over each chunk on forked worker processes, the results in the chunks' order.

    `state` is what the workers read (`_WORKER`): set before the fork, so that each inherits it
    rather than being sent it, and cleared once the pool is done.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _WORKER.update(state)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=_workers(workers), mp_context=context) as pool:
            yield from pool.map(work, chunks)
    finally:
        _WORKER.clear()


def _workers(workers: int | None) -> int:
    return workers or os.cpu_count() or 1


def _spread(shards: list[str], workers: int | None) -> list[list[str]] | None:
    """The shards in chunks for the worker processes; None: compare them in this process."""
    import multiprocessing  # only here: a check of a few articles need not pay for importing it

    count = _workers(workers)
    if (
        count == 1
        or len(shards) < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return None
    return [shards[i :: count * 4] for i in range(count * 4)]


def _check_chunk(shards: list[str]) -> Compared:
    return compare_all(_WORKER["team"], shard_items(shards, _WORKER["read"]), _WORKER["options"])

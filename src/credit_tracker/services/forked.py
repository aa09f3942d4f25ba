"""Work spread over forked worker processes, for the commands whose pieces stand alone.

A fork inherits what this process holds (the records read, the files given), so only the
results travel back. Used where the work is pure computing and plentiful: comparing shards in a
check (services/pool.py), reading hundreds of answered sheets in an import. A few pieces are
done here: starting processes would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
A = TypeVar("A")

WORKER: dict[str, Any] = {}
"""What the workers read: set before the fork, so that each inherits it rather than being sent
it, and cleared once the pool is done."""


def worker_count(workers: int | None) -> int:
    """The processes to use: `workers`, or one per core."""
    return workers or os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this system starts processes by forking (not Windows)."""
    import multiprocessing  # only here: a command that does a few pieces need not import it

    return "fork" in multiprocessing.get_all_start_methods()


def forked(
    work: Callable[[list[A]], T], chunks: list[list[A]], workers: int | None, **state: object
) -> Iterator[T]:
    """`work` over each chunk on forked worker processes, the results in the chunks' order.

    `state` is what the workers read (WORKER). The first error, in the chunks' order, is raised.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    WORKER.update(state)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=worker_count(workers), mp_context=context) as pool:
            yield from pool.map(work, chunks)
    finally:
        WORKER.clear()


def forked_map(
    work: Callable[[A], T], items: Sequence[A], *, parallel_from: int, workers: int | None = None
) -> list[T]:
    """`work` over each item, the results in the items' order: on forked workers for
    `parallel_from` items or more (and more than one core), else here. The first error, in the
    items' order, is raised, as it would be here."""
    count = worker_count(workers)
    if count == 1 or len(items) < parallel_from or not can_fork():
        return [work(item) for item in items]
    size = -(-len(items) // (count * 4))  # a few chunks a worker: one slow chunk holds no one up
    chunks = [list(range(start, start + size)) for start in range(0, len(items), size)]
    chunks[-1] = [index for index in chunks[-1] if index < len(items)]
    done: list[T] = []
    for part in forked(_map_chunk, chunks, count, task=work, items=items):
        done += part
    return done


def _map_chunk(indices: list[int]) -> list[Any]:
    work, items = WORKER["task"], WORKER["items"]
    return [work(items[index]) for index in indices]

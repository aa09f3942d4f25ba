"""The garbage collector held off while records are built: what was built is handed to the
oldest generation when it resumes (not scanned again as young), and cycles are still found."""

from __future__ import annotations

import gc
import weakref

import pytest

from credit_tracker.store.files import paused_gc


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture(autouse=True)
def collector_running() -> None:
    assert gc.isenabled()


def _generation_of(thing: object) -> int | None:
    for generation in (0, 1, 2):
        if any(held is thing for held in gc.get_objects(generation)):
            return generation
    return None


def test_what_was_built_while_paused_is_handed_to_the_oldest_generation() -> None:
    with paused_gc():
        built = [[n] for n in range(1_000)]
        assert _generation_of(built) == 0
    assert _generation_of(built) == 2
    assert gc.get_count()[0] < 1_000  # the young generation starts again, nearly empty
    assert gc.isenabled()


def test_the_collector_stays_off_within_a_pause_inside_another() -> None:
    with paused_gc():
        with paused_gc():
            built = [[n] for n in range(10)]
        assert not gc.isenabled() and _generation_of(built) == 0
    assert gc.isenabled()


def test_a_cycle_built_while_paused_is_still_collected() -> None:
    with paused_gc():
        one, two = Node(), Node()
        one.other, two.other = two, one
        gone = weakref.ref(one)
        del one, two
    assert gone() is not None  # only a cycle holds it: reference counting cannot free it
    gc.collect()
    assert gone() is None

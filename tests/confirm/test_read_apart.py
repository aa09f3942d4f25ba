"""Hundreds of answered sheets are read on every core (forked workers), with the same outcome
as reading them here: the same rows in the files' order, the first refused file named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.domain.errors import InputError
from credit_tracker.services import confirmation
from credit_tracker.services.forked import can_fork, forked_map
from tests.confirm.answering import CONFIRMED, answer_workbook
from tests.confirm.test_confirm_cli import AIMMS, JANE, _tamper, files_of, request, run

pytestmark = pytest.mark.skipif(not can_fork(), reason="workers are forked")


def _pid_of(item: int) -> tuple[int, int]:
    return item, os.getpid()


def _refuse_odd_from_five(item: int) -> int:
    if item >= 5 and item % 2:
        raise InputError("refused", path=f"{item}.xlsx", line=item, field="Your answer")
    return item


def test_the_items_are_done_by_workers_and_come_back_in_order() -> None:
    done = forked_map(_pid_of, list(range(40)), parallel_from=2, workers=2)
    assert [item for item, _pid in done] == list(range(40))
    assert {pid for _item, pid in done}.isdisjoint({os.getpid()})  # not done here
    few = forked_map(_pid_of, [1, 2, 3], parallel_from=4, workers=2)
    assert {pid for _item, pid in few} == {os.getpid()}  # too few to start processes for


def test_the_first_refused_item_in_order_is_raised_whole() -> None:
    with pytest.raises(InputError) as raised:
        forked_map(_refuse_odd_from_five, list(range(40)), parallel_from=2, workers=2)
    assert (raised.value.path, raised.value.line, raised.value.field) == (
        "5.xlsx",
        5,
        "Your answer",
    )
    assert str(raised.value) == "5.xlsx:5: Your answer: refused"


def test_sheets_read_apart_import_as_sheets_read_here(
    runner: CliRunner,
    example_records: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(confirmation, "READ_APART_FROM", 2)
    request(runner, tmp_path / "sheets", JANE)
    sent = tmp_path / "sheets" / "jane-illes.xlsx"
    good = answer_workbook(sent, tmp_path / "good.xlsx", {AIMMS: CONFIRMED})
    bad = _tamper(sent, tmp_path / "bad.xlsx", "Your answer", "sure")
    kept = files_of(example_records)
    refused = run(runner, "confirm", "import", str(good), str(bad), str(good), code=2)
    assert "bad.xlsx: sheet Roles, row 2, column G (Your answer)" in refused.stderr
    assert files_of(example_records) == kept
    done = run(runner, "confirm", "import", str(good), str(sent))
    assert "1 recorded" in done.stderr
    assert files_of(example_records) != kept

"""Reading never needs to write: on a records folder nobody can write, `author --co-authors`,
`correction list` and every page of `serve --read-only` answer as on a writable one, and write
nothing (their records index is kept in memory); a store opened read-only never writes even
where it could; a full disk under the desk's index is no server error.

A folder nobody can write is made as `chmod -R a-w` makes it for a user and, as root (whom
permissions do not stop), with `chattr +i` (tests/store/test_store_faults.py); where neither is
possible those tests are skipped, and the read-only flag's tests still run.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.errors import StoreError
from credit_tracker.store import index_files
from credit_tracker.store.folder import Store
from credit_tracker.store.records_index import RecordsIndex
from tests.desk.test_desk import AIMMS, make_client
from tests.store.test_store_faults import _unwritable

READS = [
    ["author", "jane-illes", "--co-authors"],
    ["author", "jane-illes", "--co-authors", "--format", "json"],
    ["author", "mirembe-woodrow", "--co-authors", "--format", "json"],
    ["author", "jane-illes"],
    ["correction", "list"],
]
PAGES = [
    "/",
    "/findings",
    "/findings?severity=info",
    f"/article/{AIMMS}",
    "/person/jane-illes",
    "/person/mirembe-woodrow",
    "/corrections",
    f"/corrections/view?id={AIMMS}",
    f"/corrections/download?id={AIMMS}&format=eml",
]


def _everything(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, the records index and lock included."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else ""
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def drafted(example_records: Path, runner: CliRunner) -> Path:
    """The example with a correction request drafted, and no records index built yet."""
    result = runner.invoke(cli, ["correction", "draft", AIMMS])
    assert result.exit_code == 0, result.output
    shutil.rmtree(example_records / ".index", ignore_errors=True)
    (example_records / ".lock").unlink(missing_ok=True)
    return example_records


def _answers(runner: CliRunner) -> list[tuple[int, str]]:
    return [(r.exit_code, r.output) for r in (runner.invoke(cli, args) for args in READS)]


def test_reads_on_a_folder_nobody_can_write_answer_as_on_a_writable_one(
    drafted: Path, runner: CliRunner
) -> None:
    before = _everything(drafted)
    with _unwritable(drafted):
        unwritable = _answers(runner)
    assert _everything(drafted) == before  # nothing written, no index folder made
    assert all(code == 0 for code, _output in unwritable), unwritable
    assert "Traceback" not in "".join(output for _code, output in unwritable)
    assert unwritable == _answers(runner)  # the same answers once the folder can be written


def test_the_read_only_desk_serves_every_page_from_a_folder_nobody_can_write(
    drafted: Path,
) -> None:
    before = _everything(drafted)
    with _unwritable(drafted), make_client(drafted, read_only=True) as desk:
        answers = {path: desk.get(path) for path in PAGES}
        again = desk.get(f"/article/{AIMMS}")  # the index kept in memory across requests
    assert {path: a.status_code for path, a in answers.items()} == dict.fromkeys(PAGES, 200)
    assert again.status_code == 200
    assert _everything(drafted) == before


def test_a_store_opened_read_only_writes_nothing_where_it_could(drafted: Path) -> None:
    """The flag `serve --read-only` opens the store with: honoured without the folder's
    permissions (so it holds as root too)."""
    before = _everything(drafted)
    with make_client(drafted, read_only=True) as desk:
        assert [desk.get(path).status_code for path in PAGES] == [200] * len(PAGES)
    store = Store(drafted, read_only=True)
    index = RecordsIndex(store)
    assert index.find("jane-illes").id == "jane-illes" and index.files.in_memory
    assert index.dois_of("jane-illes") == [AIMMS]
    with pytest.raises(StoreError, match="opened read-only; nothing was written"), store.locked():
        pass
    assert _everything(drafted) == before


def test_a_full_disk_under_the_desks_index_is_no_server_error(
    drafted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, text: str) -> None:
        raise StoreError(f"{path}: could not write the records index (No space left on device)")

    from credit_tracker.store import records_index

    monkeypatch.setattr(index_files, "write_file", full)
    monkeypatch.setattr(records_index, "write_file", full, raising=False)  # wherever it is named
    with make_client(drafted) as desk:
        answers = {path: desk.get(path) for path in PAGES}
    assert {path: a.status_code for path, a in answers.items()} == dict.fromkeys(PAGES, 200)
    assert AIMMS in answers["/corrections"].text


def test_a_store_error_on_a_page_is_its_one_line_not_a_server_error(drafted: Path) -> None:
    (drafted / "team.json").write_text('{"people": [1]}', encoding="utf-8")
    with make_client(drafted) as desk:
        answer = desk.get("/corrections")
    assert answer.status_code == 503
    assert "team.json: table people: Input should be an object" in answer.text
    assert "Traceback" not in answer.text

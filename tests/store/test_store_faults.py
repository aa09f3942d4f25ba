"""The store's own failures: each is exit 3 with one line naming the file, and nothing written.

A read-only records folder, a `.lock` or a shard that is a folder, files that are valid JSON of
the wrong shape; and what a killed write leaves behind (temporary files) is cleaned up by the
next writer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import ARTICLES, SNAPSHOTS, Store, shard_of
from tests.cli.test_cli_records import EXAMPLE

DOI = "10.1371/journal.pone.0185809"
OTHER = "10.5555/faults.second"
# Every command that writes the records, with arguments that succeed on a writable folder.
WRITES = [
    ["records", "import", OTHER, "{table}"],
    ["records", "set-roles", DOI, "marton-kovacs", "Software"],
    ["records", "add-role", DOI, "marton-kovacs", "Validation"],
    ["records", "remove-role", DOI, "marton-kovacs", "Conceptualization"],
    ["records", "remove", OTHER],
    ["person", "merge", "marton-kovacs", "ana-lima"],
    ["person", "remove", "orphan"],
    ["person", "set-member", "marton-kovacs"],
    ["person", "unset-member", "marton-kovacs"],
    ["person", "add-spelling", "marton-kovacs", "M. Kovács"],
    ["person", "add-former-name", "marton-kovacs", "Marton Smith"],
    ["person", "set-orcid", "marton-kovacs", "0000-0002-1825-0097"],
    ["publisher", "set", "example", "--name", "Example", "--prefix", "10.5555"],
]


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _table(tmp_path: Path) -> Path:
    header = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    row = ",".join(["1", "Ana", "NA", "Lima", *["TRUE"] * 14, *["NA"] * 5, "NA", "FALSE", "NA"])
    path = tmp_path / "second.synthetic.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


@pytest.fixture
def filled(runner: CliRunner, records_dir: Path, tmp_path: Path) -> Path:
    """Records with two articles (no author in common) and a person on none."""
    assert runner.invoke(cli, ["records", "import", DOI, str(EXAMPLE)]).exit_code == 0
    result = runner.invoke(cli, ["records", "import", OTHER, str(_table(tmp_path))])
    assert result.exit_code == 0, result.output
    from credit_tracker.domain.models import Person
    from credit_tracker.domain.names import PersonName

    with Store(records_dir).transaction() as records:
        records.people["orphan"] = Person(id="orphan", name=PersonName(family="Orphan"))
    return records_dir


def _failed(runner: CliRunner, args: list[str], names: str) -> str:
    """Run a command that must fail on the store: exit 3, one line naming `names`, no traceback."""
    result = runner.invoke(cli, args)
    assert result.exit_code == 3, (args, result.output)
    assert isinstance(result.exception, SystemExit), result.exc_info
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("credit-tracker: error: "), lines
    assert names in lines[0] and "Traceback" not in result.output, lines
    return lines[0]


@contextlib.contextmanager
def _unwritable(folder: Path) -> Iterator[None]:
    """Make the folder and everything in it read-only, as `chmod -R a-w` does for a user.

    Root ignores permissions, so there the folders and files are made immutable instead
    (chattr +i, which stops root too); where that is not permitted the test is skipped.
    """
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode) & ~0o222)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(stat.S_IMODE(mode))
        return
    chattr = shutil.which("chattr")
    done = chattr and subprocess.run([chattr, "-R", "+i", str(folder)], capture_output=True)
    if not done or done.returncode != 0:
        pytest.skip("running as root, where chmod does not stop writes, and chattr +i fails here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-R", "-i", str(folder)], check=True, capture_output=True)


@pytest.mark.parametrize("args", WRITES, ids=[" ".join(a[:2]) for a in WRITES])
def test_a_read_only_folder_fails_every_write_command_cleanly(
    runner: CliRunner, filled: Path, tmp_path: Path, args: list[str]
) -> None:
    args = [arg.replace("{table}", str(_table(tmp_path))) for arg in args]
    before = _tree(filled)
    with _unwritable(filled):
        _failed(runner, args, str(filled))
    assert _tree(filled) == before
    assert runner.invoke(cli, args).exit_code == 0  # writable again: the same command works


def test_a_lock_that_is_a_folder_is_named(runner: CliRunner, filled: Path, tmp_path: Path) -> None:
    lock = filled / ".lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    before = _tree(filled)
    for args in (WRITES[0], WRITES[1], WRITES[7]):
        args = [arg.replace("{table}", str(_table(tmp_path))) for arg in args]
        line = _failed(runner, args, str(lock))
        assert "a folder, not a file" in line
    assert _tree(filled) == before


def test_a_shard_that_is_a_folder_is_named(runner: CliRunner, filled: Path) -> None:
    shard = filled / ARTICLES / f"{shard_of(DOI)}.json"
    shard.unlink()
    shard.mkdir()
    before = _tree(filled)
    for args in (
        ["records", "show", DOI],
        ["records", "list"],
        WRITES[1],
        ["person", "remove", "orphan"],
    ):
        assert "a folder, not a file" in _failed(runner, args, str(shard))
    assert _tree(filled) == before


BAD_TEAM = [
    ({"people": [1, 2]}, "table people: Input should be an object"),
    ({"people": {"1": 1}}, "table people, document 1:"),
    ({"people": {"1": {"id": 7, "name": {"family": "X"}}}}, "document 1, field id"),
    ({"publishers": "none"}, "table publishers:"),
    ({"corrections": {"1": []}}, "table corrections, document 1:"),
    ([1], "expected a JSON object of tables"),
]


@pytest.mark.parametrize(("content", "says"), BAD_TEAM, ids=[s for _c, s in BAD_TEAM])
def test_a_team_file_of_the_wrong_shape_is_named(
    runner: CliRunner, filled: Path, content: object, says: str
) -> None:
    team = filled / "team.json"
    team.write_text(json.dumps(content), encoding="utf-8")
    before = _tree(filled)
    for args in (["person", "list"], WRITES[7], [*WRITES[0][:2], DOI, str(EXAMPLE)]):
        assert says in _failed(runner, args, str(team))
    assert _tree(filled) == before


BAD_SHARD = [
    (ARTICLES, {"articles": [1]}, "table articles: Input should be an object"),
    (ARTICLES, {"articles": {"1": 1}}, "table articles, document 1:"),
    (ARTICLES, {"articles": {"1": {"doi": DOI, "authors": "x"}}}, "field authors"),
    (ARTICLES, [], "expected a JSON object of tables"),
    (SNAPSHOTS, {"snapshots": [1]}, "table snapshots:"),
    (SNAPSHOTS, {"snapshots": {"1": {"doi": DOI, "history": 3}}}, "field history"),
]


@pytest.mark.parametrize(("kind", "content", "says"), BAD_SHARD, ids=[s for *_x, s in BAD_SHARD])
def test_a_shard_of_the_wrong_shape_is_named(
    runner: CliRunner, filled: Path, kind: str, content: object, says: str
) -> None:
    shard = filled / kind / f"{shard_of(DOI)}.json"
    shard.write_text(json.dumps(content), encoding="utf-8")
    before = _tree(filled)
    for args in (["records", "show", DOI], ["records", "list"], WRITES[1]):
        assert says in _failed(runner, args, str(shard))
    assert _tree(filled) == before


def test_a_killed_writes_temporary_files_go_with_the_next_write(
    runner: CliRunner, filled: Path
) -> None:
    store = Store(filled)
    shard = store.shard_path(ARTICLES, shard_of(DOI))
    left = [
        filled / ".team.json.4242.tmp",
        filled / ".team.json.bak.tmp",
        filled / ".office.json.777.tmp",
        shard.with_name(f".{shard.name}.99999.tmp"),
        filled / SNAPSHOTS / ".abc.json.123.tmp",
    ]
    for path in left:
        path.parent.mkdir(exist_ok=True)
        path.write_text('{"half": ', encoding="utf-8")
    others = [
        filled / ".notes.txt.1.tmp",
        filled / "mine.tmp",
        filled / ".team.json.1.x.tmp",  # a report's temporary file, not the store's
        filled / ".baseline.json.77.tmp",  # a file the store does not own
    ]
    for path in others:  # not the store's temporary files: left alone
        path.write_text("keep", encoding="utf-8")
    records = store.load()
    assert runner.invoke(cli, WRITES[7]).exit_code == 0
    assert not [path for path in left if path.exists()]
    assert all(path.read_text(encoding="utf-8") == "keep" for path in others)
    after = Store(filled).load()
    assert after.articles == records.articles and set(after.people) == set(records.people)


def test_temporary_files_are_left_alone_without_the_lock(filled: Path) -> None:
    stale = filled / ".team.json.4242.tmp"
    stale.write_text("{", encoding="utf-8")
    Store(filled).load()  # reading takes no lock, so it never removes anything
    assert stale.exists()

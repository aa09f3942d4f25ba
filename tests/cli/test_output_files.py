"""--output: a report replaces the file whole, keeps no .bak, writes through symlinks, and a
draft is tracked only once its file was written."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli

AIMMS = "10.5555/aimms-mentoring-2025"
# Each command that writes a report with --output, the file name it is given, and how its
# output starts (the format follows the extension where the command infers it).
WRITERS = {
    "check": (["check"], "report.json", '{\n  "version": 1,'),
    "report": (["report"], "report.html", "<!DOCTYPE html>"),
    "draft": (["correction", "draft", AIMMS], "request.eml", "To: plosone@plos.org"),
    "export": (["records", "export", AIMMS], "aimms.csv", "Order in publication,"),
}
EXIT = {"check": 1, "report": 0, "draft": 0, "export": 0}


def _tree(folder: Path) -> dict[str, str]:
    """Every file below `folder` (shards included) by relative path, with its SHA-256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _run(runner: CliRunner, name: str, output: Path):
    args, _, _ = WRITERS[name]
    return runner.invoke(cli, [*args, "--output", str(output)])


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_report_over_an_existing_file_keeps_no_backup(
    name: str, example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / WRITERS[name][1]
    out.write_text("the old report\n", encoding="utf-8")
    out.chmod(0o640)
    result = _run(runner, name, out)
    assert result.exit_code == EXIT[name], result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith(WRITERS[name][2])
    assert sorted(p.name for p in folder.iterdir()) == [out.name]  # no .bak, no temporary file
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # the replaced file's permissions are kept


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_symlink_is_written_through_and_stays_a_link(
    name: str, example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / WRITERS[name][1]
    target.write_text("the old report\n", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    link = folder / WRITERS[name][1]
    link.symlink_to(target)
    result = _run(runner, name, link)
    assert result.exit_code == EXIT[name], result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith(WRITERS[name][2])
    assert sorted(p.name for p in folder.iterdir()) == [link.name]
    assert sorted(p.name for p in shared.iterdir()) == [target.name]


def test_a_dangling_symlink_creates_its_target(
    example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "reports-2026.json")
    assert _run(runner, "check", link).exit_code == 1
    assert link.is_symlink()
    assert json.loads((tmp_path / "reports-2026.json").read_text())["version"] == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_written_to_not_replaced(
    example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    # A reader that does not block: the writer's open succeeds, the report (a few KiB) fits the
    # pipe's buffer, and nothing here waits on a clock.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = runner.invoke(cli, ["check", "--format", "json", "--output", str(fifo)])
        received = os.read(reader, 1 << 16).decode("utf-8")
    finally:
        os.close(reader)
    assert result.exit_code == 1, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received)["summary"]["findings"] == 3


@pytest.mark.parametrize("name", list(WRITERS))
def test_an_output_in_a_missing_folder_is_a_usage_error_and_changes_nothing(
    name: str, example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "missing" / "dir" / WRITERS[name][1]
    before = _tree(example_records)
    result = _run(runner, name, out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"credit-tracker: error: {out}: cannot create a file there ({os.strerror(errno.ENOENT)}); "
        "give a path in an existing folder\n"
    )
    assert _tree(example_records) == before  # a draft that was not written is not tracked
    assert not (tmp_path / "missing").exists()


def test_a_draft_is_tracked_only_once_written(
    example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    missing = tmp_path / "missing" / "request.eml"
    assert _run(runner, "draft", missing).exit_code == 2
    listed = runner.invoke(cli, ["correction", "list"])
    assert listed.stdout == "" and listed.stderr == "0 request(s)\n"
    assert _run(runner, "draft", tmp_path / "request.eml").exit_code == 0
    listed = runner.invoke(cli, ["correction", "list"])
    assert listed.stdout == f"{AIMMS}\tdrafted\tmetadata, contributions\t3 of 3 errors still open\n"


@pytest.mark.parametrize("name", ["check", "draft"])
def test_a_refused_write_exits_3_and_leaves_the_old_file(
    name: str,
    example_records: Path,
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / WRITERS[name][1]
    out.write_text("the old report\n", encoding="utf-8")
    before = _tree(example_records)

    def read_only(src: object, dst: object) -> None:
        # the one failure a root-run suite cannot cause with permissions
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", read_only)
    result = _run(runner, name, out)
    monkeypatch.undo()
    assert result.exit_code == 3
    assert result.stderr == (
        f"credit-tracker: error: {out}: could not write ({os.strerror(errno.EROFS)}); "
        "nothing was written\n"
    )
    assert out.read_text(encoding="utf-8") == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records", out.name]  # no temp file
    assert _tree(example_records) == before


def test_an_unwritable_step_summary_is_one_line_and_exit_3(
    example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(
        cli, ["check", "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(tmp_path)}
    )
    assert result.exit_code == 3
    assert result.stderr == (
        f"credit-tracker: error: GITHUB_STEP_SUMMARY {tmp_path}: "
        f"could not append ({os.strerror(errno.EISDIR)})\n"
    )

"""Names printed in a statement with a title ('Dr Jane Illés', 'Prof. Nisreen A Alwan') or
family name first ('Illés, Jane') are read as the byline's people, through `fetch --statement`
on the AIMMS example. The statements are invented (written in tmp_path, named *.synthetic.txt)
in the forms journals print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store

AIMMS = "10.5555/aimms-mentoring-2025"
JANE = "Jane Illés: conceptualization, writing-review-editing"
NISREEN = "Nisreen A Alwan: supervision"
DOTTED = "Nisreen A. Alwan: supervision"  # the initial's full stop, as printed


@pytest.mark.parametrize(
    ("statement", "read"),
    [
        (
            "Dr Jane Illés: Conceptualization, Writing – review & editing. "
            "Prof. Nisreen A Alwan: Supervision.",
            [JANE, NISREEN],
        ),
        (
            "Illés, Jane: Conceptualization, Writing – review & editing. "
            "Alwan, Nisreen A.: Supervision.",
            [JANE, DOTTED],
        ),
        (
            "Conceptualization: Illés, Jane. Writing – review & editing: Illés, Jane. "
            "Supervision: Alwan, Nisreen A.",
            [JANE, DOTTED],
        ),
        (
            "Dr Illés conceived the study. Prof. Alwan supervised it.",
            ["Jane Illés: conceptualization", NISREEN],
        ),
    ],
)
def test_titles_and_family_first_names_in_a_statement_are_the_bylines_people(
    runner: CliRunner,
    example_records: Path,
    tmp_path: Path,
    statement: str,
    read: list[str],
) -> None:
    text = tmp_path / "statement.synthetic.txt"
    text.write_text(statement + "\n", encoding="utf-8")
    fetched = runner.invoke(cli, ["fetch", AIMMS, "--statement", str(text)])
    assert fetched.exit_code == 0, fetched.output
    assert "not understood" not in fetched.stderr
    snapshots = Store(example_records).load().snapshots[AIMMS]
    snapshot = [s for s in snapshots if s.source == "statement"][-1]  # the one just fetched
    people = [
        f"{a.name.display()}: {', '.join(str(r.role) for r in a.roles or [])}"
        for a in snapshot.authors
        if a.name is not None
    ]
    assert people == read
    report = json.loads(runner.invoke(cli, ["check", "--format", "json"]).stdout)
    misnamed = [
        (f["rule"], f["observed"])
        for f in report["findings"]
        if f["source"] == "statement" and f["rule"].startswith("name-")
    ]
    assert misnamed == []

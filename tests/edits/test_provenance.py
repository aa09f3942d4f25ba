"""Every role says where it came from: an imported table, an office edit, the author's answer;
an import leaves the provenance (and the round) of roles it does not change; records written
before provenance was kept read as such."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.confirmation import Asked, RoleOrigin, RoleProvenance
from credit_tracker.store.folder import Store
from tests.conftest import DATA

DOI = "10.5555/provenance"
TABLE = DATA / "tenzing-2025" / "contributors_table_example.csv"


def _authors(records: Path):
    return Store(records).load([DOI]).articles[DOI].authors


def test_an_import_and_an_office_edit_stamp_the_roles_they_change(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    table = tmp_path / "team-table.csv"
    shutil.copy(TABLE, table)
    assert runner.invoke(cli, ["records", "import", DOI, str(table)]).exit_code == 0
    first = _authors(records_dir)[0]
    assert first.roles_from is not None
    today = first.roles_from.on  # the day of the run: the command takes no date
    assert date.fromisoformat(today)
    assert first.roles_from == RoleProvenance(
        origin=RoleOrigin.IMPORTED, on=today, file="team-table.csv"
    )
    edited = runner.invoke(cli, ["records", "add-role", DOI, first.person, "Software"])
    assert edited.exit_code == 0, edited.output
    assert _authors(records_dir)[0].roles_from == RoleProvenance(
        origin=RoleOrigin.OFFICE, on=today, command="records add-role"
    )
    cleared = runner.invoke(cli, ["records", "set-roles", DOI, first.person, "--not-recorded"])
    assert cleared.exit_code == 0 and _authors(records_dir)[0].roles_from is None


def test_importing_the_same_table_again_keeps_the_authors_confirmation_and_the_round(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    assert runner.invoke(cli, ["records", "import", DOI, str(TABLE)]).exit_code == 0
    confirmed = RoleProvenance(origin=RoleOrigin.AUTHOR, on="2026-12-01", file="a.xlsx")
    asked = Asked(on="2026-11-20", file="a.xlsx")
    with Store(records_dir).transaction() as records:
        authors = records.articles[DOI].authors
        authors[1] = authors[1].model_copy(update={"roles_from": confirmed, "asked": asked})
        authors[0] = authors[0].model_copy(update={"asked": asked})
    changed = tmp_path / "changed.csv"
    # the first author's Conceptualization cell (FALSE) becomes TRUE; the second's stay
    lines = TABLE.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("Smith,FALSE,", "Smith,TRUE,", 1)
    changed.write_text("".join(lines), encoding="utf-8")
    assert runner.invoke(cli, ["records", "import", DOI, str(changed)]).exit_code == 0
    first, second = _authors(records_dir)[:2]
    assert second.roles_from == confirmed and second.asked == asked
    assert first.roles_from is not None and first.roles_from.file == "changed.csv"
    assert first.asked == asked


def test_records_written_before_provenance_read_and_say_so(
    runner: CliRunner, example_records: Path
) -> None:
    shown = runner.invoke(cli, ["records", "show", "10.5555/aimms-mentoring-2025"]).stdout
    assert "Writing – review & editing — recorded before provenance was kept" in shown
    assert "Mirembe Woodrow [mirembe-woodrow]: roles not recorded\n" in shown
    before = (example_records / "articles" / "4ba.json").read_bytes()
    with Store(example_records).transaction():
        pass  # read and written back: nothing is added to a record that did not have it
    assert (example_records / "articles" / "4ba.json").read_bytes() == before

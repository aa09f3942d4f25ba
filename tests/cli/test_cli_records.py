"""The records and person commands through the CLI, on real TinyDB files in temporary folders."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store
from tests.conftest import FIXTURES, ROOT

EXAMPLE = FIXTURES / "tenzing" / "contributors_table_example.csv"
AIMMS_TABLE = ROOT / "records" / "sources" / "aimms-mentoring.contributors.csv"


def test_init_creates_the_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["--records", str(tmp_path / "r"), "init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "team.json").exists()
    again = runner.invoke(cli, ["--records", str(tmp_path / "r"), "init"])
    assert again.exit_code == 0 and "already there" in again.stderr


def test_import_export_round_trip(runner: CliRunner, records_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        cli, ["records", "import", "https://doi.org/10.5555/TENZING", str(EXAMPLE)]
    )
    assert result.exit_code == 0, result.stderr
    assert "created the record for 10.5555/tenzing: 3 author(s)" in result.stderr
    exported = runner.invoke(cli, ["records", "export", "10.5555/tenzing"])
    assert exported.exit_code == 0
    assert exported.stdout == EXAMPLE.read_text(encoding="utf-8")
    out = tmp_path / "out.json"
    as_json = runner.invoke(
        cli, ["records", "export", "doi:10.5555/tenzing", "--format", "json", "--output", str(out)]
    )
    assert as_json.exit_code == 0 and as_json.stdout == ""
    assert json.loads(out.read_text())["authors"][0]["printed"] == {
        "given": "John Mohammad",
        "family": "Smith",
        "particle": "",
        "suffix": "",
    }


def test_reimport_replaces_and_reports_changes(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    runner.invoke(cli, ["records", "import", "10.5555/t", str(EXAMPLE)])
    changed = tmp_path / "changed.csv"
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    changed.write_text(
        lines[0] + lines[1].replace("FALSE,TRUE,FALSE,TRUE", "TRUE,TRUE,FALSE,TRUE", 1) + lines[3],
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["records", "import", "10.5555/t", str(changed)])
    assert result.exit_code == 0, result.stderr
    assert "replaced the record for 10.5555/t: 2 author(s)" in result.stderr
    assert "removed author Marton Kovacs" in result.stderr
    assert (
        "John Mohammad Smith: roles Data curation; Funding acquisition; Project administration → "
        "Conceptualization; Data curation; Funding acquisition; Project administration"
        in result.stderr
    )
    same = runner.invoke(cli, ["records", "import", "10.5555/t", str(changed)])
    assert same.stderr == "records import: 1 unchanged, 0 changed, 0 created\n"


def test_a_bad_row_writes_nothing(runner: CliRunner, records_dir: Path, tmp_path: Path) -> None:
    runner.invoke(cli, ["records", "import", "10.5555/t", str(EXAMPLE)])
    before = (records_dir / "team.json").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "TRUE,FALSE,FALSE,TRUE,FALSE,TRUE", "TRUE,FALSE,FALSE,TRU,FALSE,TRUE", 1
        ),
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["records", "import", "10.5555/t", str(bad)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"credit-tracker: error: {bad}:3: Funding acquisition: 'TRU' is not TRUE or FALSE, "
        "or a degree (lead, equal, supporting)\n"
    )
    assert (records_dir / "team.json").read_bytes() == before


def test_bad_doi_is_a_usage_error(runner: CliRunner, records_dir: Path) -> None:
    result = runner.invoke(cli, ["records", "import", "journal.pone.1", str(EXAMPLE)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "credit-tracker: error: DOI: 'journal.pone.1' is not a DOI: a DOI starts with '10.'\n"
    )


def test_list_and_show(runner: CliRunner, example_records: Path) -> None:
    listed = runner.invoke(cli, ["records", "list"])
    assert listed.exit_code == 0
    assert listed.stdout.startswith(
        "10.5555/aimms-mentoring-2025\t15 authors\tjats ok 2025-05-22, statement ok 2025-05-22\t"
    )
    shown = runner.invoke(cli, ["records", "show", "10.5555/aimms-mentoring-2025"])
    lines = shown.stdout.splitlines()
    assert lines[5] == "  4. Jane Illés [jane-illes]: Conceptualization; Writing – review & editing"
    assert lines[-1] == " 15. Nisreen A Alwan (corresponding) [nisreen-a-alwan]: roles not recorded"
    missing = runner.invoke(cli, ["records", "show", "10.5555/nothing"])
    assert missing.exit_code == 2 and "no record for 10.5555/nothing" in missing.stderr


def test_person_commands_and_confidential_former_names(
    runner: CliRunner, example_records: Path
) -> None:
    assert runner.invoke(cli, ["person", "add-spelling", "Jane Illes", "J. Illés"]).exit_code == 0
    assert (
        runner.invoke(cli, ["person", "add-former-name", "jane-illes", "Jane Kowalczyk"]).exit_code
        == 0
    )
    orcid = runner.invoke(
        cli, ["person", "set-orcid", "jane-illes", "https://orcid.org/0000-0002-1825-0097"]
    )
    assert orcid.exit_code == 0 and "0000-0002-1825-0097" in orcid.stderr
    bad = runner.invoke(cli, ["person", "set-orcid", "jane-illes", "0000-0002-1825-0098"])
    assert bad.exit_code == 2 and "check digit" in bad.stderr
    # found by the former name, but the name is never printed
    shown = runner.invoke(cli, ["person", "show", "Jane Kowalczyk"])
    assert shown.exit_code == 0
    assert "Kowalczyk" not in shown.output
    assert "former names: 1 (confidential, never shown)" in shown.stdout
    assert "accepted spellings: J. Illés" in shown.stdout
    assert "ORCID: 0000-0002-1825-0097" in shown.stdout
    listed = runner.invoke(cli, ["person", "list"])
    assert (
        "jane-illes\tJane Illés\t0000-0002-1825-0097" in listed.stdout
        and "Kowalczyk" not in listed.output
    )
    person = Store(example_records).load().people["jane-illes"]
    assert person.former_names == ["Jane Kowalczyk"] and person.accepted_spellings == ["J. Illés"]


def test_aimms_table_imports_with_roles_not_recorded(runner: CliRunner, records_dir: Path) -> None:
    runner.invoke(cli, ["records", "import", "10.5555/a", str(AIMMS_TABLE)])
    record = Store(records_dir).load().articles["10.5555/a"]
    assert [a.printed.display() for a in record.authors][8:10] == [
        "Musarrat Maisha Reza",
        "Sikha Saha",
    ]
    assert record.authors[3].roles is not None and [r.role for r in record.authors[3].roles] == [
        "conceptualization",
        "writing-review-editing",
    ]
    assert all(a.roles is None for n, a in enumerate(record.authors) if n != 3)
    assert record.authors[14].corresponding

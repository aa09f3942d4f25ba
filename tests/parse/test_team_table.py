"""One spreadsheet for many articles (tenzing's columns plus DOI): CSV, TSV, ';', .xlsx, JSON."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store, shard_of
from tests.conftest import DATA, FIXTURES

EXAMPLE = FIXTURES / "tenzing" / "contributors_table_example.csv"
TENZING_2025 = DATA / "tenzing-2025" / "contributors_table_example.csv"
COLUMNS = next(csv.reader(io.StringIO(EXAMPLE.read_text(encoding="utf-8"))))
# The team's list: two articles, rows not grouped by article, accents, a particle, an ORCID iD.
ROWS = [
    ["10.5555/team.1", "1", "Nídia", "NA", "de Sousa", "TRUE", *["FALSE"] * 13],
    ["https://doi.org/10.5555/TEAM.2", "1", "Caspar", "A.", "Hallmann", *["FALSE"] * 5, "TRUE"],
    ["10.5555/team.1", "2", "Caspar", "A.", "Hallmann", *["FALSE"] * 13, "TRUE"],
    ["doi:10.5555/team.2", "2", "Anna", "M.", "Carlsson", *["NA"] * 14],
]
TAIL = ["NA", "NA", "NA", "NA", "NA", "NA", "FALSE", "NA"]


def _table(rows: list[list[str]] = ROWS, delimiter: str = ",", newline: str = "\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["DOI", *COLUMNS])
    for row in rows:
        cells = row + ["FALSE"] * (5 + 14 - len(row)) + TAIL
        writer.writerow(cells)
    return out.getvalue()


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _import(runner: CliRunner, path: Path, *args: str):
    return runner.invoke(cli, ["records", "import", str(path), *args])


@pytest.mark.parametrize(
    ("delimiter", "newline"), [(",", "\n"), ("\t", "\n"), (";", "\r\n")], ids=["csv", "tsv", "semi"]
)
def test_a_team_table_imports_every_article_whatever_the_delimiter(
    delimiter: str, newline: str, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "team.synthetic.csv"
    path.write_bytes(_table(delimiter=delimiter, newline=newline).encode("utf-8"))
    result = _import(runner, path, "--members", "Hallmann")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "created the record for 10.5555/team.1: 2 author(s)",
        "created the record for 10.5555/team.2: 2 author(s)",
        "  new team member: caspar-a-hallmann",
        "  2 new co-author(s), not team members",
        "records import: 0 unchanged, 0 changed, 2 created",
    ]
    records = Store(records_dir).load()
    one, two = records.articles["10.5555/team.1"], records.articles["10.5555/team.2"]
    assert [a.person for a in one.authors] == ["nidia-de-sousa", "caspar-a-hallmann"]
    assert [a.person for a in two.authors] == ["caspar-a-hallmann", "anna-m-carlsson"]
    assert one.authors[0].printed.particle == "de" and two.authors[1].roles is None
    assert one.columns == COLUMNS  # the DOI column is the team table's, not the article's
    assert (one.layout.delimiter, one.layout.newline) == (delimiter, newline)
    exported = runner.invoke(cli, ["records", "export", "10.5555/team.2"]).stdout_bytes
    assert exported.count(newline.encode()) == 3 and delimiter.encode() in exported


def test_a_crlf_table_round_trips_as_crlf(runner: CliRunner, records_dir: Path, tmp_path: Path):
    source = EXAMPLE.read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "windows.csv"
    path.write_bytes(source)
    assert runner.invoke(cli, ["records", "import", "10.5555/crlf", str(path)]).exit_code == 0
    exported = runner.invoke(cli, ["records", "export", "10.5555/crlf"])
    assert exported.stdout_bytes == source


def test_a_real_tenzing_export_keeps_acknowledgees_off_the_byline(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["records", "import", "10.5555/tenzing-2025", str(TENZING_2025)])
    assert result.exit_code == 0, result.output
    record = Store(records_dir).load().articles["10.5555/tenzing-2025"]
    assert [a.printed.display() for a in record.authors] == [
        "John Mohammad Smith",
        "Marton Kovacs",
        "Lex W Luthor",
    ]
    assert [row["Surname"] for row in record.not_on_byline] == ["Holcombe", "Pan"]
    people = Store(records_dir).load().people
    assert people["marton-kovacs"].orcid == "0009-0005-2078-9779"
    assert "peter-pan" not in people and "alex-o-holcombe" not in people
    exported = runner.invoke(cli, ["records", "export", "10.5555/tenzing-2025"]).stdout
    assert exported == TENZING_2025.read_text(encoding="utf-8")  # byte for byte, all five rows
    shown = runner.invoke(cli, ["records", "show", "10.5555/tenzing-2025"]).stdout
    assert "Pan" not in shown and "Holcombe" not in shown


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def _xlsx_rows() -> list[list[object]]:
    """Typed cells as Excel holds them: booleans, numbers, empty cells, an en dash in a header."""
    header = ["DOI", *COLUMNS]
    header[header.index("Writing - review & editing")] = "Writing – review & editing"
    header[header.index("Methodology")] = "Methodology (lead)"
    first = ["10.5555/xl.1", 1, "Nídia", None, "de Sousa", True, *[False] * 13, *[None] * 6, False]
    second = ["10.5555/xl.1", 2.0, "Zoë", None, "Ó Briain", *[False] * 5, True, *[False] * 8]
    return [header, first, second + [None] * 6 + [True]]


def test_an_xlsx_written_by_openpyxl_with_accents_and_an_en_dash(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "team.synthetic.xlsx"
    _workbook(path, {"Articles": _xlsx_rows()})
    result = _import(runner, path)
    assert result.exit_code == 0, result.output
    record = Store(records_dir).load().articles["10.5555/xl.1"]
    assert [a.printed.display() for a in record.authors] == ["Nídia de Sousa", "Zoë Ó Briain"]
    assert [(r.role, r.degree) for r in record.authors[1].roles] == [("methodology", "lead")]
    assert record.authors[1].corresponding and record.layout is None
    assert [r.role for r in record.authors[0].roles] == ["conceptualization"]


def test_a_workbook_with_two_sheets_needs_sheet(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "two.synthetic.xlsx"
    _workbook(path, {"Articles": _xlsx_rows(), "Notes": [["written by the office"]]})
    before = _tree(records_dir)
    refused = _import(runner, path)
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"credit-tracker: error: {path}: the workbook has 2 sheets ('Articles', 'Notes'); "
        "choose one with --sheet\n"
    )
    assert _tree(records_dir) == before
    assert _import(runner, path, "--sheet", "Articles").exit_code == 0
    missing = _import(runner, path, "--sheet", "Team")
    assert "no sheet named 'Team'; the sheets are 'Articles', 'Notes'" in missing.stderr


def _bad_rows(replace: tuple[int, int, str]) -> list[list[str]]:
    rows = [list(row) for row in ROWS]
    line, column, value = replace
    rows[line][column] = value
    return rows


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (_table(_bad_rows((2, 0, "10.5555"))), "{file}:4: DOI: '10.5555' is not a DOI"),
        (_table(_bad_rows((1, 9, "yes"))), "{file}:3: Investigation: 'yes' is not TRUE or FALSE"),
        (_table(_bad_rows((3, 4, "NA"))), "{file}:5: Surname: the surname is missing"),
        (
            _table().replace("Writing - review & editing", "Writing – review & editing (leed)", 1),
            "{file}:1: Writing - review & editing: missing column 'Writing - review & editing' (is "
            "'Writing – review & editing (leed)' meant to be it?)",
        ),
        (
            _table().replace("Conflict of interest", "Favourite colour", 1),
            "{file}:1: Favourite colour: 'Favourite colour' is not a tenzing column",
        ),
        (
            _table().replace("DOI,", "Article,", 1),
            "{file}:1: Article: 'Article' is not a tenzing column; rename or remove it",
        ),
        (EXAMPLE.read_text(encoding="utf-8"), "{file}:1: DOI: no DOI column: give the article's"),
    ],
)
def test_a_bad_cell_refuses_the_whole_table(
    text: str, error: str, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "team.synthetic.csv"
    path.write_text(text, encoding="utf-8")
    before = _tree(records_dir)
    result = _import(runner, path)
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("credit-tracker: error: " + error.replace("{file}", str(path)))
    assert _tree(records_dir) == before


def test_a_thousand_articles_write_each_touched_shard_once(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    rows = [
        [f"10.5555/bulk.{n}", str(k), f"Given{k}", "NA", f"Family{n % 97}x{k}", *["FALSE"] * 14]
        for n in range(1000)
        for k in range(1, 9)
    ]
    path = tmp_path / "bulk.synthetic.csv"
    path.write_text(_table(rows), encoding="utf-8")
    result = _import(runner, path)
    assert result.exit_code == 0, result.output
    shards = {shard_of(f"10.5555/bulk.{n}") for n in range(1000)}
    written = {p.stem for p in (records_dir / "articles").glob("*.json")}
    assert written == shards
    # a file written a second time would have kept its first version as <file>.bak
    assert not list((records_dir / "articles").glob("*.bak"))
    assert len(Store(records_dir).load().articles) == 1000


def test_the_json_export_imports_back(runner: CliRunner, records_dir: Path, tmp_path: Path):
    assert runner.invoke(cli, ["records", "import", "10.5555/j", str(TENZING_2025)]).exit_code == 0
    out = tmp_path / "record.json"
    exported = runner.invoke(
        cli, ["records", "export", "10.5555/j", "--format", "json", "--output", str(out)]
    )
    assert exported.exit_code == 0
    before = Store(records_dir).load().articles["10.5555/j"]
    other = tmp_path / "other"
    Store(other).init()
    imported = runner.invoke(cli, ["--records", str(other), "records", "import", str(out)])
    assert imported.exit_code == 0, imported.output
    again = Store(other).load().articles["10.5555/j"]
    assert again == before
    csv_there = runner.invoke(cli, ["--records", str(other), "records", "export", "10.5555/j"])
    assert csv_there.stdout == TENZING_2025.read_text(encoding="utf-8")
    # into the same records, the same people are kept, and nothing changed
    same = runner.invoke(cli, ["records", "import", str(out)])
    assert same.stderr.splitlines() == ["records import: 1 unchanged, 0 changed, 0 created"]


def test_a_bad_exported_record_is_refused(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.synthetic.json"
    record = {"doi": "10.5555/j", "authors": [{"person": "x", "printed": {"family": "Lima\u202e"}}]}
    path.write_text(json.dumps(record), encoding="utf-8")
    result = _import(runner, path)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"credit-tracker: error: {path}: record.authors[0].printed.family: character 5 is U+202E"
    )


def test_a_workbook_cell_is_checked_like_a_text_cell(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    rows = _xlsx_rows()
    rows[2][4] = "Ó Bri\u202eain"  # a right-to-left override: shown reversed, so never stored
    path = tmp_path / "hostile.synthetic.xlsx"
    _workbook(path, {"Articles": rows})
    result = _import(runner, path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"credit-tracker: error: {path}:3: Surname: character 6 is U+202E RIGHT-TO-LEFT "
        "OVERRIDE, an invisible or control character; remove it\n"
    )


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"PK\x03\x04" + b"\x00" * 64, "not an .xlsx workbook (the zip archive is damaged)"),
        (
            b"\xd0\xcf\x11\xe0" + b"\x00" * 64,
            "an Excel 97-2003 .xls workbook; save it as .xlsx or CSV",
        ),
    ],
    ids=["damaged-zip", "xls"],
)
def test_files_that_are_not_workbooks_are_named(
    data: bytes, error: str, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "team.synthetic.xlsx"
    path.write_bytes(data)
    result = _import(runner, path)
    assert result.exit_code == 2
    assert result.stderr == f"credit-tracker: error: {path}: {error}\n"

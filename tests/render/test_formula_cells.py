"""Every table the tool writes guards cells that a spreadsheet would run as formulas: the check's
CSV and the tenzing export, through one function (domain/text.spreadsheet_cell).

The names are a synthetic Crossref work's, served by the stand-in: made here, not recorded.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli

DOI = "10.5555/synthetic.formula"
NAMES = [
    ("@SUM(1+1)", '=HYPERLINK("http://evil.example","x")'),
    ("Ana", "+cmd|' /C calc'!A0"),
    ("-2+3", "Berg"),
]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Illés", "Illés"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_a_cell_that_would_start_a_formula_is_quoted(cell: str, written: str) -> None:
    from credit_tracker.domain.text import spreadsheet_cell

    assert spreadsheet_cell(cell) == written


def test_the_tenzing_export_of_crossref_names_runs_no_formula(
    standin, runner: CliRunner, records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from credit_tracker.standin import synthetic_work

    work = synthetic_work(DOI)
    work["author"] = [
        {"given": given, "family": family, "sequence": "additional"} for given, family in NAMES
    ]
    monkeypatch.setitem(standin.catalogue.works, DOI, work)
    added = runner.invoke(cli, ["records", "add", DOI])
    assert added.exit_code == 0, added.output
    exported = runner.invoke(cli, ["records", "export", DOI, "--format", "tenzing"])
    assert exported.exit_code == 0, exported.output
    rows = list(csv.reader(io.StringIO(exported.stdout)))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert {"'@SUM(1+1)", "'+cmd|' /C calc'!A0", "'-2+3"} <= set(cells)

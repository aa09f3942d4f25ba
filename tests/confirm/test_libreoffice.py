"""The confirmation sheet in LibreOffice, the program many authors answer it in: LibreOffice reads
the sheet as it was written (every cell, the publishers' pre-fill included), and a sheet answered
and saved by LibreOffice is imported as the author's answer, its hidden keys intact.

LibreOffice runs headless in a profile of the test's own. Where it is not installed (a bare CI
machine) these tests are skipped; openpyxl's round trip (test_confirm_cli) runs everywhere.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.confirm.questions import sheet_for
from credit_tracker.domain.confirm_sheet import header
from credit_tracker.render.confirm.base import row_cells
from credit_tracker.standin import StandIn
from credit_tracker.store.folder import Store
from tests.confirm.answering import CONFIRMED, answer_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed here; .ci/run installs it"
)

INSECTS = "10.1371/journal.pone.0185809"  # Hallmann et al. 2017: JATS lists his 9 roles
HALLMANN = "caspar-a-hallmann"
ASKED_ON = "2026-12-01"


def run(runner: CliRunner, *args: str):
    result = runner.invoke(cli, list(args), env={"CREDIT_TRACKER_BACKOFF": "0"})
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


def libreoffice(source: Path, target: str, out: Path, profile: Path) -> Path:
    """Open `source` in LibreOffice and save it in the `target` filter into `out`; return it.

    The timeout only stops a LibreOffice that hangs; nothing is measured by it."""
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (saved,) = out.iterdir()
    return saved


@pytest.fixture
def asked(fast_xml: StandIn, runner: CliRunner, records_dir: Path, tmp_path: Path) -> Path:
    """Hallmann's sheet, pre-filled from the recorded PLOS article's JATS roles."""
    run(runner, "records", "add", INSECTS, "--quiet", "--members", "0000-0002-4630-0522")
    run(runner, "fetch", "--quiet", "--mailto", "office@example.org")
    sheets = tmp_path / "sheets"
    run(runner, "confirm", "request", HALLMANN, "--output", str(sheets), "--date", ASKED_ON)
    return sheets / f"{HALLMANN}.xlsx"


def test_libreoffice_reads_the_sheet_as_written(
    asked: Path, records_dir: Path, tmp_path: Path
) -> None:
    # UTF-8 (76), comma-separated (44), quoted with " (34): the first sheet, the answers
    saved = libreoffice(
        asked, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "csv", tmp_path
    )
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))
    records = Store(records_dir).load()
    sheet = sheet_for(records, records.people[HALLMANN], ASKED_ON)
    assert rows == [header(), *(row_cells(paper) for paper in sheet.papers)]
    # the pre-fill came through: this is not a sheet of empty cells read back empty
    (paper,) = sheet.papers
    assert sum(1 for cell in paper.cells if cell.prefill) == 9


def test_a_sheet_answered_and_saved_in_libreoffice_is_imported(
    asked: Path, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    answered = answer_workbook(
        asked,
        tmp_path / "answered.xlsx",
        {INSECTS: {**CONFIRMED, "Data curation": "yes", "Software": ""}},
    )
    saved = libreoffice(answered, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo", tmp_path)
    done = run(runner, "confirm", "import", str(saved), "--date", "2026-12-03")
    assert "confirmed by the author on 2026-12-03 (answered.xlsx)" in done.stdout
    author = Store(records_dir).load([INSECTS]).articles[INSECTS].authors[0]
    # the nine roles JATS states, pre-filled and kept, but Software cleared; Data curation ticked
    assert {role.role for role in author.roles or []} == {
        "conceptualization",
        "data-curation",
        "formal-analysis",
        "investigation",
        "methodology",
        "validation",
        "visualization",
        "writing-original-draft",
        "writing-review-editing",
    }
    assert author.roles_from is not None and author.roles_from.confirmed

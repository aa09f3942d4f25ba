"""Publishers named as Crossref registers them, and the role-source totals, in every face.

Two real articles through the stand-in: MDPI's Cancers article (its statement read from the PDF
at Crossref's similarity-checking link) and a title Elsevier transferred to World Scientific,
whose DOI still starts 10.1016. The check, the HTML report, the correction draft, the desk and
the nightly summary name them "MDPI AG" and "World Scientific Pub Co Pte Lt", never by a DOI
prefix, and carry the totals of where roles could be read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.standin import Limits, StandIn
from tests.desk.test_desk import make_client

MDPI = "10.3390/cancers14194849"
MOVED = "10.1016/j.intacc.2003.09.001"
TOTAL = (
    "role sources: 2 article(s): a role source read for 1 (1 PDF statement at a Crossref link; "
    "stating roles: 1); none for 1 (1 no key)"
)


@pytest.fixture
def office(standin: StandIn, runner: CliRunner, tmp_path: Path) -> Path:
    """Both articles tracked, fetched, and one role the team recorded that MDPI's PDF lacks."""
    standin.limits = Limits(rate={"list": 20, "single": 20, "europepmc": 50, "www.mdpi.com": 20})
    folder = tmp_path / "records"
    for args in (
        ["init"],
        ["records", "add", MDPI, MOVED, "--members", "Katherine L. Cook"],
        ["records", "set-roles", MDPI, "Cook", "Software"],
        ["fetch", "--mailto", "o@example.org", "--quiet"],
    ):
        result = runner.invoke(cli, ["--records", str(folder), *args])
        assert result.exit_code == 0, (args, result.stderr)
    return folder


def test_the_check_names_publishers_by_crossref_and_gives_the_totals(
    office: Path, runner: CliRunner
) -> None:
    result = runner.invoke(cli, ["--records", str(office), "check", "--format", "json"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == TOTAL
    assert '"publisher": "World Scientific Pub Co Pte Lt"' in result.stdout
    assert "DOI prefix" not in result.stdout


def test_the_report_names_publishers_by_crossref_and_gives_the_totals(
    office: Path, runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(cli, ["--records", str(office), "report", "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert f"<summary>{TOTAL}</summary>" in html
    assert "<li>MDPI AG: 1 article(s): a role source read for 1" in html
    assert "<li>World Scientific Pub Co Pte Lt: 1 article(s)" in html
    assert '"MDPI AG"' in html  # the findings' publisher, in the table's data and filter
    assert "DOI prefix" not in html


def test_the_draft_names_the_publisher_with_no_address_configured(
    office: Path, runner: CliRunner
) -> None:
    result = runner.invoke(cli, ["--records", str(office), "correction", "draft", MDPI])
    assert result.exit_code == 0, result.stderr
    assert (
        "To: (no address configured for MDPI AG; see 'credit-tracker publisher set')"
        in result.stdout
    )


def test_the_desk_names_publishers_by_crossref_and_gives_the_totals(office: Path) -> None:
    with make_client(office) as client:
        dashboard = client.get("/").text
        assert f"<summary>{TOTAL}</summary>" in dashboard
        queue = client.get("/findings?severity=info").text
        assert re.search(r"<option[^>]*>MDPI AG</option>", queue)
        assert "DOI prefix" not in dashboard + queue


def test_the_nightly_summary_gives_the_totals(
    office: Path, runner: CliRunner, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    args = ["--records", str(office), "nightly", "--summary", str(summary), "--xml-max-age", "30"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.stderr
    assert TOTAL in summary.read_text(encoding="utf-8")
    assert "  MDPI AG: 1 article(s): a role source read for 1" in result.stderr

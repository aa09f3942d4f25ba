"""The real files of tests/data/wild through the command line: the team's table imported, the
file fetched, `check` run, and no finding above info."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.credit import BY_SLUG
from credit_tracker.domain.names import PersonName
from tests.conftest import DATA
from tests.parse.test_wild_corpus import EXPECTED, _load

REVIEW, DRAFT = "writing-review-editing", "writing-original-draft"

ROLE_COLUMNS = [
    ("conceptualization", "Conceptualization"),
    ("data-curation", "Data curation"),
    ("formal-analysis", "Formal analysis"),
    ("funding-acquisition", "Funding acquisition"),
    ("investigation", "Investigation"),
    ("methodology", "Methodology"),
    ("project-administration", "Project administration"),
    ("resources", "Resources"),
    ("software", "Software"),
    ("supervision", "Supervision"),
    ("validation", "Validation"),
    ("visualization", "Visualization"),
    (DRAFT, "Writing - original draft"),
    (REVIEW, "Writing - review & editing"),
]


def _tenzing(expected: dict, path: Path) -> None:
    header = ["Order in publication", "Firstname", "Middle name", "Surname"]
    lines = [",".join([*header, *(label for _slug, label in ROLE_COLUMNS), "ORCID iD"])]
    for n, entry in enumerate(expected["authors"], start=1):
        surname = " ".join(filter(None, (entry["family"], entry.get("suffix"))))
        held = set(entry["roles"] or [])
        cells = [str(n), f'"{entry["given"]}"', "NA", f'"{surname}"']
        cells += ["TRUE" if slug in held else "FALSE" for slug, _label in ROLE_COLUMNS]
        lines.append(",".join([*cells, entry["orcid"] or "NA"]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


CLI_CASES = [
    "S1984-92302025000100304",
    "T9WnrWLnfCdrdZQVRvHw7yp",
    "elife-24271-v1",
    "ext-link-type-uri",
    "elife_1",
    "f1000research_2",
    "hindawi_1",
    "S0034-89102025000100200",
    "elife-32991-v2",
    "0006-8705-brag-81-e2022",
    "1807-0205-paz-62-e202262026",
    "1982-7849-rac-26-06-e190379",
    "document-with-supplementary-material",
    # statements in sections, notes and footnotes of every shape
    "PMC7909857",  # a list inside a footnote's paragraph
    "PMC7890423",  # one paragraph per author, no closing punctuation
    "PMC8270279",  # MDPI notes, accented initials
    "2023.08.02.551732",  # a back <sec>, full names without the middle initial
    "PMC12061466",  # Wiley, a body <sec>, degrees
    "10_3389_fimmu_2025_1688181",  # Frontiers, <role> markup and a statement that agree
    "PMC7165416",  # PNAS prose: no CRediT term, kept as text at info
    # files saved from PMC's services, the article inside a wrapper or a namespace
    "PMC5147920",  # E-utilities' <pmc-articleset>
    "PMID30457984",  # the JATS 1.2 namespace on <article>
    "PMID32171256",  # PMC's OAI-PMH answer
]


@pytest.mark.parametrize("case", CLI_CASES)
def test_check_through_the_cli_gives_no_finding_above_info(case: str, tmp_path: Path) -> None:
    expected = _load(EXPECTED / f"{case}.yaml")
    runner = CliRunner()
    records = ["--records", str(tmp_path / "records")]
    assert runner.invoke(cli, [*records, "init"]).exit_code == 0
    table = tmp_path / "team.csv"
    _tenzing(expected, table)
    imported = runner.invoke(cli, [*records, "records", "import", expected["doi"], str(table)])
    assert imported.exit_code == 0, imported.output
    fetched = runner.invoke(
        cli, [*records, "fetch", expected["doi"], "--jats", str(DATA / expected["file"])]
    )
    assert fetched.exit_code == 0, fetched.output
    checked = runner.invoke(cli, [*records, "check", "--format", "json"])
    report = json.loads(checked.stdout)
    above = {k: v for k, v in report["summary"]["by_severity"].items() if k != "info"}
    assert above == {} and checked.exit_code == 0, report["findings"]


def _check_file(expected: dict, tmp_path: Path) -> tuple[int, list[dict]]:
    """Import the team's table, fetch the file, check; return the exit code and the findings
    above info."""
    runner = CliRunner()
    records = ["--records", str(tmp_path / "records")]
    runner.invoke(cli, [*records, "init"])
    table = tmp_path / "team.csv"
    _tenzing(expected, table)
    runner.invoke(cli, [*records, "records", "import", expected["doi"], str(table)])
    runner.invoke(cli, [*records, "fetch", expected["doi"], "--jats", str(DATA / expected["file"])])
    checked = runner.invoke(cli, [*records, "check", "--format", "json"])
    findings = json.loads(checked.stdout)["findings"]
    return checked.exit_code, [f for f in findings if f["severity"] != "info"]


def test_a_role_dropped_from_a_footnote_statement_fails_the_check(tmp_path: Path) -> None:
    """Papéis Avulsos de Zoologia prints its roles only in one article-level footnote."""
    expected = _load(EXPECTED / "1807-0205-paz-62-e202262026.yaml")
    expected["authors"][1]["roles"] = ["formal-analysis"]  # the file adds Writing – original draft
    code, above = _check_file(expected, tmp_path)
    assert code == 1
    assert [(f["rule"], f["author"]["position"]) for f in above] == [("role-extra", 2)]
    assert "Fernando Carvalho" in above[0]["message"]


def test_a_role_dropped_from_a_section_statement_fails_the_check(tmp_path: Path) -> None:
    """Wiley (Ecology and Evolution 2025) prints its roles only in a body <sec>."""
    expected = _load(EXPECTED / "PMC12061466.yaml")
    expected["authors"][1]["roles"] = expected["authors"][1]["roles"][1:]
    code, above = _check_file(expected, tmp_path)
    assert code == 1
    assert [(f["rule"], f["author"]["position"]) for f in above] == [("role-extra", 2)]
    assert "Robert A. Montgomery" in above[0]["message"]


def test_markup_and_a_statement_that_disagree_fail_the_check_naming_both(tmp_path: Path) -> None:
    """MDPI Animals 2025: the team's record equals the <role> markup; the statement disagrees."""
    code, above = _check_file(_load(EXPECTED / "PMC12108416.yaml"), tmp_path)
    assert code == 1
    assert [(f["rule"], f["author"]["position"]) for f in above] == [
        ("sources-disagree", n) for n in (1, 2, 3, 4)
    ]
    assert all(
        "<role> markup" in f["message"] and "contributions statement" in f["message"] for f in above
    )


def test_a_bogus_encoding_declaration_is_one_line_naming_the_file(tmp_path: Path) -> None:
    runner = CliRunner()
    records = ["--records", str(tmp_path / "records")]
    runner.invoke(cli, [*records, "init"])
    table = tmp_path / "team.csv"
    _tenzing({"authors": [{"given": "Ann", "family": "Lee", "roles": [], "orcid": None}]}, table)
    runner.invoke(cli, [*records, "records", "import", "10.5555/bogus", str(table)])
    bogus = tmp_path / "bogus.synthetic.xml"
    bogus.write_bytes(b'<?xml version="1.0" encoding="bogus"?><article/>')
    result = runner.invoke(cli, [*records, "fetch", "10.5555/bogus", "--jats", str(bogus)])
    assert result.exit_code == 2
    assert str(bogus) in result.stderr and "unknown encoding" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_every_role_slug_has_a_tenzing_column() -> None:
    assert [slug for slug, _label in ROLE_COLUMNS] == list(BY_SLUG)
    assert PersonName(family="x").display() == "x"


def test_a_refetch_of_unchanged_bytes_takes_the_newer_reading(tmp_path: Path) -> None:
    """A store filled by an older credit-tracker: the same file fetched again is read anew (here
    the translation's difference appears, about its author), not kept as first read."""
    from credit_tracker.store.folder import Store

    expected = _load(EXPECTED / "S1984-92302025000100304.yaml")
    runner = CliRunner()
    folder = tmp_path / "records"
    records = ["--records", str(folder)]
    runner.invoke(cli, [*records, "init"])
    table = tmp_path / "team.csv"
    _tenzing(expected, table)
    runner.invoke(cli, [*records, "records", "import", expected["doi"], str(table)])
    fetch = [*records, "fetch", expected["doi"], "--jats", str(DATA / expected["file"])]
    assert runner.invoke(cli, fetch).exit_code == 0
    with Store(folder).transaction() as stored:  # as an older reading left it: no problems
        history = stored.snapshots[expected["doi"]]
        history[-1] = history[-1].model_copy(update={"problems": []})

    def told() -> list[dict]:
        checked = runner.invoke(cli, [*records, "check", "--format", "json", "--show", "info"])
        found = json.loads(checked.stdout)["findings"]
        return [f for f in found if f["rule"] == "translation-disagrees"]

    assert told() == []
    assert runner.invoke(cli, fetch).exit_code == 0
    (finding,) = told()
    assert finding["author"]["position"] == 1 and "Resources" in finding["message"]
    with Store(folder).transaction() as stored:
        assert len(stored.snapshots[expected["doi"]]) == 1  # the same bytes: no second copy

"""Tracking new work through ORCID iDs in Crossref; ORCID itself as a source of names and roles."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.parse.orcid import parse_contributors, parse_person, parse_works
from credit_tracker.standin import yaml_load
from credit_tracker.store.folder import Store
from tests.conftest import FIXTURES

BOETTIGER = "0000-0002-1642-628X"  # appears in the recorded habanero work lists
HEADER = (
    "Order in publication,Firstname,Middle name,Surname,Conceptualization,Data curation,Formal "
    "analysis,Funding acquisition,"
    "Investigation,Methodology,Project "
    "administration,Resources,Software,Supervision,Validation,Visualization,"
    "Writing - original draft,Writing - review & editing,Affiliation 1,Affiliation 2,Affiliation "
    "3,Funding,ORCID iD,"
    "Email address,Corresponding author?,Conflict of interest\n"
)


def _table(
    tmp_path: Path, given: str, family: str, orcid: str, roles: list[str] | None = None
) -> Path:
    cells = ["NA"] * 14 if roles is None else ["TRUE" if i in roles else "FALSE" for i in range(14)]
    path = tmp_path / f"{family}.synthetic.csv"
    path.write_text(
        HEADER
        + ",".join(
            ["1", given, "NA", family, *cells, "NA", "NA", "NA", "NA", orcid, "NA", "TRUE", "NA"]
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def _track_boettiger(runner: CliRunner, tmp_path: Path) -> None:
    """Carl Boettiger's table for 10.1111/ele.14024 imported, with him a member by his iD."""
    table = _table(tmp_path, "Carl", "Boettiger", BOETTIGER)
    imported = runner.invoke(
        cli, ["records", "import", "10.1111/ele.14024", str(table), "--members", BOETTIGER]
    )
    assert imported.exit_code == 0, imported.output


def test_harvest_lists_exactly_the_new_works_pages_through_and_then_finds_nothing(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    _track_boettiger(runner, tmp_path)
    expected = sorted(
        doi
        for doi, work in standin.catalogue.works.items()
        if any(str(a.get("ORCID", "")).endswith(BOETTIGER) for a in work.get("author", []))
        and doi != "10.1111/ele.14024"
    )
    listed = runner.invoke(cli, ["harvest", "--page-size", "5", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    works = json.loads(listed.stdout)
    assert sorted(w["doi"] for w in works) == expected and len(expected) > 10
    assert all(w["team_members"] == ["carl-boettiger"] for w in works)
    # the real list holds two preprints (posted-content) and a dataset: listed apart, last
    apart = [(w["doi"], w["group"], w["type"]) for w in works if w["group"] != "new"]
    assert apart == [
        ("10.1101/055319", "other", "posted-content"),
        ("10.1101/722215", "other", "posted-content"),
        ("10.32614/cran.package.rfishbase", "other", "dataset"),
    ]
    assert "3 page(s)" in listed.stderr  # more than one page: the cursor was followed
    assert standin.log[1][1].count("cursor=standin-offset-5") == 1
    added = runner.invoke(cli, ["harvest", "--page-size", "5", "--add"])
    assert f"added {len(expected) - 3} draft record(s)" in added.stderr  # the articles alone
    again = runner.invoke(cli, ["harvest", "--page-size", "5", "--format", "json"])
    # co-authors added as people are not harvested in turn; the works listed apart wait
    assert [w["doi"] for w in json.loads(again.stdout)] == [doi for doi, *_ in apart]
    records = Store(records_dir).load()
    draft = records.articles[expected[0]]
    assert draft.draft and all(a.roles is None for a in draft.authors)
    assert "[draft: roles not recorded]" in runner.invoke(cli, ["records", "list"]).stdout
    boettiger = next(a for a in draft.authors if a.person == "carl-boettiger")
    assert draft.title and boettiger.printed.family == "Boettiger"  # linked, title kept
    members = sorted(p.id for p in records.people.values() if p.team_member)
    assert members == ["carl-boettiger"]  # every co-author is a person, none a member


def test_a_draft_whose_roles_are_then_imported_is_no_longer_a_draft(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    _track_boettiger(runner, tmp_path)
    assert runner.invoke(cli, ["harvest", "--add"]).exit_code == 0
    doi = sorted(Store(records_dir).load().articles)[0]
    assert Store(records_dir).load().articles[doi].draft
    roles = _table(tmp_path, "Carl", "Boettiger", BOETTIGER, roles=[0, 5])
    imported = runner.invoke(cli, ["records", "import", doi, str(roles)])
    assert imported.exit_code == 0, imported.output
    assert "  roles recorded; no longer a draft" in imported.stderr.splitlines()
    record = Store(records_dir).load().articles[doi]
    assert not record.draft and record.note is None
    listed = runner.invoke(cli, ["records", "list"]).stdout.splitlines()
    line = next(line for line in listed if line.startswith(doi))
    assert "[draft" not in line and any("[draft" in other for other in listed)


def test_harvest_skips_notices(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    from credit_tracker.standin import synthetic_work

    notice = synthetic_work("10.5555/synthetic.notice")
    notice["title"] = ["Correction: a synthetic article"]
    notice["author"] = [
        {
            "given": "Carl",
            "family": "Boettiger",
            "ORCID": f"https://orcid.org/{BOETTIGER}",
            "sequence": "first",
        }
    ]
    monkeypatch.setitem(standin.catalogue.works, "10.5555/synthetic.notice", notice)
    _track_boettiger(runner, tmp_path)
    result = runner.invoke(cli, ["harvest", "--format", "json"])
    assert (
        "10.5555/synthetic.notice" not in result.stdout and "1 notice(s) skipped" in result.stderr
    )


def test_harvest_reports_crossref_failures(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    _track_boettiger(runner, tmp_path)
    standin.inject("503", times=-1)
    result = runner.invoke(cli, ["harvest"], env={"CREDIT_TRACKER_BACKOFF": "0.01"})
    assert (
        result.exit_code == 3
        and "Crossref could not list the team's works: HTTP 503" in result.stderr
    )


# ---- ORCID ---------------------------------------------------------------------------------


def _orcid_answer(cassette: str, path: str) -> dict:
    data = yaml_load((FIXTURES / "rorcid/tests/fixtures" / cassette).read_text(encoding="utf-8"))
    for interaction in data["http_interactions"]:
        if interaction["request"]["uri"].endswith(path):
            return json.loads(interaction["response"]["body"]["string"])
    raise AssertionError(path)


def test_orcid_names_from_real_recordings_and_samples() -> None:
    scott = parse_person(_orcid_answer("orcid_id_address_data.yml", "0000-0003-1444-9135/person"))
    assert (scott.given, scott.family, scott.credit_name, scott.other_names) == (
        "Scott",
        "Chamberlain",
        "Scott A Chamberlain",
        (),
    )
    search = yaml_load(
        (FIXTURES / "rorcid/tests/fixtures/orcid_search.yml").read_text(encoding="utf-8")
    )
    others = [
        parse_person(json.loads(i["response"]["body"]["string"])).other_names
        for i in search["http_interactions"][1:]
    ]
    assert ("Carl R. Beringer III",) in others
    official = parse_person(
        json.loads((FIXTURES / "orcid-model/read_samples/record-full-3.0.json").read_text())[
            "person"
        ]
    )
    assert official.credit_name is None  # ORCID's own sample: messy sandbox values, "{}" is no name
    assert official.other_names == ("Other Name", "{yo}", "dreamofaredbird", "Other Name")


def test_orcid_works_and_niso_roles() -> None:
    works = parse_works(_orcid_answer("works.yml", "0000-0003-1444-9135/works"))
    assert (
        len(works) > 80 and works[0].doi == "10.3897/biss.2.25589" and works[0].put_code == 44924450
    )
    sample = json.loads(
        (
            FIXTURES / "orcid-model/write_samples/work-with-NISO-roles-51-contributors-3.0.json"
        ).read_text()
    )
    contributors = parse_contributors(sample)
    jordan = contributors[0]
    assert (jordan.raw, jordan.orcid, [r.role for r in jordan.roles]) == (
        "Jordan",
        "0000-0002-5391-5437",
        ["writing-review-editing"],
    )
    legacy = parse_contributors(
        json.loads(
            (FIXTURES / "orcid-model/write_samples/work-51-contributors-3.0.json").read_text()
        )
    )
    assert all(a.roles is None for a in legacy)  # 'co-investigator' and the like are not CRediT


def test_person_suggest_offers_orcid_names_without_accepting_them(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    runner.invoke(
        cli,
        [
            "records",
            "import",
            "10.5555/x",
            str(_table(tmp_path, "Scott", "Chamberlain", "0000-0003-1444-9135")),
        ],
    )
    result = runner.invoke(cli, ["person", "suggest", "Scott Chamberlain"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Scott A Chamberlain\t(accept with: credit-tracker person add-spelling "
        "scott-chamberlain 'Scott A Chamberlain')\n"
    )
    assert Store(records_dir).load().people["scott-chamberlain"].accepted_spellings == []
    assert standin.counts == {"orcid": 1}


def test_orcid_roles_are_a_source_compared_like_any_other(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    doi = "10.1187/20110404"  # ORCID's synthetic sample work, listed in Jordan's stand-in record
    runner.invoke(
        cli,
        [
            "records",
            "import",
            doi,
            str(_table(tmp_path, "Jordan", "Sample", "0000-0002-5391-5437", roles=[12])),
            "--members",
            "Jordan Sample",
        ],
    )
    result = runner.invoke(
        cli, ["fetch", doi, "--orcid", "--no-xml"], env={"CREDIT_TRACKER_BACKOFF": "0.01"}
    )
    assert "orcid: 1 work(s) found in team members' ORCID records" in result.stderr
    report = json.loads(
        runner.invoke(cli, ["check", "--format", "json", "--fail-on", "never"]).stdout
    )
    rules = {(f["rule"], f["source"]) for f in report["findings"]}
    assert {
        ("role-missing", "orcid"),
        ("role-extra", "orcid"),
    } <= rules  # writing-original-draft recorded, review asserted


def _member_with_a_former_name(runner: CliRunner, tmp_path: Path) -> None:
    _track_boettiger(runner, tmp_path)
    added = runner.invoke(cli, ["person", "add-former-name", "carl-boettiger", "Carl Oldname"])
    assert added.exit_code == 0, added.output


def test_harvest_withholds_a_former_name_crossref_prints(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    """A synthetic work printing the member (by ORCID iD) as 'C. Oldname', an initial and the
    former family name: neither listing shows it."""
    from credit_tracker.domain.former import WITHHELD
    from credit_tracker.standin import synthetic_work

    _member_with_a_former_name(runner, tmp_path)
    work = synthetic_work("10.5555/synthetic.former")
    work["author"] = [
        {"given": "C.", "family": "Oldname", "ORCID": f"https://orcid.org/{BOETTIGER}"},
        {"given": "Ada", "family": "Other", "sequence": "additional"},
    ]
    monkeypatch.setattr(standin.catalogue, "works", {"10.5555/synthetic.former": work})
    for fmt in ("text", "markdown", "json"):
        listed = runner.invoke(cli, ["harvest", "--format", fmt])
        assert listed.exit_code == 0, listed.output
        assert "Oldname" not in listed.output, fmt
    listed = json.loads(runner.invoke(cli, ["harvest", "--format", "json"]).stdout)
    assert listed[0]["authors"] == [WITHHELD, "Ada Other"]


HIDDEN = "\x1b]0;owned\x07\x1b[31m\u202e\x0b\x85\u2028\r\n::error title=pwned::x"
"""Crossref text holding OSC and CSI escapes, a BiDi override, VT, NEL, U+2028, and CRLF
followed by a workflow command: synthetic."""


def test_harvest_shows_hidden_characters_in_titles_and_names_as_escapes(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    from credit_tracker.domain.text import is_hidden
    from credit_tracker.standin import synthetic_work

    _member_with_a_former_name(runner, tmp_path)
    work = synthetic_work("10.5555/synthetic.hidden")
    work["title"] = [f"A title{HIDDEN}"]
    work["author"] = [
        {"given": "Carl", "family": "Boettiger", "ORCID": f"https://orcid.org/{BOETTIGER}"},
        {"given": f"Eve{HIDDEN}", "family": "Other", "sequence": "additional"},
    ]
    monkeypatch.setattr(standin.catalogue, "works", {"10.5555/synthetic.hidden": work})
    for fmt in ("text", "markdown", "json"):
        listed = runner.invoke(cli, ["harvest", "--format", fmt])
        assert listed.exit_code == 0, listed.output
        shown = listed.stdout
        assert not [hex(ord(c)) for c in shown if is_hidden(c) and c not in "\n\t"], shown
        assert not any(line.startswith("::") for line in shown.splitlines()), (fmt, shown)
        if fmt == "text":
            (line,) = shown.splitlines()
            assert line.count("\t") == 3
            assert "A title\\x1b]0;owned\\x07\\x1b[31m\\u202e ::error" in line  # spaces joined
            assert "Eve\\x1b]0;owned\\x07\\x1b[31m\\u202e\\x0b\\x85\\u2028\\r\\n::error" in line
    data = json.loads(runner.invoke(cli, ["harvest", "--format", "json"]).stdout)
    assert data[0]["title"].startswith("A title\x1b]0;owned\x07\x1b[31m\u202e")  # exact
    assert data[0]["authors"][1] == f"Eve{HIDDEN} Other"


def test_a_harvested_work_with_a_bad_doi_is_skipped_and_nightly_writes_every_report(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    """A synthetic work whose DOI holds U+202E, beside a good one: the harvest never changes the
    exit code, so the night goes on, warns once and writes every report."""
    from credit_tracker.standin import synthetic_work

    _member_with_a_former_name(runner, tmp_path)
    member = {"given": "Carl", "family": "Boettiger", "ORCID": f"https://orcid.org/{BOETTIGER}"}
    bad, good = synthetic_work("10.5555/synthetic.bad"), synthetic_work("10.5555/synthetic.good")
    bad["DOI"], bad["author"], good["author"] = "10.5555/evil\u202etxt.exe", [member], [member]
    monkeypatch.setitem(standin.catalogue.works, "10.5555/synthetic.bad", bad)
    monkeypatch.setitem(standin.catalogue.works, "10.5555/synthetic.good", good)
    out = tmp_path / "reports"
    out.mkdir()
    reports = {"--junit": "r.xml", "--json": "r.json", "--summary": "s.md"}
    args = [a for flag, name in reports.items() for a in (flag, str(out / name))]
    result = runner.invoke(cli, ["nightly", "--github", "--harvest-since", "2000-01-01", *args])
    assert result.exit_code in (0, 1, 3), result.output
    assert all((out / name).stat().st_size > 0 for name in reports.values())
    warnings = [line for line in result.stderr.splitlines() if "harvest skipped" in line]
    assert len(warnings) == 1 and "\\u202e" in warnings[0] and "\u202e" not in result.stderr
    assert "10.5555/synthetic.good" in (out / "s.md").read_text(encoding="utf-8")
    listed = runner.invoke(cli, ["harvest", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    dois = [w["doi"] for w in json.loads(listed.stdout)]
    assert "10.5555/synthetic.good" in dois and not any("evil" in doi for doi in dois)
    assert "harvest skipped a work: DOI: " in listed.stderr

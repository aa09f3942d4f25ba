"""The baseline (pure rules, the file) and `check --baseline`, and `ack` of many findings at once.

The shipped example has three findings (three errors) about Jane Illés.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.check.baseline import (
    Baseline,
    BaselineEntry,
    apply_baseline,
    marked_fixed,
    select_findings,
    updated_baseline,
)
from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import run_check
from credit_tracker.cli import cli
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.findings import Unverified
from credit_tracker.domain.models import RoleAssignment
from credit_tracker.store.baseline_file import read_baseline, write_baseline
from credit_tracker.store.folder import Store

AIMMS = "10.5555/aimms-mentoring-2025"
ROLES = ["ct-d11e628cff3a", "ct-06f9a3fb8522"]  # role-missing x2
NAME = "ct-3a6ad50e8471"  # name-initials
DAY = date(2026, 3, 1)


@pytest.fixture
def report(example_records: Path):
    records = Store(example_records).load()
    return run_check(records, [AIMMS], FailPolicy())


def _entry(finding_id: str = ROLES[0], fixed: str | None = None) -> BaselineEntry:
    return BaselineEntry(
        doi=AIMMS, rule="role-missing", note="known", since="2026-01-01", fixed=fixed
    )


def test_baselined_findings_are_acknowledged_and_the_rest_still_fail(report) -> None:
    baseline = Baseline(findings={i: _entry(i) for i in ROLES})
    applied = apply_baseline(report, baseline, FailPolicy(), DAY)
    assert [f.id for f in applied.findings] == [NAME]
    assert [(a.finding.id, a.note, a.at) for a in applied.acknowledged] == [
        (i, "baseline since 2026-01-01: known", "2026-01-01") for i in ROLES
    ]
    s = applied.summary
    assert (s.findings, s.failing, s.acknowledged) == (1, 1, 2)
    assert s.by_rule == {"name-initials": 1}


def test_an_entry_whose_finding_is_gone_is_resolved_and_dated_once(report) -> None:
    baseline = Baseline(findings={"ct-000000000000": _entry()})
    applied = apply_baseline(report, baseline, FailPolicy(), DAY)
    assert [r.id for r in applied.resolved] == ["ct-000000000000"]
    marked = marked_fixed(baseline, report, DAY)
    assert marked.findings["ct-000000000000"].fixed == "2026-03-01"
    assert marked_fixed(marked, report, date(2026, 3, 9)) == marked  # the first day is kept
    assert marked.watched() == {AIMMS}
    # an article not checked, or not fully read, says nothing about its entries
    assert marked_fixed(baseline, report, DAY, checked={"10.1234/other"}) == baseline
    unread = report.model_copy(update={"unverified": [Unverified(doi=AIMMS, reason="503")]})
    assert marked_fixed(baseline, unread, DAY) == baseline


def test_a_fixed_entry_whose_finding_comes_back_is_regressed_and_fails(report) -> None:
    baseline = Baseline(findings={NAME: _entry(NAME, fixed="2026-02-01")})
    applied = apply_baseline(report, baseline, FailPolicy(severity=None), DAY)
    (back,) = applied.regressed
    assert (back.finding.id, back.finding.severity.value, back.fixed, back.undone) == (
        NAME,
        "error",
        "2026-02-01",
        "2026-03-01",
    )
    assert applied.summary.regressed == 1 and applied.summary.failing == 0  # --fail-on never


def test_updating_adds_failing_findings_keeps_notes_and_drops_gone_ones(report) -> None:
    old = Baseline(
        findings={
            ROLES[0]: _entry(ROLES[0], fixed="2026-02-01"),  # back again: known again
            "ct-000000000000": _entry(),  # gone: dropped
        }
    )
    new = updated_baseline(old, report, FailPolicy.parse("error"), "first run", DAY)
    assert list(new.findings) == sorted([*ROLES, NAME])
    assert new.findings[ROLES[0]] == _entry(ROLES[0])
    assert new.findings[NAME].note == "first run" and new.findings[NAME].since == "2026-03-01"
    assert new.findings[NAME].message.startswith("Jane Illés: printed 'Jane P. Illés'")


def test_the_file_is_sorted_stable_and_validated(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert read_baseline(path) == Baseline()  # no file yet: nothing known
    baseline = Baseline(findings={"ct-00000000000b": _entry(), "ct-00000000000a": _entry()})
    write_baseline(path, baseline)
    text = path.read_text()
    assert text.index('"ct-00000000000a"') < text.index('"ct-00000000000b"') and text.endswith(
        "}\n"
    )
    assert '"fixed"' not in text  # written only once a fix is seen
    assert read_baseline(path) == baseline
    write_baseline(path, read_baseline(path))
    assert path.read_text() == text  # a rewrite changes nothing
    assert not list(tmp_path.glob("*.bak")) and not list(tmp_path.glob(".*tmp"))
    hidden = Baseline(
        findings={"ct-00000000000f": _entry().model_copy(update={"message": "Ja\u202ene"})}
    )
    write_baseline(path, hidden)
    assert "\\u202e" in path.read_text() and read_baseline(path) == hidden
    path.write_text('{"version": 1,\n "findings": [}')
    with pytest.raises(InputError, match=r"baseline.json:2: not JSON \(column"):
        read_baseline(path)
    path.write_text('{"version": 1, "findings": {"ct-00000000000a": {"doi": "x"}}}')
    with pytest.raises(
        InputError, match=r"findings\.ct-00000000000a\.rule: not a credit-tracker baseline"
    ):
        read_baseline(path)


def test_check_with_a_baseline_fails_only_on_new_findings(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    path = tmp_path / "baseline.json"
    base = ["check", "--baseline", str(path), "--as-of", "2026-03-01"]
    assert runner.invoke(cli, base).exit_code == 1  # an empty baseline: all three are new
    written = runner.invoke(cli, [*base, "--update-baseline", "--baseline-note", "triaged"])
    assert written.exit_code == 0, written.stderr
    assert "baseline " in written.stderr and "3 finding(s), 3 added, 0 dropped" in written.stderr
    data = json.loads(path.read_text())
    assert sorted(data["findings"]) == sorted([*ROLES, NAME])
    assert {e["note"] for e in data["findings"].values()} == {"triaged"}
    known = runner.invoke(cli, [*base, "--format", "json"])
    assert known.exit_code == 0
    assert json.loads(known.stdout)["summary"]["acknowledged"] == 3
    # the team's record changes: a new finding fails, the known ones still do not
    with Store(example_records).transaction() as records:
        jane = records.articles[AIMMS].authors[3]
        jane.roles = [*(jane.roles or []), RoleAssignment(role="methodology")]
    again = runner.invoke(cli, [*base, "--format", "json"])
    assert again.exit_code == 1
    assert {f["id"] for f in json.loads(again.stdout)["findings"]} - set(data["findings"])
    alone = runner.invoke(cli, ["check", "--update-baseline"])
    assert alone.exit_code == 2 and "--update-baseline needs --baseline FILE" in alone.stderr


def test_select_findings_by_ids_rules_and_articles(report) -> None:
    assert [f.id for f in select_findings(report, [NAME, ROLES[0], NAME])] == [NAME, ROLES[0]]
    assert [f.id for f in select_findings(report, rules=["role-missing"])] == ROLES
    assert len(select_findings(report, dois=[AIMMS])) == 3
    both = select_findings(report, rules=["name-initials"], dois=[AIMMS])
    assert [f.id for f in both] == [NAME]
    with pytest.raises(InputError, match="no current finding has the id 'ct-nope'"):
        select_findings(report, ["ct-nope"])
    with pytest.raises(InputError, match="unknown rule 'role-mising'"):
        select_findings(report, rules=["role-mising"])
    with pytest.raises(InputError, match="matches the selection"):
        select_findings(report, rules=["author-order"])


def test_ack_takes_many_ids_or_a_selection_with_one_note(
    runner: CliRunner, example_records: Path
) -> None:
    many = runner.invoke(cli, ["ack", *ROLES, "--note", "asked PLOS", "--date", "2026-03-01"])
    assert many.exit_code == 0, many.stderr
    assert many.stderr.splitlines()[-1] == "2 finding(s) acknowledged"
    team = Store(example_records).load_team()
    assert {(a.finding_id, a.note, a.at) for a in team.acknowledgements.values()} == {
        (i, "asked PLOS", "2026-03-01") for i in ROLES
    }
    selected = runner.invoke(
        cli, ["ack", "--doi", AIMMS, "--note", "the rest", "--date", "2026-03-02"]
    )
    assert selected.exit_code == 0, selected.stderr
    acks = Store(example_records).load_team().acknowledgements
    assert acks[ROLES[0]].note == "asked PLOS" and acks[NAME].note == "the rest"
    assert len(acks) == 3
    before = (example_records / "team.json").read_bytes()
    bad = runner.invoke(cli, ["ack", NAME, "ct-000000000000", "--note", "x"])
    assert bad.exit_code == 2 and "ct-000000000000" in bad.stderr
    assert (example_records / "team.json").read_bytes() == before  # nothing written
    nothing = runner.invoke(cli, ["ack", "--note", "x"])
    assert nothing.exit_code == 2 and "--rule or --doi" in nothing.stderr
    done = runner.invoke(cli, ["ack", "--rule", "role-missing", "--note", "x"])
    assert done.exit_code == 2 and "matches the selection" in done.stderr


GOOD_ENTRY = {"doi": "10.5555/x", "rule": "role-missing", "note": "known", "since": "2025-01-01"}
BAD_BASELINES = [
    ({"version": 99, "findings": {}}, "version: not a credit-tracker baseline: Input should be 1"),
    ({"version": 1, "findings": {"": GOOD_ENTRY}}, "findings..[key]: not a credit-tracker"),
    (
        {"version": 1, "findings": {'ct-1"><img src=//evil.example/b>': GOOD_ENTRY}},
        'findings.ct-1"><img src=//evil.example/b>.[key]: not a credit-tracker baseline: String',
    ),
    (
        {"version": 1, "findings": {"ct-000000000001\n- [x](//evil)": GOOD_ENTRY}},
        "findings.ct-000000000001\\n- [x](//evil).[key]: not a credit-tracker baseline",
    ),
    (
        {"version": 1, "findings": {"ct-000000000001": {**GOOD_ENTRY, "fixed": "not-a-date"}}},
        "findings.ct-000000000001.fixed: not a credit-tracker baseline: Value error, "
        "'not-a-date' is not a day written YYYY-MM-DD",
    ),
    (
        {"version": 1, "findings": {"ct-000000000001": {**GOOD_ENTRY, "since": "2025-1-1"}}},
        "findings.ct-000000000001.since: not a credit-tracker baseline",
    ),
    (
        {"version": 1, "findings": {"ct-000000000001": {**GOOD_ENTRY, "doi": ""}}},
        "findings.ct-000000000001.doi: not a credit-tracker baseline",
    ),
]


@pytest.mark.parametrize(
    ("content", "says"), BAD_BASELINES, ids=[s[:30] for _c, s in BAD_BASELINES]
)
@pytest.mark.parametrize("command", ["check", "nightly"])
def test_a_baseline_is_validated_on_read_in_one_line_naming_the_field(
    runner: CliRunner, example_records: Path, tmp_path: Path, content: dict, says: str, command: str
) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    before = path.read_bytes()
    result = runner.invoke(cli, [command, "--baseline", str(path), "--as-of", "2026-03-01"])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"credit-tracker: error: {path}: {says}"), line
    assert path.read_bytes() == before and result.stdout == ""

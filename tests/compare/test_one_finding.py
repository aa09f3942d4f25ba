"""One finding per problem: the same difference in several sources is one finding, one id, one
acknowledgement; acknowledgements and requests stored with the old per-source ids still match."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.compare.article import compare_article
from credit_tracker.domain.findings import finding_id, source_finding_id
from credit_tracker.domain.models import (
    CorrectionRequest,
    RequestState,
    SourceKind,
    StateChange,
)
from credit_tracker.domain.records import Acknowledgement
from credit_tracker.store.folder import Store
from tests.builders import member, printed, record, snapshot
from tests.conftest import EXAMPLE_ROLE_SOURCES, EXAMPLE_ROLES_COMPARED

AIMMS = "10.5555/aimms-mentoring-2025"
CONCEPTUALIZATION = "ct-d11e628cff3a"  # role-missing, Jane Illés (jats; then crossref + jats)
REVIEW = "ct-06f9a3fb8522"  # role-missing, Writing – review & editing
OLD_JATS = "ct-0e265b6c5891"  # the Conceptualization finding's id while told per source (jats)
OLD_CROSSREF = "ct-bbd4305a6489"  # ... and its Crossref twin's


def _with_crossref(records_dir: Path) -> None:
    """Crossref deposits what the online article prints: the role errors are in both."""
    with Store(records_dir).transaction() as records:
        jats = records.snapshots[AIMMS][0]
        records.snapshots[AIMMS].append(jats.model_copy(update={"source": SourceKind.CROSSREF}))


def _check_json(runner: CliRunner, code: int = 1) -> dict:
    result = runner.invoke(cli, ["check", "--format", "json", "--as-of", "2025-06-15"])
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def test_the_old_ids_are_the_per_source_ones() -> None:
    assert source_finding_id(AIMMS, "jats", "role-missing", "jane-illes", "conceptualization") == (
        OLD_JATS
    )
    assert source_finding_id(
        AIMMS, "crossref", "role-missing", "jane-illes", "conceptualization"
    ) == (OLD_CROSSREF)
    assert finding_id(AIMMS, "role-missing", "jane-illes", "conceptualization") == (
        CONCEPTUALIZATION
    )


def test_a_difference_in_two_sources_is_one_finding_keeping_its_id(
    runner: CliRunner, example_records: Path
) -> None:
    before = _check_json(runner)["findings"]
    _with_crossref(example_records)
    result = runner.invoke(cli, ["check", "--as-of", "2025-06-15"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        AIMMS,
        "  Jane Illés",
        "    error role-missing [crossref + jats] Jane Illés: crossref + jats does not list "
        f"Conceptualization ({CONCEPTUALIZATION})",
        "    error role-missing [crossref + jats] Jane Illés: crossref + jats does not list "
        f"Writing – review & editing ({REVIEW})",
        "    error name-initials [statement] Jane Illés: printed 'Jane P. Illés': given name "
        "'Jane P.' has an initial or name the team's record ('Jane') does not (ct-3a6ad50e8471)",
        EXAMPLE_ROLES_COMPARED,
        EXAMPLE_ROLE_SOURCES,
        "1 article(s); 3 finding(s); 3 error; 0 acknowledged",
    ]
    after = _check_json(runner)["findings"]
    assert [(f["id"], f["sources"]) for f in after[:2]] == [
        (CONCEPTUALIZATION, ["crossref", "jats"]),
        (REVIEW, ["crossref", "jats"]),
    ]
    assert [f["id"] for f in before[:2]] == [CONCEPTUALIZATION, REVIEW]


def test_old_per_source_acknowledgements_cover_the_one_finding(
    runner: CliRunner, example_records: Path
) -> None:
    _with_crossref(example_records)
    with Store(example_records).transaction() as records:
        for old, at in ((OLD_CROSSREF, "2025-06-03"), (OLD_JATS, "2025-06-02")):
            records.acknowledgements[old] = Acknowledgement(
                finding_id=old, doi=AIMMS, rule="role-missing", note=f"asked {at}", at=at
            )
    report = _check_json(runner)
    assert [(a["finding"]["id"], a["note"]) for a in report["acknowledged"]] == [
        (CONCEPTUALIZATION, "asked 2025-06-02")  # the earlier of the two
    ]
    assert report["resolved"] == [] and report["summary"]["acknowledged"] == 1
    assert CONCEPTUALIZATION not in [f["id"] for f in report["findings"]]


def test_one_acknowledgement_with_the_new_id_covers_every_source(
    runner: CliRunner, example_records: Path
) -> None:
    acked = runner.invoke(cli, ["ack", CONCEPTUALIZATION, "--note", "asked"])
    assert acked.exit_code == 0, acked.output
    _with_crossref(example_records)  # a source that starts showing it changes nothing
    report = _check_json(runner)
    assert [(a["finding"]["id"], a["finding"]["sources"]) for a in report["acknowledged"]] == [
        (CONCEPTUALIZATION, ["crossref", "jats"])
    ]


def test_a_request_stored_with_old_ids_still_covers_its_findings(
    runner: CliRunner, example_records: Path
) -> None:
    with Store(example_records).transaction() as records:
        records.corrections[AIMMS] = CorrectionRequest(
            id=AIMMS,
            doi=AIMMS,
            finding_ids=[OLD_JATS, "ct-6bc2e13f25de", "ct-e83eeba72aea"],
            kinds=["metadata", "contributions"],
            history=[
                StateChange(state=RequestState.DRAFTED, date="2025-05-30"),
                StateChange(state=RequestState.SENT, date="2025-06-01"),
            ],
        )
    report = _check_json(runner, code=0)  # every error waits on the request
    assert [p["finding"]["id"] for p in report["pending"]] == [
        CONCEPTUALIZATION,
        REVIEW,
        "ct-3a6ad50e8471",
    ]
    assert [c["detail"] for c in report["corrections"]] == [
        "3 of 3 errors still open; pending correction until 2025-08-01"
    ]


def test_two_sources_printing_two_wrong_names_are_two_findings_and_nothing_more() -> None:
    rec, people = record(member("nidia", "Nídia", "de Sousa"))
    result = compare_article(
        rec,
        people,
        [
            snapshot(SourceKind.CROSSREF, printed("Nidia", "de Sousa")),
            snapshot(SourceKind.JATS, printed("Nídia", "de Souza")),
            snapshot(SourceKind.STATEMENT, printed("Nidia", "de Sousa")),
        ],
    )
    assert [(f.rule, f.sources, f.observed, f.id) for f in result.findings] == [
        ("name-diacritics", ["crossref", "statement"], "Nidia de Sousa", "ct-5c94fbcea515"),
        ("name-spelling", ["jats"], "Nídia de Souza", "ct-b9883107682c"),
    ]  # each misprint once; the sources' disagreement is what the two findings already say
    alone = compare_article(
        rec, people, [snapshot(SourceKind.STATEMENT, printed("Nidia", "de Sousa"))]
    )
    assert [(f.sources, f.id) for f in alone.findings] == [(["statement"], "ct-5c94fbcea515")]


def test_a_draft_names_every_source_of_an_error_once(
    runner: CliRunner, example_records: Path
) -> None:
    _with_crossref(example_records)
    draft = runner.invoke(cli, ["correction", "draft", AIMMS])
    assert draft.exit_code == 0, draft.output
    lines = draft.stdout.splitlines()
    assert (
        "1. Crossref's record and the online article do not list Conceptualization among Jane "
        "Illés's contributions."
    ) in lines
    cited = [
        line.split(",", 1)[0]
        for line in lines
        if line.startswith("- ") and ", as recorded on " in line
    ]
    assert cited == [
        "- Crossref's record",
        "- The online article",
        "- The PDF's Author Contributions section",
    ]

"""A full round on a 30-article office, through the CLI against the stand-in serving real recorded
publisher data (PLOS, eLife, SciELO, F1000 and others' JATS; Crossref's recorded works):
onboard by DOI, fetch, ask the members, their answers (ticks, blanks, "not my paper", two
answers that disagree, an author who never answers), import, check, report, nightly, the
correction draft with its provenance and deposit files, and the publisher's fix seen.
"""

from __future__ import annotations

import email
import json
import re
from email import policy
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from credit_tracker.cli import cli
from credit_tracker.domain.confirm_sheet import ANSWER_COLUMN
from credit_tracker.domain.confirmation import ROLE_COLUMNS
from credit_tracker.standin import StandIn
from credit_tracker.store.folder import Store, shard_of
from tests import schemas
from tests.confirm.answering import CONFIRMED, answer_csv_text, answer_workbook

# 20 articles whose publisher XML the stand-in serves (real files, tests/data/fixtures) and 10
# whose Crossref records it serves as recorded: 30 in all.
WITH_XML = [
    "10.1186/1472-6831-8-11",
    "10.12688/f1000research.14013.2",
    "10.1371/journal.pbio.2001413",
    "10.1371/journal.pbio.2002399",
    "10.1371/journal.pone.0046493",
    "10.1371/journal.pone.0146913",
    "10.1371/journal.pone.0160653",
    "10.1371/journal.pone.0182377",
    "10.1371/journal.pone.0185809",
    "10.1371/journal.pone.0190755",
    "10.1371/journal.pone.0197214",
    "10.1371/journal.pone.0203023",
    "10.1371/journal.pone.0219838",
    "10.1590/1982-7849rac2022190379.en",
    "10.1590/2236-8906-111/2020",
    "10.1590/s2237-96222023000200017",
    "10.20396/rdbci.v21i00.8670044",
    "10.7554/elife.05031",
    "10.7554/elife.59222",
    "10.7717/peerj.3360",
]
CROSSREF_ONLY = [
    "10.1371/journal.pone.0289221",
    "10.1371/journal.pbio.0050002",
    "10.1111/2041-210x.13440",
    "10.1111/ele.13828",
    "10.1038/ng.3834",
    "10.1136/esmoopen-2020-000776",
    "10.1371/journal.pgen.1009100",
    "10.1111/geb.13950",
    "10.1371/journal.ppat.1006930",
    "10.1371/journal.ppat.1008184",
]
INSECTS = "10.1371/journal.pone.0185809"  # Hallmann et al. 2017; JATS lists his 9 roles
YEAST = "10.1371/journal.pbio.2001413"
ELIFE = "10.7554/elife.05031"
CZECH = "10.1371/journal.pone.0182377"
MEMBERS = "0000-0002-4630-0522,Lukas C. Gerber,Eelco van Anken,Michal Růžička"
HALLMANN, GERBER, VAN_ANKEN, RUZICKA = (
    "caspar-a-hallmann",
    "lukas-c-gerber",
    "eelco-van-anken",
    "michal-ruzicka",
)
ROLE_RULES = "role-missing,role-extra,degree-mismatch,roles-not-deposited"
"""What fails a run about roles (the office's other findings, real ones in this data, are
left out: a consortium on Crossref's byline, ORCID iDs not deposited)."""
JATS_ROLES = [
    "Conceptualization",
    "Formal analysis",
    "Investigation",
    "Methodology",
    "Software",
    "Validation",
    "Visualization",
    "Writing - original draft",
    "Writing - review & editing",
]


def run(runner: CliRunner, *args: str, code: int | None = 0):
    result = runner.invoke(cli, list(args), env={"CREDIT_TRACKER_BACKOFF": "0"})
    if code is not None:
        assert result.exit_code == code, (args, result.stdout, result.stderr)
    return result


def only(*labels: str) -> dict[str, str]:
    """Every role cell of a row: these held, the rest left blank (not held)."""
    return {label: "yes" if label in labels else "" for _slug, label in ROLE_COLUMNS}


def coverage(text: str) -> str:
    (line,) = [line for line in text.splitlines() if line.startswith("roles compared on ")]
    return line


def _count_writes(monkeypatch: pytest.MonkeyPatch, records: Path) -> list[list[str]]:
    """The store's write batches from now on, each as the sorted files it wrote."""
    import credit_tracker.store.folder as folder

    batches: list[list[str]] = []
    real = folder.write_files

    def counted(changes):  # type: ignore[no-untyped-def]
        batches.append(sorted(str(path.relative_to(records)) for path, _text in changes))
        return real(changes)

    monkeypatch.setattr(folder, "write_files", counted)
    return batches


def _publisher_fixes(standin: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    """The publisher adds Data curation to Hallmann's roles (derived: the recorded article XML
    with one <role> added, as a corrected article would print it). The catalogue is shared by
    the session's tests: the recorded XML is put back after this one."""
    xml = standin.catalogue.xml[INSECTS]
    marker = b'<role content-type="http://credit.casrai.org/">Formal analysis</role>'
    assert xml.count(marker) >= 1
    fixed = xml.replace(
        marker,
        b'<role content-type="http://credit.casrai.org/">Data curation</role>\n' + marker,
        1,
    )
    monkeypatch.setitem(standin.catalogue.xml, INSECTS, fixed)


def test_a_round_on_a_thirty_article_office(
    fast_xml: StandIn,
    runner: CliRunner,
    records_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dois = tmp_path / "dois.txt"
    dois.write_text("\n".join(WITH_XML + CROSSREF_ONLY) + "\n", encoding="utf-8")
    added = run(runner, "records", "add", "--quiet", "--from", str(dois), "--members", MEMBERS)
    assert "records add: 30 added, 0 already tracked, 0 not found" in added.stderr
    run(runner, "fetch", "--quiet", "--mailto", "office@example.org")

    # before anyone is asked: roles compared nowhere; the check does not fail on it
    before = run(runner, "check", "--fail-on", ROLE_RULES, code=0)
    line = coverage(before.stdout)
    assert line.startswith("roles compared on 0 of 30 articles (0 authors confirmed, 0 asked ")
    stated = json.loads(run(runner, "check", "--format", "json", code=None).stdout)[
        "roles_compared"
    ]
    assert stated["no_role_source"] == 30 - 15  # the XML of 15 articles states roles

    # ask every member: one sheet each, named by their id
    sheets = tmp_path / "sheets"
    asked = run(
        runner, "confirm", "request", "--members", "--output", str(sheets), "--date", "2026-12-01"
    )
    assert sorted(p.name for p in sheets.iterdir()) == [
        f"{pid}.xlsx" for pid in sorted((HALLMANN, GERBER, VAN_ANKEN, RUZICKA))
    ]
    assert "confirm request: 4 file(s) written" in asked.stderr
    # nightly never fails on "not yet confirmed": nothing about roles fails while they wait
    waiting = run(runner, "nightly", "--as-of", "2026-12-02", "--fail-on", ROLE_RULES)
    assert "roles compared on 0 of 30 articles (0 authors confirmed, 4 asked and waiting" in (
        coverage(waiting.stdout)
    )

    # the answers
    answers = tmp_path / "answers"
    answers.mkdir()
    # Hallmann ticks the nine roles the article lists and Data curation, which it leaves
    # out; every other role is left blank (not held)
    ticks = only(*JATS_ROLES, "Data curation")
    hallmann = answer_workbook(
        sheets / f"{HALLMANN}.xlsx", answers / "hallmann.xlsx", {INSECTS: {**CONFIRMED, **ticks}}
    )
    # Gerber: not his paper
    gerber = answer_workbook(
        sheets / f"{GERBER}.xlsx",
        answers / "gerber.xlsx",
        {YEAST: {ANSWER_COLUMN: "not my paper"}},
    )
    # Růžička answers twice, differently: on the workbook and on a CSV copy
    ruzicka = answer_workbook(
        sheets / f"{RUZICKA}.xlsx",
        answers / "ruzicka.xlsx",
        {CZECH: {**CONFIRMED, **only("Investigation")}},
    )
    run(
        runner,
        "confirm",
        "request",
        RUZICKA,
        "--format",
        "csv",
        "--output",
        str(sheets),
        "--date",
        "2026-12-01",
    )
    sent = (sheets / f"{RUZICKA}.csv").read_text(encoding="utf-8-sig")
    copy = answers / "ruzicka.csv"
    copy.write_text(answer_csv_text(sent, {CZECH: {**CONFIRMED, **only("Software")}}), "utf-8")
    # van Anken never answers; the import writes once, each shard it changed once
    batches = _count_writes(monkeypatch, records_dir)
    imported = run(
        runner,
        "confirm",
        "import",
        str(hallmann),
        str(gerber),
        str(ruzicka),
        str(copy),
        "--date",
        "2026-12-03",
    )
    out = imported.stdout
    assert f"  {INSECTS}: Caspar A. Hallmann: roles not recorded → Conceptualization; Data " in out
    assert "confirmed by the author on 2026-12-03 (hallmann.xlsx)" in out
    assert f"  {YEAST}: Lukas C. Gerber [{GERBER}] answered 'not my paper' in gerber.xlsx" in out
    assert (
        f"  {CZECH}: Michal Růžička: answered differently in ruzicka.xlsx (sheet Roles, row 2); "
        "ruzicka.csv (sheet Roles, row 2); neither applied" in out
    )
    assert "confirm import: 4 row(s); 1 recorded, 1 reported to the office, 1 not applied" in (
        imported.stderr
    )
    assert batches == [sorted(f"articles/{shard_of(doi)}.json" for doi in (INSECTS, YEAST))]
    batches.clear()  # still counted from here on, and never looked at again

    # the check: the publisher's omission is a finding now; the round is counted
    checked = run(runner, "check", "--as-of", "2026-12-03", "--fail-on", ROLE_RULES, code=1)
    assert (
        "error role-missing [jats] Caspar A. Hallmann: jats does not list Data curation"
        in checked.stdout
    )
    assert coverage(checked.stdout).startswith(
        "roles compared on 1 of 30 articles (1 authors confirmed, 3 asked and waiting, "
    )
    report = tmp_path / "report.html"
    run(runner, "report", "--output", str(report), "--as-of", "2026-12-03")
    assert coverage(checked.stdout) in report.read_text(encoding="utf-8")
    nightly = tmp_path / "night"
    nightly.mkdir()
    night = run(
        runner,
        "nightly",
        "--as-of",
        "2026-12-04",
        "--summary",
        str(nightly / "summary.md"),
        "--json",
        str(nightly / "report.json"),
        "--fail-on",
        ROLE_RULES,
        code=1,  # the publisher's omission fails the night, not the waiting
    )
    assert "roles compared on 1 of 30 articles (1 authors confirmed, 3 asked" in night.stdout
    assert "roles compared on 1 of 30 articles" in (nightly / "summary.md").read_text("utf-8")
    assert (
        json.loads((nightly / "report.json").read_text("utf-8"))["roles_compared"]["confirmed"] == 1
    )

    # the author who never answers: said so, and reminded
    status = run(runner, "confirm", "status", "--remind-after", "30", "--as-of", "2027-01-15")
    assert re.search(rf"{re.escape(ELIFE)}  author 1  overdue: asked 2026-12-01 in ", status.stdout)
    assert f"{YEAST}  author 1  reported to the office: asked 2026-12-01" in status.stdout
    reminders = tmp_path / "reminders"
    run(
        runner,
        "confirm",
        "remind",
        "--remind-after",
        "30",
        "--output",
        str(reminders),
        "--date",
        "2027-01-15",
    )
    assert (reminders / f"{VAN_ANKEN}.eml").exists()

    # the desk's dashboard prints the same line
    from credit_tracker.desk import DeskSettings, create_app

    settings = DeskSettings(records=records_dir, token="t" * 24, port=8766, workers=1)
    with TestClient(create_app(settings), base_url="http://127.0.0.1:8766") as desk:
        assert desk.get(f"/?token={'t' * 24}").status_code == 200
        assert coverage(checked.stdout) in desk.get("/").text

    # the draft rests on his confirmation and carries the fix, ready to deposit
    request = tmp_path / "request.eml"
    run(runner, "correction", "draft", INSECTS, "--author", HALLMANN, "--output", str(request))
    message = email.message_from_bytes(request.read_bytes(), policy=policy.default)
    body = message.get_body(("plain",)).get_content()
    assert "does not list Data curation among Caspar A. Hallmann's contributions" in body
    assert (
        "- Caspar A. Hallmann: Conceptualization; Data curation; Formal analysis; Investigation; "
        "Methodology; Software; Validation; Visualization; Writing – original draft; Writing – "
        "review & editing — confirmed by the author on 2026-12-03 (hallmann.xlsx)" in body
    )
    files = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    stem = INSECTS.replace("/", "_")
    schemas.jats_schema().validate(ET.fromstring(files[f"{stem}.contrib-group.xml"]))
    contributors = ET.fromstring(files[f"{stem}.crossref-contributors.xml"])
    schemas.crossref_schema().validate(contributors)
    cr = "{http://www.crossref.org/schema/5.5.0}"
    first = contributors.find(f"{cr}person_name")
    assert "data-curation" in [role.get("type") for role in first.findall(f"{cr}role")]
    assert first.find(f"{cr}ORCID").text == "https://orcid.org/0000-0002-4630-0522"
    run(runner, "correction", "mark", INSECTS, "sent", "--author", HALLMANN, "--date", "2026-12-05")

    # the publisher applies it; the next fetch sees the fix
    _publisher_fixes(fast_xml, monkeypatch)
    run(runner, "fetch", INSECTS, "--quiet", "--xml-max-age", "0", "--mailto", "o@example.org")
    listed = run(runner, "correction", "list", "--as-of", "2026-12-20", code=None).stdout
    assert f"{INSECTS}#{HALLMANN}" in listed and "resolved (fix seen)" in listed
    after = run(runner, "check", INSECTS, "--as-of", "2026-12-20", code=None)
    assert "Data curation" not in after.stdout
    author = Store(records_dir).load([INSECTS]).articles[INSECTS].authors[0]
    assert author.roles_from is not None and author.roles_from.confirmed

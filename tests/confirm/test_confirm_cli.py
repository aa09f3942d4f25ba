"""`confirm request`, `confirm import`, `confirm status` and `confirm remind` through the CLI on the
shipped AIMMS example: the sheet authors fill, their answers as the team's record, what is
refused whole, and the Illés case (a publisher's omission still fails the check after the
author confirms the roles it left out)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.confirm_sheet import (
    ANSWER_COLUMN,
    INSTRUCTIONS_SHEET,
    KEY_COLUMNS,
    KEY_DOI,
    ROLES_SHEET,
    header,
)
from credit_tracker.domain.confirmation import RoleOrigin
from credit_tracker.domain.models import RoleAssignment, SourceRole
from credit_tracker.store.folder import Store
from tests.confirm.answering import (
    CONFIRMED,
    answer_csv_text,
    answer_letter,
    answer_workbook,
    reply_with,
)

AIMMS = "10.5555/aimms-mentoring-2025"
JANE = "jane-illes"
CONCEPTUALIZATION, REVIEW = "Conceptualization", "Writing - review & editing"


def run(runner: CliRunner, *args: str, code: int | None = 0):
    result = runner.invoke(cli, list(args))
    if code is not None:
        assert result.exit_code == code, result.output
    return result


def request(runner: CliRunner, folder: Path, *args: str, on: str = "2026-12-01"):
    return run(runner, "confirm", "request", *args, "--output", str(folder), "--date", on)


def jane_answers(runner: CliRunner, tmp_path: Path, answers: dict[str, str]) -> Path:
    """Ask Jane Illés for her sheet, and fill its row as `answers` say."""
    request(runner, tmp_path / "sheets", JANE)
    sheet = tmp_path / "sheets" / "jane-illes.xlsx"
    return answer_workbook(sheet, tmp_path / "jane.xlsx", {AIMMS: answers})


def files_of(records: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(records)): p.read_bytes()
        for p in sorted(records.rglob("*"))
        if p.is_file() and ".index" not in p.parts and p.name != ".lock"
    }


def jane(records: Path):
    return Store(records).load([AIMMS]).articles[AIMMS].authors[3]


def findings(runner: CliRunner) -> list[tuple[str, str]]:
    report = json.loads(run(runner, "check", "--format", "json", code=None).stdout)
    return [(f["rule"], f["source"]) for f in report["findings"]]


def test_the_sheet_is_the_one_authors_fill(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    done = request(runner, tmp_path / "sheets", JANE)
    assert f"Jane Illés [{JANE}]: 1 paper(s) in {tmp_path / 'sheets' / 'jane-illes.xlsx'}" in (
        done.stderr
    )
    book = openpyxl.load_workbook(tmp_path / "sheets" / "jane-illes.xlsx")
    # the answers first (tenzing reads only the first sheet), the instructions after them
    assert book.sheetnames == [ROLES_SHEET, INSTRUCTIONS_SHEET]
    roles = book[ROLES_SHEET]
    rows = [[cell.value or "" for cell in row] for row in roles.iter_rows()]
    assert rows[0] == header()
    (row,) = rows[1:]
    assert row[:6] == [
        AIMMS,
        "‘I cannot be what I don’t see’: an evaluation of Academic Intersectionality Mentoring "
        "in medical schools (AIMMS Mentoring)",
        "PLOS ONE",
        "",
        "4",
        "Jane Illés",
    ]
    # JATS lists no roles for her: nothing is pre-filled, and each cell's note says why
    first_role = rows[0].index(CONCEPTUALIZATION)
    assert row[first_role : first_role + 14] == [""] * 14
    note = roles.cell(row=2, column=first_role + 1).comment.text
    assert note == (
        "What the publishers state: JATS: not stated; printed statement: not stated; "
        "Crossref: no source; ORCID: no source."
    )
    lists = {str(v.sqref): v.formula1 for v in roles.data_validations.dataValidation}
    assert lists == {
        "G2": '"confirmed,not my paper,I am not this author"',
        "H2:U2": '"yes,no,lead,equal,supporting"',
    }
    hidden = [roles.column_dimensions[c].hidden for c in "ABCDEFG"]
    assert hidden == [False] * 7
    letters = [openpyxl.utils.get_column_letter(rows[0].index(k) + 1) for k in KEY_COLUMNS]
    assert all(roles.column_dimensions[letter].hidden for letter in letters)
    assert row[rows[0].index(KEY_DOI)] == AIMMS
    instructions = [r[0] for r in book[INSTRUCTIONS_SHEET].iter_rows(values_only=True)]
    assert instructions[0] == "Dear Jane Illés,"
    assert jane(example_records).asked.model_dump() == {
        "on": "2026-12-01",
        "file": "jane-illes.xlsx",
        "reminded": [],
        "dispute": None,
    }


def test_the_workbook_reads_back_as_written(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    """Round trip: written, read back with openpyxl, every cell equal; the same day's request
    gives the same rows (LibreOffice's reading: test_libreoffice)."""
    from credit_tracker.parse.answer_sheet import read_answer_sheet
    from credit_tracker.render.confirm.base import row_cells

    request(runner, tmp_path / "a", JANE)
    path = tmp_path / "a" / "jane-illes.xlsx"
    rows = [
        [cell if cell is not None else "" for cell in row]
        for row in openpyxl.load_workbook(path)[ROLES_SHEET].iter_rows(values_only=True)
    ]
    from credit_tracker.confirm.questions import sheet_for

    records = Store(example_records).load()
    sheet = sheet_for(records, records.people[JANE], "2026-12-01")
    assert rows == [header(), *(row_cells(paper) for paper in sheet.papers)]
    (answer,) = read_answer_sheet(path.read_bytes(), str(path)).rows
    assert (answer.doi, answer.person, answer.position, answer.answered) == (AIMMS, JANE, 4, False)


def test_the_illes_omission_still_fails_after_the_author_ticks_the_roles_it_left_out(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    before = findings(runner)
    assert ("role-missing", "jats") in before
    request(runner, tmp_path / "sheets", JANE)
    answered = answer_workbook(
        tmp_path / "sheets" / "jane-illes.xlsx",
        tmp_path / "jane-answered.xlsx",
        {AIMMS: {**CONFIRMED, CONCEPTUALIZATION: "yes", REVIEW: "yes"}},
    )
    done = run(runner, "confirm", "import", str(answered), "--date", "2026-12-03")
    assert done.stdout.splitlines() == [
        "recorded:",
        f"  {AIMMS}: Jane Illés: roles Conceptualization; Writing – review & editing "
        "(unchanged), confirmed by the author on 2026-12-03 (jane-answered.xlsx)",
    ]
    author = jane(example_records)
    assert author.roles == [
        RoleAssignment(role="conceptualization"),
        RoleAssignment(role="writing-review-editing"),
    ]
    assert author.roles_from.origin is RoleOrigin.AUTHOR
    # the publisher still leaves them out: the check still fails on it
    check = run(runner, "check", code=1)
    assert "error role-missing [jats] Jane Illés: jats does not list Conceptualization" in (
        check.stdout
    )
    assert findings(runner) == before
    assert "roles compared on 1 of 1 articles (1 authors confirmed, 0 asked and waiting, 14 " in (
        check.stdout
    )
    shown = run(runner, "records", "show", AIMMS).stdout
    assert "confirmed by the author on 2026-12-03 (jane-answered.xlsx)" in shown
    draft = run(runner, "correction", "draft", AIMMS).stdout
    assert (
        "- Jane Illés: Conceptualization; Writing – review & editing — confirmed by the author "
        "on 2026-12-03 (jane-answered.xlsx)" in draft
    )


def _publisher_states(records: Path, roles: list[str]) -> None:
    """The online article (JATS) states these roles for Jane Illés (derived: the shipped
    reconstructed snapshot with her roles filled in)."""
    with Store(records).transaction() as team:
        shot = team.snapshots[AIMMS][0]
        authors = list(shot.authors)
        stated = [SourceRole(role=slug, label=slug, origin="vocab-term") for slug in roles]
        authors[3] = authors[3].model_copy(update={"roles": stated})
        team.snapshots[AIMMS][0] = shot.model_copy(update={"authors": authors})


def test_a_pre_fill_nobody_confirmed_never_becomes_the_teams_record(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    """The publisher states Methodology; the team's record holds Jane's roles as imported. The
    sheet comes back as it was sent (the pre-fill untouched, no answer): nothing is recorded,
    and the findings the pre-fill would have hidden are all still there."""
    _publisher_states(example_records, ["methodology"])
    before = findings(runner)
    assert ("role-missing", "jats") in before and ("role-extra", "jats") in before
    request(runner, tmp_path / "sheets", JANE)
    sheet = tmp_path / "sheets" / "jane-illes.xlsx"
    cells = [c.value for c in openpyxl.load_workbook(sheet)[ROLES_SHEET][2]]
    assert cells[header().index("Methodology")] == "yes"  # pre-filled from the publisher
    kept = files_of(example_records)
    done = run(runner, "confirm", "import", str(sheet))
    assert done.stdout.splitlines() == [
        "not answered yet:",
        f"  {AIMMS}: {JANE}: left as sent in jane-illes.xlsx (sheet Roles, row 2); still waiting",
    ]
    assert files_of(example_records) == kept
    assert findings(runner) == before
    # not recorded at all: the pre-fill is still not the team's record
    run(runner, "records", "set-roles", AIMMS, JANE, "--not-recorded")
    done = run(runner, "confirm", "import", str(sheet))
    assert jane(example_records).roles is None
    assert "roles compared on 0 of 1 articles" in run(runner, "check", code=None).stdout


def test_an_edited_row_without_an_answer_is_the_authors_answer(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    """Ticking a role is answering: a row edited but not marked 'confirmed' is recorded."""
    answered = jane_answers(runner, tmp_path, {CONCEPTUALIZATION: "lead"})
    run(runner, "confirm", "import", str(answered))
    assert jane(example_records).roles == [RoleAssignment(role="conceptualization", degree="lead")]


@pytest.mark.parametrize("dispute", ["not my paper", "I am not this author"])
def test_a_dispute_is_reported_to_the_office_and_changes_nothing(
    runner: CliRunner, example_records: Path, tmp_path: Path, dispute: str
) -> None:
    answered = jane_answers(runner, tmp_path, {ANSWER_COLUMN: dispute, CONCEPTUALIZATION: "yes"})
    roles = jane(example_records).roles
    done = run(runner, "confirm", "import", str(answered), "--date", "2026-12-04")
    assert done.stdout.splitlines()[:2] == [
        "reported to the office (nothing changed):",
        f"  {AIMMS}: Jane Illés [{JANE}] answered '{dispute}' in jane.xlsx (sheet Roles, row "
        f"2): reported to the office, nothing changed; see 'credit-tracker records show {AIMMS}'",
    ]
    assert jane(example_records).roles == roles
    shown = run(runner, "records", "show", AIMMS).stdout
    assert f"! answered '{dispute}' on 2026-12-04 (jane.xlsx)" in shown
    status = run(runner, "confirm", "status").stdout
    assert f"reported to the office: asked 2026-12-01 in jane-illes.xlsx; answered '{dispute}'" in (
        status
    )


def test_answers_that_contradict_another_or_a_later_edit_are_listed_not_applied(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    request(runner, tmp_path / "xlsx", JANE)
    request(runner, tmp_path / "csv", JANE, "--format", "csv")
    one = answer_workbook(
        tmp_path / "xlsx" / "jane-illes.xlsx",
        tmp_path / "one.xlsx",
        {AIMMS: {**CONFIRMED, CONCEPTUALIZATION: "yes"}},
    )
    two = tmp_path / "two.csv"
    sent = (tmp_path / "csv" / "jane-illes.csv").read_text(encoding="utf-8-sig")
    two.write_text(answer_csv_text(sent, {AIMMS: {**CONFIRMED, REVIEW: "yes"}}), "utf-8")
    roles = jane(example_records).roles
    done = run(runner, "confirm", "import", str(one), str(two))
    assert done.stdout.splitlines() == [
        "not applied (contradicts another answer or a later edit):",
        f"  {AIMMS}: Jane Illés: answered differently in one.xlsx (sheet Roles, row 2); two.csv "
        "(sheet Roles, row 2); neither applied",
    ]
    assert jane(example_records).roles == roles
    # the office edits her roles after the sheet was written: the sheet's answer is not applied
    request(runner, tmp_path / "old", JANE, on="2001-01-01")
    run(runner, "records", "set-roles", AIMMS, JANE, "Methodology")
    late = answer_workbook(
        tmp_path / "old" / "jane-illes.xlsx",
        tmp_path / "late.xlsx",
        {AIMMS: {**CONFIRMED, CONCEPTUALIZATION: "yes"}},
    )
    done = run(runner, "confirm", "import", str(late))
    (line,) = done.stdout.splitlines()[1:]
    assert line.startswith(
        f"  {AIMMS}: Jane Illés: the answer in late.xlsx (sheet Roles, row 2: Conceptualization) "
        "contradicts the roles edited by the office with 'records set-roles' on "
    )
    assert line.endswith(", after the sheet was written on 2001-01-01; not applied")
    assert jane(example_records).roles == [RoleAssignment(role="methodology")]


def _tamper(sheet: Path, out: Path, column: str, value: str) -> Path:
    book = openpyxl.load_workbook(sheet)
    rows = book[ROLES_SHEET]
    rows.cell(row=2, column=header().index(ANSWER_COLUMN) + 1).value = "confirmed"
    rows.cell(row=2, column=header().index(column) + 1).value = value
    book.save(out)
    return out


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            KEY_DOI,
            "10.1371/journal.pone.0185809",
            "sheet Roles, row 2, column AC (key: digest): the hidden keys of this row were edited "
            "(their digest no longer matches)",
        ),
        (
            "DOI",
            "10.1371/journal.pone.0185809",
            "sheet Roles, row 2, column A (DOI): '10.1371/journal.pone.0185809' is not this "
            f"row's paper ({AIMMS})",
        ),
        (
            CONCEPTUALIZATION,
            "maybe",
            "sheet Roles, row 2, column H (Conceptualization): 'maybe' is not an answer for a "
            "role; use yes, no, lead, equal or supporting",
        ),
        (
            ANSWER_COLUMN,
            "sure",
            "sheet Roles, row 2, column G (Your answer): 'sure' is not an answer",
        ),
    ],
)
def test_a_bad_sheet_is_refused_whole_naming_the_cell(
    runner: CliRunner,
    example_records: Path,
    tmp_path: Path,
    column: str,
    value: str,
    message: str,
) -> None:
    request(runner, tmp_path / "sheets", JANE)
    sent = tmp_path / "sheets" / "jane-illes.xlsx"
    good = answer_workbook(sent, tmp_path / "good.xlsx", {AIMMS: CONFIRMED})
    bad = _tamper(sent, tmp_path / "bad.xlsx", column, value)
    kept = files_of(example_records)
    done = run(runner, "confirm", "import", str(good), str(bad), code=2)
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"credit-tracker: error: bad.xlsx: {message}")
    assert line.endswith("; nothing was imported")
    assert files_of(example_records) == kept  # the good sheet is not applied either


def test_a_column_that_is_no_credit_role_is_refused(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    request(runner, tmp_path / "sheets", JANE)
    book = openpyxl.load_workbook(tmp_path / "sheets" / "jane-illes.xlsx")
    book[ROLES_SHEET].cell(row=1, column=header().index("Software") + 1).value = "Coding"
    book.save(tmp_path / "bad.xlsx")
    done = run(runner, "confirm", "import", str(tmp_path / "bad.xlsx"), code=2)
    assert done.stderr == (
        "credit-tracker: error: bad.xlsx: sheet Roles, row 1, column P (Coding): 'Coding' is not "
        "a CRediT role; nothing was imported\n"
    )


def test_a_row_about_a_paper_or_person_the_records_do_not_hold_is_refused(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    """Keys consistent with their digest (a sheet made by hand) but about a DOI not tracked, a
    person not on the byline, a person never asked: refused, naming the key's cell."""
    from credit_tracker.domain.confirmation import row_digest

    request(runner, tmp_path / "sheets", JANE)
    sent = (tmp_path / "sheets" / "jane-illes.xlsx").read_bytes()
    cases = [
        ("10.5555/not-tracked", JANE, "column Y (key: DOI): 10.5555/not-tracked is not in the "),
        (AIMMS, "someone-else", "column X (key: person): 'someone-else' is not "),
    ]
    for doi, person, message in cases:
        path = tmp_path / "made.xlsx"
        path.write_bytes(sent)
        book = openpyxl.load_workbook(path)
        rows = book[ROLES_SHEET]
        cells = {name: rows.cell(row=2, column=n + 1) for n, name in enumerate(header())}
        cells["DOI"].value = cells["key: DOI"].value = doi
        cells["key: person"].value = person
        cells["key: digest"].value = row_digest(person, doi, 4, "2026-12-01", "")
        cells[ANSWER_COLUMN].value = "confirmed"
        book.save(path)
        done = run(runner, "confirm", "import", str(path), code=2)
        assert f"made.xlsx: sheet Roles, row 2, {message}" in done.stderr, done.stderr
    never = tmp_path / "never.xlsx"
    run(runner, "confirm", "request", "Nisreen A Alwan", "--output", str(tmp_path / "n"))
    with Store(example_records).transaction() as team:
        team.articles[AIMMS].authors[14] = (
            team.articles[AIMMS].authors[14].model_copy(update={"asked": None})
        )
    answer_workbook(tmp_path / "n" / "nisreen-a-alwan.xlsx", never, {AIMMS: CONFIRMED})
    done = run(runner, "confirm", "import", str(never), code=2)
    assert "(key: issued): 'nisreen-a-alwan' was never asked about" in done.stderr


def test_letters_carry_the_sheet_both_ways(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    request(runner, tmp_path / "eml", JANE, "--format", "eml")
    request(runner, tmp_path / "md", JANE, "--format", "md")
    letter = (tmp_path / "md" / "jane-illes.md").read_text(encoding="utf-8")
    assert letter.startswith("# Please confirm your CRediT roles on 1 paper(s)")
    assert "Dear Jane Illés," in letter and "```csv\nDOI,Title," in letter
    reply = reply_with(
        tmp_path / "eml" / "jane-illes.eml",
        tmp_path / "reply.eml",
        {AIMMS: {**CONFIRMED, CONCEPTUALIZATION: "yes"}},
    )
    done = run(runner, "confirm", "import", str(reply))
    assert "confirmed by the author on " in done.stdout and "(reply.eml (jane-illes.xlsx))" in (
        done.stdout
    )
    assert jane(example_records).roles == [RoleAssignment(role="conceptualization")]
    # the letter written the same day answers differently, later: another answer for the
    # same byline place, listed and not applied
    edited = answer_letter(
        tmp_path / "md" / "jane-illes.md",
        tmp_path / "jane-answered.md",
        {AIMMS: {**CONFIRMED, REVIEW: "supporting"}},
    )
    done = run(runner, "confirm", "import", str(edited))
    assert "not applied (contradicts another answer or a later edit):" in done.stdout
    assert jane(example_records).roles == [RoleAssignment(role="conceptualization")]
    request(runner, tmp_path / "md2", "Nisreen A Alwan", "--format", "md")
    edited = answer_letter(
        tmp_path / "md2" / "nisreen-a-alwan.md",
        tmp_path / "nisreen.md",
        {AIMMS: {**CONFIRMED, REVIEW: "supporting"}},
    )
    run(runner, "confirm", "import", str(edited))
    nisreen = Store(example_records).load([AIMMS]).articles[AIMMS].authors[14]
    assert nisreen.roles == [RoleAssignment(role="writing-review-editing", degree="supporting")]


def test_confirmed_papers_are_left_out_unless_all(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    request(runner, tmp_path / "a", JANE)
    answered = answer_workbook(
        tmp_path / "a" / "jane-illes.xlsx",
        tmp_path / "j.xlsx",
        {AIMMS: {**CONFIRMED, CONCEPTUALIZATION: "yes"}},
    )
    run(runner, "confirm", "import", str(answered))
    again = request(runner, tmp_path / "b", JANE)
    assert "nothing to ask (every paper confirmed; --all asks again)" in again.stderr
    assert not (tmp_path / "b" / "jane-illes.xlsx").exists()
    request(runner, tmp_path / "c", JANE, "--all")
    cells = [
        c.value for c in openpyxl.load_workbook(tmp_path / "c" / "jane-illes.xlsx")[ROLES_SHEET][2]
    ]
    # asked again, the author's own confirmed answer is pre-filled, not the publisher's
    assert cells[header().index(CONCEPTUALIZATION)] == "yes"


def test_status_shows_the_overdue_and_remind_writes_to_them(
    runner: CliRunner, example_records: Path, tmp_path: Path
) -> None:
    request(runner, tmp_path / "s", JANE, "Nisreen A Alwan", on="2026-01-01")
    answered = answer_workbook(
        tmp_path / "s" / "jane-illes.xlsx", tmp_path / "j.xlsx", {AIMMS: CONFIRMED}
    )
    run(runner, "confirm", "import", str(answered), "--date", "2026-01-10")
    status = run(runner, "confirm", "status", "--remind-after", "30", "--as-of", "2026-03-01")
    assert status.stdout.splitlines() == [
        JANE,
        f"  {AIMMS}  author 4  confirmed: confirmed by the author on 2026-01-10 (j.xlsx)",
        "nisreen-a-alwan",
        f"  {AIMMS}  author 15  overdue: asked 2026-01-01 in nisreen-a-alwan.xlsx; no answer "
        "after 59 days",
    ]
    assert status.stderr == "confirm status: 2 paper place(s): 1 confirmed, 1 overdue\n"
    reminded = run(
        runner,
        "confirm",
        "remind",
        "--remind-after",
        "30",
        "--output",
        str(tmp_path / "r"),
        "--date",
        "2026-03-01",
    )
    assert "confirm remind: 1 reminder(s)" in reminded.stderr
    import email
    from email.policy import default

    letter = (tmp_path / "r" / "nisreen-a-alwan.eml").read_bytes()
    message = email.message_from_bytes(letter, policy=default)
    assert message["Subject"] == "Reminder: Please confirm your CRediT roles on 1 paper(s)"
    assert "This is a reminder: 1 paper(s) still wait for your answer." in (
        message.get_body(("plain",)).get_content()
    )
    status = run(runner, "confirm", "status", "--remind-after", "30", "--as-of", "2026-03-02")
    assert (
        f"  {AIMMS}  author 15  asked: asked 2026-01-01 in nisreen-a-alwan.xlsx, reminded "
        "2026-03-01" in status.stdout
    )
    members = run(runner, "confirm", "status", "Reza Zamani").stdout
    assert members.splitlines() == [
        "reza-zamani",
        f"  {AIMMS}  author 14  never asked: never asked",
    ]


def test_an_import_writes_each_shard_once(
    runner: CliRunner, example_records: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two sheets answering papers in one shard: one batch, the shard written once."""
    import credit_tracker.store.folder as folder

    request(runner, tmp_path / "s", JANE, "Nisreen A Alwan")
    sheets = [
        answer_workbook(
            tmp_path / "s" / f"{pid}.xlsx", tmp_path / f"{pid}.xlsx", {AIMMS: CONFIRMED}
        )
        for pid in (JANE, "nisreen-a-alwan")
    ]
    batches: list[list[str]] = []
    real = folder.write_files

    def counted(changes):
        batches.append([str(path.relative_to(example_records)) for path, _text in changes])
        return real(changes)

    monkeypatch.setattr(folder, "write_files", counted)
    run(runner, "confirm", "import", *map(str, sheets))
    assert batches == [["articles/4ba.json"]]

"""The author view: papers × roles × sources, each spelling once, findings, the CRediT statement,
and the records index it reads through (kept up to date as the records change)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.credit import Degree
from credit_tracker.domain.models import ArticleRecord, RoleAssignment, SourceKind
from credit_tracker.store.folder import Store, shard_of
from credit_tracker.store.records_index import RecordsIndex
from tests.builders import member, printed, snapshot

AIMMS = "10.5555/aimms-mentoring-2025"
TITLE = (
    "\u2018I cannot be what I don\u2019t see\u2019: an evaluation of Academic Intersectionality "
    "Mentoring in medical schools (AIMMS Mentoring)"
)
ILLES = f"""\
Jane Illés [jane-illes]  ORCID iD none
1 paper(s); 3 open finding(s)

{TITLE}
  {AIMMS}, PLOS ONE, author 4
  role                        team's record  Crossref  JATS  statement  ORCID
  Conceptualization           yes            -         no    ?          -
  Writing – review & editing  yes            -         no    ?          -
  (Crossref: no snapshot; statement: no roles stated; ORCID: no snapshot)

Name as printed (each spelling once):
  Jane Illés  {AIMMS} (team's record, JATS)
  Jane P. Illés  {AIMMS} (statement); differs: Jane{{+ P.+}} Illés

Open findings:
  error role-missing [jats] {AIMMS}: Jane Illés: jats does not list Conceptualization \
(ct-d11e628cff3a)
  error role-missing [jats] {AIMMS}: Jane Illés: jats does not list Writing – review & editing \
(ct-06f9a3fb8522)
  error name-initials [statement] {AIMMS}: Jane Illés: printed 'Jane P. Illés': given name \
'Jane P.' has an initial or name the team's record ('Jane') does not (ct-3a6ad50e8471)
"""


def test_the_author_view_of_the_shipped_example(runner: CliRunner, example_records: Path) -> None:
    result = runner.invoke(cli, ["author", "jane illes"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ILLES
    assert "paired" not in result.stdout and "0.97" not in result.stdout  # no internal scores
    data = json.loads(runner.invoke(cli, ["author", "jane-illes", "--format", "json"]).stdout)
    (paper,) = data["papers"]
    assert paper["position"] == 4 and paper["roles"]["jats"] == {
        "state": "none listed",
        "roles": [],
    }
    assert paper["roles"]["recorded"]["roles"] == [
        "Conceptualization",
        "Writing – review & editing",
    ]
    assert [(s["text"], s["differs"]) for s in data["spellings"]] == [
        ("Jane Illés", False),
        ("Jane P. Illés", True),
    ]
    assert [(f["state"], f["rule"]) for f in data["findings"]] == [
        ("open", "role-missing"),
        ("open", "role-missing"),
        ("open", "name-initials"),
    ]
    unknown = runner.invoke(cli, ["author", "Nobody Atall"])
    assert unknown.exit_code == 2 and "no team member matches 'Nobody Atall'" in unknown.stderr


def test_the_statement_for_a_cv(runner: CliRunner, example_records: Path, tmp_path: Path) -> None:
    out = tmp_path / "illes.txt"
    result = runner.invoke(cli, ["author", "Illés", "--format", "statement", "--output", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == (
        "CRediT contributions of Jane Illés\n"
        "\n"
        f"- {TITLE}. PLOS ONE. https://doi.org/{AIMMS}\n"
        "  Conceptualization; Writing – review & editing\n"
        "\n"
        "Roles across 1 paper(s): Conceptualization (1), Writing – review & editing (1).\n"
    )


def _five_papers(folder: Path) -> Store:
    """A store where Ana Costa is on five papers in five shards, one printing her name wrong."""
    store = Store(folder)
    store.init()
    ana, ana_person = member(
        "ana-costa", "Ana", "Costa", roles=["conceptualization"], orcid="0000-0002-1825-0097"
    )
    bo, bo_person = member("bo-berg", "Bo", "Berg", roles=["software"])
    with store.transaction() as records:
        records.people.update({"ana-costa": ana_person, "bo-berg": bo_person})
        for n in range(5):
            doi = f"10.5555/paper.{n}"
            lead = [RoleAssignment(role="conceptualization", degree=Degree.LEAD)]
            first = ana.model_copy(update={"roles": lead}) if n == 4 else ana
            records.articles[doi] = ArticleRecord(
                doi=doi, title=f"Paper <i>{n}</i>", year=2020 + n, authors=[first, bo]
            )
            given = "Ana" if n else "Ána"
            shot = snapshot(
                SourceKind.JATS,
                printed(given, "Costa", roles=["conceptualization"], orcid=ana_person.orcid),
                printed("Bo", "Berg", roles=["software"]),
            )
            records.snapshots[doi] = [shot.model_copy(update={"doi": doi})]
    assert len({shard_of(f"10.5555/paper.{n}") for n in range(5)}) == 5
    return store


def test_a_person_on_many_papers(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    store = _five_papers(tmp_path / "records")
    monkeypatch.setenv("CREDIT_TRACKER_RECORDS", str(store.root))
    by_orcid = runner.invoke(cli, ["author", "https://orcid.org/0000-0002-1825-0097"])
    assert by_orcid.exit_code == 0, by_orcid.output
    lines = by_orcid.stdout.splitlines()
    assert lines[:2] == [
        "Ana Costa [ana-costa]  ORCID iD 0000-0002-1825-0097",
        "5 paper(s); 1 open finding(s)",
    ]
    assert "2024  Paper 4" in lines  # the newest year; the title's markup taken out
    assert "  Conceptualization  lead           -         yes   -          -" in lines
    assert lines[lines.index("Name as printed (each spelling once):") + 1 :][:2] == [
        "  Ana Costa  5 of 5 papers: team's record 5, JATS 4",
        "  Ána Costa  10.5555/paper.0 (JATS); differs: [-A-]{+Á+}na Costa",
    ]
    assert runner.invoke(cli, ["author", "costa"]).stdout == by_orcid.stdout
    statement = runner.invoke(cli, ["author", "ana-costa", "--format", "statement"]).stdout
    assert statement.splitlines()[2:4] == [
        "- 2024. Paper 4. https://doi.org/10.5555/paper.4",
        "  Conceptualization (lead)",
    ]
    assert statement.splitlines()[-1] == "Roles across 5 paper(s): Conceptualization (5)."


def test_the_index_follows_the_records(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    store = _five_papers(tmp_path / "records")
    monkeypatch.setenv("CREDIT_TRACKER_RECORDS", str(store.root))
    index = RecordsIndex(store)
    assert index.dois_of("bo-berg") == [f"10.5555/paper.{n}" for n in range(5)]
    # an article changes: only its shard is read again, and the person's papers follow
    with store.transaction() as records:
        records.articles["10.5555/paper.2"].authors.pop()
    assert RecordsIndex(store).dois_of("bo-berg") == [
        "10.5555/paper.0",
        "10.5555/paper.1",
        "10.5555/paper.3",
        "10.5555/paper.4",
    ]
    # the team file changes: a spelling she accepts is then no difference
    accepted = runner.invoke(cli, ["person", "add-spelling", "ana-costa", "Ána Costa"])
    assert accepted.exit_code == 0, accepted.output
    text = runner.invoke(cli, ["author", "ana-costa"]).stdout
    assert "  Ána Costa  10.5555/paper.0 (JATS)\n" in text
    assert "differs" not in text
    # the index is derived: removed, it is built again, and git never sees it
    assert (store.root / ".index" / ".gitignore").read_text() == "*\n"
    for path in sorted((store.root / ".index").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    assert runner.invoke(cli, ["author", "ana-costa"]).stdout == text


def test_author_finds_team_members_unless_asked_for_co_authors(
    runner: CliRunner, example_records: Path
) -> None:
    assert runner.invoke(cli, ["person", "unset-member", "eleanor-monks"]).exit_code == 0
    for query in ("Eleanor Monks", "eleanor-monks", "Monks"):
        refused = runner.invoke(cli, ["author", query])
        assert refused.exit_code == 2, (query, refused.output)
        assert "no team member matches" in refused.stderr
        assert "eleanor-monks (Eleanor Monks) (not team members; --co-authors finds them)" in (
            refused.stderr
        )
        shown = runner.invoke(cli, ["author", query, "--co-authors"])
        assert shown.exit_code == 0 and shown.stdout.startswith("Eleanor Monks [eleanor-monks]")
    # a member is found by id and by name, as before
    assert runner.invoke(cli, ["author", "jane-illes"]).exit_code == 0
    assert runner.invoke(cli, ["author", "Jane Illes"]).stdout == ILLES

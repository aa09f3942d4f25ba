"""Several staff, one set of records: clones of one repository merge the records by key, with
real git (tests/clones.py) and the commands through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store
from tests.clones import Clone, Office, isolate_git
from tests.conftest import DATA, FIXTURES, ROOT

TENZING = FIXTURES / "tenzing" / "contributors_table_example.csv"  # Smith, Kovacs, Luthor
AIMMS = ROOT / "records" / "sources" / "aimms-mentoring.contributors.csv"  # 15 others
ONE, TWO = "10.5555/tenzing-example", "10.5555/aimms-mentoring-2025"


@pytest.fixture
def office(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Office:
    isolate_git(monkeypatch)
    return Office(tmp_path / "office", runner)


def _team(clone: Clone) -> dict:
    return json.loads((clone.records / "team.json").read_text(encoding="utf-8"))


def test_two_staff_edit_apart_and_the_pull_merges_without_a_hand_edit(office: Office) -> None:
    """The issue's case: A imports one article and adds a spelling to one person; B imports
    another and makes another person a member; B pushes; A pulls."""
    a = office.start("a")
    b = office.clone("b")
    a.ct("records", "import", ONE, str(TENZING))
    a.ct("person", "add-spelling", "Lex W Luthor", "Lex Luthor")
    a.commit("one article")
    b.ct("records", "import", TWO, str(AIMMS))
    b.ct("person", "set-member", "Jane Illés")
    b.commit("another article")
    assert b.push()
    pulled = a.pull()
    assert (pulled.code, pulled.conflicted) == (0, []), pulled.output
    # what both did, as if one person had done it all in one folder
    one = Clone(office.folder / "one", a.runner)
    one.ct("init")
    one.ct("records", "import", ONE, str(TENZING))
    one.ct("person", "add-spelling", "Lex W Luthor", "Lex Luthor")
    one.ct("records", "import", TWO, str(AIMMS))
    one.ct("person", "set-member", "Jane Illés")
    assert a.check() == one.check()
    assert _team(a) == _team(one)
    assert a.ct("records", "list").stdout.count("10.5555/") == 2
    # nothing the tool keeps beside the records was committed
    tracked = a.git("ls-files").stdout.split()
    assert not [f for f in tracked if f.endswith((".bak", ".tmp", ".lock")) or ".index/" in f]
    assert "records/.gitattributes" in tracked and "records/.gitignore" in tracked
    assert a.git("status", "--porcelain").stdout == ""


def _add_person(clone: Clone, given: str, family: str) -> None:
    table = clone.path.parent / f"{clone.path.name}-{family}.synthetic.csv"
    header = TENZING.read_text(encoding="utf-8").splitlines()[0]
    cells = ["1", given, "NA", family, *["FALSE"] * 14, *["NA"] * 5, "NA", "FALSE", "NA"]
    table.write_text(f"{header}\n{','.join(cells)}\n", encoding="utf-8")
    clone.ct("records", "import", f"10.5555/{family.lower()}", str(table))


def test_people_added_on_adjacent_lines_merge_with_the_driver_and_not_without(
    office: Office,
) -> None:
    """Sorted keys put two new people on neighbouring lines of team.json: git's own line merge
    refuses that; the records' driver merges by key."""
    a = office.start("a")
    _add_person(a, "Ana", "Alwan")
    _add_person(a, "Cy", "Costa")
    a.commit("two people")
    assert a.push()
    b = office.clone("b")
    plain = office.clone("plain", setup=False)  # a clone nobody ran git-setup in
    for clone, given, family in ((a, "Bo", "Berg"), (b, "Bea", "Baker"), (plain, "Bea", "Baker")):
        _add_person(clone, given, family)  # 'bea-baker' and 'bo-berg': between alwan and costa
        clone.commit(f"{given} {family}")
    assert a.push()
    pulled = b.pull()
    assert (pulled.code, pulled.conflicted) == (0, []), pulled.output
    assert {"ana-alwan", "bea-baker", "bo-berg", "cy-costa"} <= set(_team(b)["people"])
    without = plain.pull()
    assert "records/team.json" in without.conflicted  # git's line merge: a conflict no edit made


def test_the_same_field_changed_on_both_sides_stops_the_merge_with_one_line(
    office: Office,
) -> None:
    a = office.start("a")
    a.ct("records", "import", ONE, str(TENZING))
    a.commit("one article")
    assert a.push()
    b = office.clone("b")
    a.ct("person", "set-orcid", "Marton Kovacs", "0000-0002-1825-0097")
    a.ct("person", "add-spelling", "Lex W Luthor", "Lex Luthor")
    a.commit("Kovacs's iD as his page gives it")
    b.ct("person", "set-orcid", "Marton Kovacs", "0000-0001-5109-3700")
    b.ct("person", "set-member", "John Mohammad Smith")
    b.commit("Kovacs's iD as his CV gives it")
    assert b.push()
    pulled = a.pull()
    assert pulled.code != 0 and pulled.conflicted == ["records/team.json"]
    assert pulled.driver_lines() == [
        "credit-tracker: records/team.json: people marton-kovacs: field orcid changed on both "
        'sides; kept "0000-0002-1825-0097", the other side has "0000-0001-5109-3700"'
    ]
    # the file is this side's value there, and everything else merged
    people = _team(a)["people"]
    assert people["marton-kovacs"]["orcid"] == "0000-0002-1825-0097"
    assert people["lex-w-luthor"]["accepted_spellings"] == ["Lex Luthor"]
    assert people["john-mohammad-smith"].get("team_member", True) is True
    # the office decides: here, the other side's iD; then the merge is committed
    a.ct("person", "set-orcid", "Marton Kovacs", "0000-0001-5109-3700")
    a.git("add", "records/team.json")
    a.git("commit", "--quiet", "--no-edit")
    assert a.push()
    assert _team(a)["people"]["marton-kovacs"]["orcid"] == "0000-0001-5109-3700"


def test_a_version_that_is_not_a_records_file_is_refused_in_one_line(office: Office) -> None:
    a = office.start("a")
    b = office.clone("b")
    _add_person(a, "Ana", "Alwan")
    a.commit("Ana")
    team = b.records / "team.json"
    team.write_text(team.read_text(encoding="utf-8").replace('"people": {', '"people": {,'))
    b.commit("a hand edit gone wrong")
    assert b.push()
    ours = (a.records / "team.json").read_bytes()
    pulled = a.pull()
    assert pulled.conflicted == ["records/team.json"]
    (line,) = [line for line in pulled.output.splitlines() if "credit-tracker" in line]
    assert line.startswith(
        "credit-tracker: error: cannot merge by key: records/team.json (the other side's "
        "version):4:14: not valid JSON (Expecting property name enclosed in double quotes)"
    )
    assert line.endswith("; merge it by hand")
    assert (a.records / "team.json").read_bytes() == ours  # left as this side's, for a hand merge


def test_snapshot_histories_fetched_in_two_clones_merge_as_their_union(office: Office) -> None:
    pone = "10.1371/journal.pone.0185809"
    a = office.start("a")
    a.ct("records", "import", pone, str(TENZING))
    a.commit("one article")
    assert a.push()
    b = office.clone("b")
    xml = FIXTURES / "allofplos" / "journal.pone.0185809.xml"
    a.ct("fetch", pone, "--jats", str(xml))
    a.commit("its JATS")
    statement = b.path.parent / "statement.txt"
    statement.write_text("Marton Kovacs: Conceptualization. John Smith: Data curation.\n")
    b.ct("fetch", pone, "--statement", str(statement))
    b.commit("its statement")
    assert b.push()
    pulled = a.pull()
    assert (pulled.code, pulled.conflicted) == (0, []), pulled.output
    history = Store(a.records).load().snapshots[pone]
    assert [shot.source.value for shot in history] == ["jats", "statement"]
    listed = a.ct("records", "list").stdout
    assert "jats ok" in listed and "statement ok" in listed


def test_git_setup_is_refused_outside_a_work_tree_and_init_there_skips_it(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_git(monkeypatch)
    folder = tmp_path / "records"
    created = runner.invoke(cli, ["--records", str(folder), "init"])
    assert created.exit_code == 0 and not (folder / ".gitattributes").exists()
    refused = runner.invoke(cli, ["--records", str(folder), "git-setup"])
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"credit-tracker: error: {folder}: not inside a git work tree (or git is not "
        "installed); clone the records' repository, or run 'git init' there, first\n"
    )


def test_git_setup_keeps_the_lines_a_clone_had_and_adds_only_what_is_missing(
    office: Office,
) -> None:
    a = office.start("a")
    ignore = a.records / ".gitignore"
    ignore.write_text("exports/\n*.bak\n", encoding="utf-8")
    again = a.ct("git-setup")
    assert ignore.read_text(encoding="utf-8") == (
        "exports/\n*.bak\n\n# written by credit-tracker git-setup: beside the records, never "
        "committed\n.lock\n*.tmp\n.index/\n"
    )
    assert f"{a.records / '.gitattributes'}: already in place" in again.stderr
    assert "merge.credit-tracker.driver: already set in this clone" in again.stderr
    attributes = a.git("check-attr", "merge", "records/team.json", "records/articles/abc.json")
    assert attributes.stdout.splitlines() == [
        "records/team.json: merge: credit-tracker",
        "records/articles/abc.json: merge: credit-tracker",
    ]
    assert a.git("check-attr", "merge", "records/sources/x.json").stdout.endswith("unspecified\n")


def test_the_driver_refuses_a_file_it_does_not_merge(tmp_path: Path, runner: CliRunner) -> None:
    versions = []
    for side in ("base", "ours", "theirs"):
        versions.append(tmp_path / side)
        versions[-1].write_text("{}\n", encoding="utf-8")
    result = runner.invoke(cli, ["merge-driver", *map(str, versions), "records/notes.json"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "credit-tracker: error: records/notes.json: not a records file credit-tracker merges"
    )


def test_a_clone_not_yet_rewritten_merges_with_one_that_is(
    tmp_path: Path, runner: CliRunner
) -> None:
    """One clone has run the new version (its files rewritten with stable keys), the other not
    yet: the driver reads both forms and writes the current one."""
    old = DATA / "store-counter-keys.derived" / "records"
    base, theirs = tmp_path / "base.json", tmp_path / "theirs.json"
    shutil.copy(old / "team.json", base)
    upgraded = tmp_path / "upgraded"
    shutil.copytree(old, upgraded)
    runner.invoke(
        cli, ["--records", str(upgraded), "person", "add-spelling", "Kovacs", "M. Kovacs"]
    )
    ours = upgraded / "team.json"
    assert '"marton-kovacs": {' in ours.read_text(encoding="utf-8")
    earlier = json.loads(base.read_text(encoding="utf-8"))
    (smith,) = [d for d in earlier["people"].values() if d["id"] == "john-mohammad-smith"]
    smith["orcid"] = "0000-0002-1694-233X"
    theirs.write_text(json.dumps(earlier, indent=2) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["merge-driver", str(base), str(ours), str(theirs), "team.json"])
    assert result.exit_code == 0, result.output
    people = json.loads(ours.read_text(encoding="utf-8"))["people"]
    assert all(key == doc["id"] for key, doc in people.items())
    assert people["marton-kovacs"]["accepted_spellings"] == ["M. Kovacs"]
    assert people["john-mohammad-smith"]["orcid"] == "0000-0002-1694-233X"

"""Records folders written by earlier versions: read and checked as then, rewritten once in the
current form (every document under its own key, snapshot problems by kind), and never again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.errors import StoreError
from credit_tracker.domain.problems import Note, TranslationDiffers, Unread
from credit_tracker.store.folder import Store
from tests.conftest import DATA

V0_1_0 = DATA / "store-v0.1.0.derived"  # see its NOTE.md: problems as text, counter keys
COUNTERS = DATA / "store-counter-keys.derived"  # see its NOTE.md: every table, counter keys
EARLIER = [V0_1_0, COUNTERS]
KEYS = {"people": "id", "acknowledgements": "finding_id", "publishers": "id", "corrections": "id"}


def _copy(tmp_path: Path, fixture: Path = V0_1_0) -> Path:
    folder = tmp_path / "records"
    shutil.copytree(fixture / "records", folder)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.json"))
        if not p.name.startswith(".")
    }


def _check(runner: CliRunner, folder: Path) -> dict:
    args = ["--records", str(folder), "check", "--format", "json", "--as-of", "2026-03-01"]
    result = runner.invoke(cli, [*args, "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # the coverage line's counts came later; everything the version reported is reported the same
    assert set(report.pop("roles_compared")) == {
        "articles",
        "compared",
        "confirmed",
        "waiting",
        "never_asked",
        "no_role_source",
    }
    # what the earlier versions did not report: where each article's roles could be read (their
    # snapshots record neither where they were read nor the publisher's name)
    coverage = report.pop("coverage")
    assert coverage["total"]["articles"] == report["summary"]["articles"]
    return report


def _a_member(folder: Path) -> str:
    team = json.loads((folder / "team.json").read_text(encoding="utf-8"))
    return next(doc["id"] for doc in team["people"].values() if doc.get("team_member", True))


@pytest.mark.parametrize("fixture", EARLIER, ids=lambda f: f.name)
def test_an_earlier_store_is_checked_as_its_version_checked_it_and_left_as_it_is(
    tmp_path: Path, runner: CliRunner, fixture: Path
) -> None:
    folder = _copy(tmp_path, fixture)
    before = _files(folder)
    expected = json.loads((fixture / "check.json").read_text(encoding="utf-8"))
    assert _check(runner, folder) == expected
    assert _files(folder) == before  # a check only reads: nothing is rewritten


@pytest.mark.parametrize("fixture", EARLIER, ids=lambda f: f.name)
def test_an_earlier_store_is_rewritten_once_by_the_first_command_that_writes(
    tmp_path: Path, runner: CliRunner, fixture: Path
) -> None:
    folder = _copy(tmp_path, fixture)
    member = _a_member(folder)
    first = runner.invoke(cli, ["--records", str(folder), "person", "set-member", member])
    assert first.exit_code == 0, first.output
    (said,) = [line for line in first.stderr.splitlines() if "earlier version" in line]
    shards = len(list((folder / "articles").glob("*.json")))
    shards += len(list((folder / "snapshots").glob("*.json")))
    assert said == (
        f"credit-tracker: {folder}: written by an earlier version; rewritten once in the "
        "current form (each record under its own key, problems by kind): "
        f"{shards + 2} file(s), to commit together"
    )
    # every document under the key of what it is, never a counter
    team = json.loads((folder / "team.json").read_text(encoding="utf-8"))
    assert any(team.values())
    for table, key in KEYS.items():
        assert all(name == doc[key] for name, doc in team[table].items())
    for kind, table in (("articles", "articles"), ("snapshots", "snapshots")):
        for shard in (folder / kind).glob("*.json"):
            docs = json.loads(shard.read_text(encoding="utf-8"))[table]
            assert docs and all(doi == doc["doi"] for doi, doc in docs.items())
    assert json.loads((folder / "format.json").read_text(encoding="utf-8")) == {"format": 2}
    # what the records say is unchanged; a second command rewrites nothing and says nothing
    expected = json.loads((fixture / "check.json").read_text(encoding="utf-8"))
    assert _check(runner, folder) == expected
    after = _files(folder)
    again = runner.invoke(cli, ["--records", str(folder), "person", "set-member", member])
    assert again.exit_code == 0 and "earlier version" not in again.stderr
    assert _files(folder) == after


def test_its_problems_are_read_by_kind(tmp_path: Path) -> None:
    """The text 0.1.0 stored is read once, into the kind of problem it is."""
    records = Store(_copy(tmp_path)).load()
    (history,) = records.snapshots.values()
    read = [(type(p), getattr(p, "position", None)) for s in history for p in s.problems]
    assert read == [
        (TranslationDiffers, None),  # the translation lacks an author: about no one
        (TranslationDiffers, 1),
        (Note, None),
        (Unread, None),
        (Unread, None),
    ]
    assert history[1].problems[0].text.startswith("the pt translation lists Resources")


def test_once_rewritten_the_problems_are_stored_by_kind_and_read_back_the_same(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path)
    before = Store(folder).load().snapshots
    with Store(folder).locked():
        pass
    (shard,) = (folder / "snapshots").glob("*.json")
    (stored,) = json.loads(shard.read_text(encoding="utf-8"))["snapshots"].values()
    kinds = [p["kind"] for entry in stored["history"] for p in entry.get("problems", [])]
    assert kinds == ["translation", "translation", "note", "unread", "unread"]
    assert stored["history"][1]["problems"][0]["position"] == 1
    assert Store(folder).load().snapshots == before


def test_a_folder_a_newer_version_wrote_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    store = Store(tmp_path / "records")
    store.init()
    store.format_path.write_text('{"format": 3}\n', encoding="utf-8")
    before = _files(store.root)
    with pytest.raises(StoreError, match=r"format.json: these records are in form 3, .* newer"):
        store.load()
    with pytest.raises(StoreError, match="upgrade credit-tracker"), store.locked():
        pass
    assert _files(store.root) == before

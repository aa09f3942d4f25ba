"""The harvest remembers: rejected and removed works stay away, preprints sit under their
article, other kinds of work are listed apart; through the CLI against the stand-in's real
Crossref records of Carl Boettiger's works (tests/data/fixtures/SOURCES.md, habanero)."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store

BOETTIGER = "0000-0002-1642-628X"
DATASET = "10.32614/cran.package.rfishbase"  # type 'dataset'
ARTICLE = "10.1111/2041-210x.13440"  # a journal article carrying his iD
PREPRINT = "10.1101/014852"  # posted-content: 'is-preprint-of' ECE
ECE = "10.1002/ece3.2314"  # the article: 'has-preprint' PREPRINT


def _run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args), env={"CREDIT_TRACKER_BACKOFF": "0"})


def _listed(runner: CliRunner) -> list[dict]:
    result = _run(runner, "harvest", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def team(standin, runner: CliRunner, records_dir: Path) -> Path:
    """One member, named by his ORCID iD when his first article is added."""
    added = _run(runner, "records", "add", "--quiet", "10.1111/ele.14024", "--members", BOETTIGER)
    assert added.exit_code == 0, added.output
    return records_dir


def test_a_rejected_work_never_comes_back_and_the_note_is_kept(
    team: Path, runner: CliRunner
) -> None:
    before = [w["doi"] for w in _listed(runner)]
    assert DATASET in before and ARTICLE in before
    rejected = _run(
        runner,
        "harvest",
        "reject",
        DATASET,
        f"https://doi.org/{ARTICLE}",
        "--note",
        "software, not a paper",
    )
    assert rejected.exit_code == 0, rejected.output
    assert f"rejected {DATASET}: the harvest will not list it again" in rejected.stderr
    after = _run(runner, "harvest", "--format", "json")
    assert [w["doi"] for w in json.loads(after.stdout)] == [
        d for d in before if d not in (DATASET, ARTICLE)
    ]
    assert "2 rejected or removed before" in after.stderr
    kept = json.loads((team / "harvest.json").read_text(encoding="utf-8"))["works"][DATASET]
    assert kept["decision"] == "rejected" and kept["note"] == "software, not a paper"
    added = _run(runner, "harvest", "--add")
    assert DATASET not in Store(team).load().articles and ARTICLE not in Store(team).load().articles
    assert added.exit_code == 0


def test_a_tracked_work_cannot_be_rejected(team: Path, runner: CliRunner) -> None:
    refused = _run(runner, "harvest", "reject", "10.1111/ele.14024")
    assert refused.exit_code == 2
    assert "10.1111/ele.14024 is tracked; stop tracking it with" in refused.stderr
    assert not (team / "harvest.json").exists()


def test_a_removed_work_is_not_listed_as_new_again(team: Path, runner: CliRunner) -> None:
    assert _run(runner, "harvest", "--add").exit_code == 0
    assert ARTICLE in Store(team).load().articles
    removed = _run(runner, "records", "remove", ARTICLE)
    assert removed.exit_code == 0, removed.output
    assert ARTICLE not in [w["doi"] for w in _listed(runner)]
    kept = json.loads((team / "harvest.json").read_text(encoding="utf-8"))["works"][ARTICLE]
    assert kept["decision"] == "removed"


def test_accept_tracks_a_work_listed_apart_and_forgets_its_rejection(
    team: Path, runner: CliRunner
) -> None:
    _run(runner, "harvest", "reject", DATASET)
    accepted = _run(runner, "harvest", "accept", DATASET)
    assert accepted.exit_code == 0, accepted.output
    assert accepted.stderr.startswith(f"added {DATASET}")
    record = Store(team).load().articles[DATASET]
    assert record.draft and any(a.person == "carl-boettiger" for a in record.authors)
    assert DATASET not in json.loads((team / "harvest.json").read_text())["works"]
    assert DATASET not in [w["doi"] for w in _listed(runner)]


def _with_his_id_on_the_preprint(standin) -> None:
    """Derived from the real record: his ORCID iD put on his author entry of the preprint (the
    real one has none, so an iD query would not find it); its relation is Crossref's own."""
    work = copy.deepcopy(standin.catalogue.works[PREPRINT])
    work["author"][1]["ORCID"] = f"https://orcid.org/{BOETTIGER}"
    standin.catalogue.works[PREPRINT] = work


def test_a_preprint_naming_a_tracked_article_is_listed_under_it(
    team: Path, runner: CliRunner, standin, monkeypatch
) -> None:
    monkeypatch.setitem(standin.catalogue.works, PREPRINT, standin.catalogue.works[PREPRINT])
    _with_his_id_on_the_preprint(standin)
    assert PREPRINT in [w["doi"] for w in _listed(runner) if w["group"] == "other"]
    assert _run(runner, "records", "add", "--quiet", ECE).exit_code == 0
    works = _listed(runner)
    preprint = next(w for w in works if w["doi"] == PREPRINT)
    assert (preprint["group"], preprint["preprint_of"]) == ("preprint", ECE)
    text = _run(runner, "harvest").stdout.splitlines()
    line = next(line for line in text if line.startswith(PREPRINT))
    assert line.split("\t")[2] == f"preprint of: {ECE}"
    markdown = _run(runner, "harvest", "--format", "markdown").stdout
    assert "### Preprints of tracked articles (1)" in markdown
    added = _run(runner, "harvest", "--add")
    assert PREPRINT not in Store(team).load().articles and added.exit_code == 0


def test_a_tracked_articles_has_preprint_link_is_enough(
    team: Path, runner: CliRunner, standin, monkeypatch
) -> None:
    monkeypatch.setitem(standin.catalogue.works, PREPRINT, standin.catalogue.works[PREPRINT])
    _with_his_id_on_the_preprint(standin)
    del standin.catalogue.works[PREPRINT]["relation"]  # only the article names the preprint now
    assert _run(runner, "records", "add", "--quiet", ECE).exit_code == 0
    assert next(w for w in _listed(runner) if w["doi"] == PREPRINT)["group"] == "other"
    assert _run(runner, "fetch", ECE).exit_code in (0, 1)  # the article's record is read
    preprint = next(w for w in _listed(runner) if w["doi"] == PREPRINT)
    assert (preprint["group"], preprint["preprint_of"]) == ("preprint", ECE)


def test_harvest_with_nobody_to_harvest_for_says_how_to_name_them(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    result = _run(runner, "harvest")
    assert result.exit_code == 2
    assert "nothing to harvest: the records name no team member" in result.stderr
    assert "person set-member" in result.stderr and "records add --members" in result.stderr
    assert not standin.log  # Crossref was not asked


def test_the_csv_listing_has_the_json_fields(team: Path, runner: CliRunner) -> None:
    rows = list(csv.DictReader(io.StringIO(_run(runner, "harvest", "--format", "csv").stdout)))
    as_json = _listed(runner)
    assert [r["doi"] for r in rows] == [w["doi"] for w in as_json]
    dataset = next(r for r in rows if r["doi"] == DATASET)
    assert (dataset["group"], dataset["type"]) == ("other", "dataset")
    assert dataset["team_members"] == "carl-boettiger"

"""`records add`: onboarding a team from a list of DOIs, through the CLI against the stand-in."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.standin import Catalogue, Limits, StandIn
from credit_tracker.store.folder import Store

# Real PLOS works recorded in habanero's work list (tests/data/fixtures/SOURCES.md, 1a):
PLUIJM = "10.1371/journal.pbio.0050002"  # 17 authors, 'van der Pluijm', 'de Wit', no ORCID iDs
SHUM = "10.1371/journal.pone.0289221"  # 5 authors, 'Wäge-Recchioni', authenticated ORCID iDs
NOT_A_WORK = "10.1371/notarealdoi"  # Crossref answers 404 (recorded)
# A DOI list as offices paste them: links, 'doi:', upper case, a comment, a blank line.
DOI_LIST = (
    "# the team's articles, 2006-2023\n"
    f"https://doi.org/{PLUIJM}\r\n"
    "\n"
    f"doi:{SHUM.upper()}\n"
    f"  https://dx.doi.org/{PLUIJM}  \n"
)


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _add(runner: CliRunner, *args: str, stdin: str | None = None):
    return runner.invoke(
        cli, ["records", "add", "--quiet", *args], input=stdin, env={"CREDIT_TRACKER_BACKOFF": "0"}
    )


def test_a_list_of_dois_in_mixed_forms_is_onboarded_with_bylines_titles_and_members(
    standin, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    dois = tmp_path / "dois.txt"
    dois.write_text(DOI_LIST, encoding="utf-8")
    result = _add(runner, "--from", str(dois), "--members", "Ingrid van der Pluijm")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:2] == [
        f"added {PLUIJM} (2006) Impaired Genome Maintenance Suppresses the Growth Hormone–Insulin-"
        "Like Growth Factor 1 Axis in Mice with Cockayne Syndrome: 17 author(s); team: Ingrid van "
        "der Pluijm",
        f"added {SHUM} (2023) DNA metabarcoding reveals the dietary profiles of a benthic marine "
        "crustacean, Nephrops norvegicus: 5 author(s); no team member on it",
    ]
    assert "records add: 2 added, 0 already tracked, 0 not found" in result.stderr
    assert standin.counts.get("list") == 1 and not standin.counts.get("single")
    records = Store(records_dir).load()
    record = records.articles[PLUIJM]
    assert (record.journal, record.year, record.draft) == ("PLoS Biology", 2006, True)
    assert [a.printed.family_full for a in record.authors][:7:6] == ["van der Pluijm", "de Wit"]
    assert all(a.roles is None for a in record.authors)
    members = sorted(p.id for p in records.people.values() if p.team_member)
    assert members == ["ingrid-van-der-pluijm"]
    assert len(records.people) == 22  # every author is a person; only the one named a member
    shum = records.articles[SHUM]
    orcids = [records.people[a.person].orcid for a in shum.authors]
    assert sum(1 for orcid in orcids if orcid) >= 1  # ORCID iDs as registered, kept on people


def test_the_titles_are_shown_wherever_the_dois_are(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    _add(runner, PLUIJM, "--members", "van der Pluijm")
    title = "Impaired Genome Maintenance"
    listed = runner.invoke(cli, ["records", "list"]).stdout
    assert f"{PLUIJM}\t17 authors\tnever fetched\t(2006) {title}" in listed
    assert listed.rstrip().endswith("[draft: roles not recorded]")
    shown = runner.invoke(cli, ["records", "show", PLUIJM]).stdout.splitlines()
    assert shown[0].startswith(f"{PLUIJM}  {title}") and shown[0].endswith("(PLoS Biology, 2006)")
    assert shown[2] == "  1. Ingrid van der Pluijm [ingrid-van-der-pluijm]: roles not recorded"
    assert shown[3] == "  2. George A Garinis [george-a-garinis, co-author]: roles not recorded"
    person = runner.invoke(cli, ["person", "show", "Pluijm"]).stdout
    assert f"    {PLUIJM} (2006) {title}" in person and "team member: yes" in person


def test_already_tracked_dois_are_left_alone_and_unknown_ones_reported_with_exit_3(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    assert _add(runner, PLUIJM).exit_code == 0
    store = Store(records_dir)
    with store.transaction() as records:  # the team has edited the record since
        records.articles[PLUIJM].note = "checked by the office"
    before = store.load().articles[PLUIJM]
    result = _add(runner, SHUM, PLUIJM, NOT_A_WORK)
    assert result.exit_code == 3, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"added {SHUM} (2023) DNA metabarcoding")
    assert lines[1].startswith(f"already tracked: {PLUIJM} (2006) Impaired Genome")
    assert lines[2] == f"not added: {NOT_A_WORK}: Crossref has no record of this DOI (HTTP 404)"
    assert "records add: 1 added, 1 already tracked, 1 not found" in result.stderr
    after = store.load()
    assert after.articles[PLUIJM] == before  # left alone
    assert NOT_A_WORK not in after.articles and SHUM in after.articles


def test_a_list_on_standard_input(standin, runner: CliRunner, records_dir: Path) -> None:
    result = _add(runner, "--from", "-", stdin=f"{SHUM}\n")
    assert result.exit_code == 0, result.output
    assert SHUM in Store(records_dir).load().articles


@pytest.mark.parametrize(
    ("text", "members", "error"),
    [
        (
            f"{PLUIJM}\n10.1371\n",
            (),
            "{file}:2: DOI: '10.1371' is not a DOI: it has no suffix after the '/'",
        ),
        (
            f"{PLUIJM}\nhttps://example.org/{SHUM}\n",
            (),
            "{file}:2: DOI: 'https://example.org/10.1371/journal.pone.0289221' is not a DOI",
        ),
        (f"{PLUIJM}\n", ("Nobody Atall",), "--members: 'Nobody Atall' is on none of these"),
        (
            f"{PLUIJM}\n",
            ("0000-0002-1825-0098",),
            "--members: '0000-0002-1825-0098' is not a valid",
        ),
        (f"{PLUIJM}\n", ("de Wit;Jan",), "--members: 'Jan' is on none of these articles"),
    ],
)
def test_bad_input_is_refused_whole_in_one_line(
    text: str,
    members: tuple[str, ...],
    error: str,
    standin,
    runner: CliRunner,
    records_dir: Path,
    tmp_path: Path,
) -> None:
    dois = tmp_path / "dois.txt"
    dois.write_text(text, encoding="utf-8")
    before = _tree(records_dir)
    args = ["--from", str(dois)] + [arg for m in members for arg in ("--members", m)]
    result = _add(runner, *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "credit-tracker: error: " + error.replace("{file}", str(dois))
    ), lines
    assert _tree(records_dir) == before


def test_members_are_linked_by_orcid_then_name_and_co_authors_are_not_harvested(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    shum_authors = standin.catalogue.works[SHUM]["author"]
    with_orcid = next(a for a in shum_authors if a.get("ORCID"))
    orcid = with_orcid["ORCID"].rsplit("/", 1)[-1]
    result = _add(runner, SHUM, "--members", orcid)
    assert result.exit_code == 0, result.output
    records = Store(records_dir).load()
    members = [p for p in records.people.values() if p.team_member]
    assert [(p.orcid, p.name.family) for p in members] == [(orcid, with_orcid["family"])]
    harvested = runner.invoke(cli, ["harvest", "--format", "json"])
    assert harvested.exit_code == 0, harvested.output
    asked = [path for kind, path in standin.log if "orcid" in path]
    assert asked and all(orcid in path for path in asked)  # only the member's iD is asked for
    others = {p.orcid for p in records.people.values() if p.orcid and not p.team_member}
    assert not any(other in path for other in others for path in asked)
    assert all(work["doi"] != SHUM for work in json.loads(harvested.stdout))


def test_a_thousand_dois_respect_crossrefs_announced_limits(
    catalogue: Catalogue, runner: CliRunner, records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit itself, never the clock: the stand-in counts requests beyond 3/s or 3 at once."""
    server = StandIn(
        catalogue,
        limits=Limits(rate={"list": 3, "single": 10}, concurrency=3),
        enforce=True,
        synthetic_prefix="10.5555/synthetic.",
    )
    with server:
        for name, value in server.base_urls().items():
            monkeypatch.setenv(name, value)
        dois = "".join(f"10.5555/synthetic.{n}\n" for n in range(150))
        result = _add(runner, "--from", "-", stdin=dois)
    assert result.exit_code == 0, result.output
    assert server.violations == 0
    assert server.counts == {"list": 3}  # 50 DOIs a list query, nothing asked singly
    assert len(Store(records_dir).load().articles) == 150


def test_fetch_can_fill_titles_with_the_same_rule(catalogue: Catalogue) -> None:
    """fill_metadata: what fetch is to call for each article Crossref answered for (pure)."""
    from credit_tracker.domain.models import ArticleRecord
    from credit_tracker.edits.works import fill_metadata
    from credit_tracker.parse.crossref import metadata_of, parse_work

    message = catalogue.works[PLUIJM]
    metadata = metadata_of(message, parse_work(message))
    bare = ArticleRecord(doi=PLUIJM, authors=[])
    assert fill_metadata(bare, metadata) == [
        f"title: {metadata.title}",
        "journal: PLoS Biology",
        "year: 2006",
    ]
    typed = ArticleRecord(doi=PLUIJM, title="The team's own title", authors=[])
    assert fill_metadata(typed, metadata) == ["journal: PLoS Biology", "year: 2006"]
    assert typed.title == "The team's own title"  # what the team typed is never overwritten
    assert fill_metadata(typed, metadata) == []


def test_when_crossref_cannot_answer_nothing_is_added_and_the_run_exits_3(
    standin, runner: CliRunner, records_dir: Path
) -> None:
    standin.inject("503", where="list", times=-1)
    result = _add(runner, PLUIJM, SHUM)
    assert result.exit_code == 3, result.output
    lines = result.stderr.splitlines()
    assert [line.split(": could not look it up")[0] for line in lines[:2]] == [
        f"not added: {PLUIJM}",
        f"not added: {SHUM}",
    ]
    assert "HTTP 503" in lines[0] or "stopped" in lines[0]
    assert "records add: 0 added, 0 already tracked, 0 not found, 2 could not be looked up" in (
        result.stderr
    )
    assert Store(records_dir).load().articles == {}

"""A research office's day, 30 articles, as one run of commands with no hand edit: onboard from a
DOI list with members named by ORCID iD and by name, harvest with rejects, fetch, review, draft
and send a correction request, see it go stale and send a reminder.

The stand-in replays real recorded Crossref answers (habanero's, rcrossref's, ... cassettes: Carl
Boettiger's works, PLOS articles) and real PLOS JATS XML (allofplos), as listed in
tests/data/fixtures/SOURCES.md; the only invented input is the DOI list and the roles the office
records for one author.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.credit import ROLES
from credit_tracker.domain.models import SourceKind
from credit_tracker.store.folder import Store

BOETTIGER = "0000-0002-1642-628X"
BOETTIGERS = [  # his 16 articles in the recorded works, six of them registered without his iD
    "10.1002/ece3.2314",
    "10.1007/s12080-013-0192-6",
    "10.1007/s12080-020-00477-4",
    "10.1111/1365-2664.14881",
    "10.1111/2041-210x.12469",
    "10.1111/2041-210x.13440",
    "10.1111/2041-210x.13501",
    "10.1111/2041-210x.13954",
    "10.1111/2041-210x.14013",
    "10.1111/2041-210x.14070",
    "10.1111/ele.13085",
    "10.1111/ele.13828",
    "10.1111/ele.14024",
    "10.1111/geb.13950",
    "10.1111/j.2041-210x.2012.00247.x",
    "10.1177/2053951719836258",
]
HALLMANN = "10.1371/journal.pone.0185809"  # PLOS: its JATS states CRediT roles
OTHERS = [
    HALLMANN,
    "10.1371/journal.pbio.0050002",
    "10.1371/journal.pone.0289221",
    "10.1007/s11192-025-05390-3",
    "10.1016/j.baae.2011.06.006",
    "10.1038/ng.3834",
    "10.1038/nnano.2014.279",
    "10.1136/esmoopen-2020-000776",
    "10.1136/jclinpath-2020-206745",
    "10.1162/qss_a_00348",
    "10.1371/journal.pbio.0040156",
    "10.1371/journal.pgen.1003333",
    "10.1371/journal.pntd.0003341",
    "10.1371/journal.pone.0020476",
]
DATASET = "10.32614/cran.package.rfishbase"
PREPRINTS = ["10.1101/055319", "10.1101/722215"]


def _run(runner: CliRunner, *args: str, code: int | tuple[int, ...] = 0):
    result = runner.invoke(cli, list(args), env={"CREDIT_TRACKER_BACKOFF": "0"})
    codes = code if isinstance(code, tuple) else (code,)
    assert result.exit_code in codes, (args, result.output)
    return result


def _json(runner: CliRunner, *args: str, code: int | tuple[int, ...] = 0):
    return json.loads(_run(runner, *args, "--format", "json", code=code).stdout)


def test_thirty_articles_from_a_doi_list_to_a_reminder(
    fast_xml, runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    dois = BOETTIGERS + OTHERS
    assert len(dois) == 30
    listed = tmp_path / "dois.txt"
    listed.write_text("".join(f"https://doi.org/{doi}\n" for doi in dois), encoding="utf-8")

    # 1. onboard: one member named by ORCID iD, one by name (written 'Family, Given')
    added = _run(
        runner,
        "records",
        "add",
        "--quiet",
        "--from",
        str(listed),
        "--members",
        f"{BOETTIGER};Lapeyrolerie, Marcus",
    )
    assert "records add: 30 added, 0 already tracked, 0 not found" in added.stderr
    people = _json(runner, "person", "list", "--members")
    assert [(p["id"], p["orcid"] is not None) for p in people] == [
        ("carl-boettiger", True),
        ("marcus-lapeyrolerie", True),  # named by name: the iD Crossref registers is kept
    ]
    records = Store(records_dir).load()
    on = {a.person for d in BOETTIGERS for a in records.articles[d].authors}
    assert "carl-boettiger" in on and not any(p.startswith("carl-boettiger-") for p in on)

    # 2. harvest: the members' other works, listed apart; the office rejects them all
    works = _json(runner, "harvest")
    assert sorted(w["doi"] for w in works) == sorted([DATASET, *PREPRINTS])
    assert {w["group"] for w in works} == {"other"}
    _run(runner, "harvest", "reject", DATASET, "--note", "an R package, not a paper")
    _run(runner, "harvest", "reject", *PREPRINTS, "--note", "preprints of tracked articles")
    assert _json(runner, "harvest") == []
    _run(runner, "records", "remove", "10.1111/ele.13085")  # not the team's after all
    again = _run(runner, "harvest", "--add")
    assert "harvest: 0 new work(s), 0 listed apart, 4 rejected or removed before" in again.stderr
    assert len(Store(records_dir).load().articles) == 29

    # 3. fetch everything (Crossref in batches, the PLOS article's JATS)
    fetched = _run(runner, "fetch", "--quiet")
    assert "fetch: 29 fetched" in fetched.stderr

    # 4. review: the office records one author's roles; the publisher's JATS leaves one out
    records = Store(records_dir).load()
    first = records.articles[HALLMANN].authors[0]
    jats = next(s for s in records.snapshots[HALLMANN] if s.source is SourceKind.JATS)
    stated = [r.role for r in jats.authors[0].roles or [] if r.role]
    missing = next(role for role in ROLES if role.slug not in stated)
    labels = [role.label for role in ROLES if role.slug in stated]
    _run(runner, "records", "set-roles", HALLMANN, first.person, *labels, missing.label)
    report = _json(runner, "check", "--as-of", "2026-10-01", code=1)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert [(f["doi"], f["rule"]) for f in errors] == [
        ("10.1038/ng.3834", "author-extra"),  # the GTEx Consortium: a group author on the byline
        (HALLMANN, "role-missing"),
    ]
    assert "GTEx Consortium" in errors[0]["message"]
    assert missing.label in errors[1]["message"]
    _run(runner, "ack", errors[0]["id"], "--note", "a consortium, not a person")
    _run(runner, "ack", "--rule", "roles-not-recorded", "--note", "roles still to be collected")

    # 5. request the correction and send it
    letter = tmp_path / "request.eml"
    _run(runner, "correction", "draft", HALLMANN, "--output", str(letter))
    assert "Content-Transfer-Encoding: 8bit" in letter.read_text(encoding="utf-8")
    _run(runner, "correction", "mark", HALLMANN, "sent", "--date", "2026-10-01")
    pending = _run(runner, "check", "--as-of", "2026-10-15", "--fail-on", "error")
    assert "1 pending correction" in pending.stdout.splitlines()[-1]

    # 6. two months on, it is stale: every face says so, and the office sends a reminder
    (request,) = _json(runner, "correction", "list", "--as-of", "2026-12-15")
    assert (request["id"], request["state"], request["stale_on"]) == (
        HALLMANN,
        "stale",
        "2026-12-01",
    )
    stale = _run(runner, "check", "--as-of", "2026-12-15", "--fail-on", "error", code=1)
    assert "[request sent 2026-10-01, stale after 60 days: send a reminder]" in stale.stdout
    _run(
        runner, "correction", "mark", HALLMANN, "sent", "--date", "2026-12-15", "--note", "reminder"
    )
    (reminded,) = _json(runner, "correction", "list", "--as-of", "2026-12-20")
    assert (reminded["state"], reminded["sent"], reminded["stale_on"]) == (
        "sent",
        "2026-12-15",
        "2027-02-14",
    )
    after = _run(runner, "check", "--as-of", "2026-12-20", "--fail-on", "error")
    assert after.stdout.splitlines()[-1].endswith("; 1 pending correction; 30 acknowledged")

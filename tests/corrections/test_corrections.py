"""Correction requests: their types, their life cycle, publishers; statements for submission."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import SourceRole
from credit_tracker.parse.jats import parse_jats
from credit_tracker.store.folder import Store

AIMMS = "10.5555/aimms-mentoring-2025"


def _draft(runner: CliRunner, *args: str):
    result = runner.invoke(cli, ["correction", "draft", AIMMS, *args])
    assert result.exit_code == 0, result.output
    return result


def test_request_types(runner: CliRunner, example_records: Path) -> None:
    store = Store(example_records)
    with store.transaction() as records:
        records.people["jane-illes"].former_names.append("Jane Kowalczyk")
        statement = records.snapshots[AIMMS][1]
        records.snapshots[AIMMS][1] = statement.model_copy(
            update={"authors": [statement.authors[0].model_copy(update={"raw": "Jane Kowalczyk"})]}
        )
        jats = records.snapshots[AIMMS][0]
        illes = jats.authors[3].model_copy(
            update={
                "roles": [
                    SourceRole(role="conceptualization", label="Conceptualization"),
                    SourceRole(role="writing-review-editing", label="Writing – review & editing"),
                ]
            }
        )
        records.snapshots[AIMMS][0] = jats.model_copy(
            update={"authors": [*jats.authors[:3], illes, *jats.authors[4:]]}
        )
    text = _draft(runner).stdout
    assert "Type of request: Confidential name change" in text
    assert "without publishing a" in text and "correction notice" in text
    assert "Kowalczyk" not in text
    assert "[ ]" not in text  # no change to the contributions: no confirmations needed


def test_life_cycle_and_resolution_by_a_later_fetch(
    runner: CliRunner, example_records: Path
) -> None:
    _draft(runner, "--author", "jane-illes")
    assert (
        runner.invoke(
            cli,
            [
                "correction",
                "mark",
                AIMMS,
                "sent",
                "--author",
                "jane-illes",
                "--date",
                "2025-06-01",
                "--note",
                "ticket 1",
            ],
        ).exit_code
        == 0
    )
    listed = runner.invoke(cli, ["correction", "list", "--as-of", "2025-12-01"]).stdout
    assert listed == (
        "10.5555/aimms-mentoring-2025#jane-illes\tstale\tmetadata, contributions\tsent "
        "2025-06-01, 183 days ago, and nothing has changed: 3 of 3 errors still open\n"
    )
    assert (
        runner.invoke(
            cli,
            [
                "correction",
                "mark",
                AIMMS,
                "acknowledged",
                "--author",
                "jane-illes",
                "--date",
                "2025-06-03",
            ],
        ).exit_code
        == 0
    )
    # the publisher fixes both: a later fetch stores new snapshots
    store = Store(example_records)
    with store.transaction() as records:
        jats, statement = records.snapshots[AIMMS]
        later = jats.fetched_at + timedelta(days=40)
        illes = jats.authors[3].model_copy(
            update={
                "roles": [
                    SourceRole(role="conceptualization", label="Conceptualization"),
                    SourceRole(role="writing-review-editing", label="Writing – review & editing"),
                ]
            }
        )
        fixed_jats = jats.model_copy(
            update={
                "authors": [*jats.authors[:3], illes, *jats.authors[4:]],
                "fetched_at": later,
                "first_seen": later,
                "content_hash": "fixed",
            }
        )
        fixed_statement = statement.model_copy(
            update={
                "authors": [statement.authors[0].model_copy(update={"raw": "Jane Illés"})],
                "fetched_at": later,
                "first_seen": later,
                "content_hash": "fixed",
            }
        )
        records.snapshots[AIMMS] += [fixed_jats, fixed_statement]
    check = runner.invoke(cli, ["check", "--format", "json", "--as-of", "2025-12-01"])
    assert check.exit_code == 0
    (status,) = json.loads(check.stdout)["corrections"]
    assert status["state"] == "resolved (fix seen)" and status["detail"].endswith(
        "fix first seen 2025-07-01"
    )
    assert (
        runner.invoke(
            cli, ["correction", "mark", AIMMS, "resolved", "--author", "jane-illes"]
        ).exit_code
        == 0
    )
    history = (
        Store(example_records).load().corrections["10.5555/aimms-mentoring-2025#jane-illes"].history
    )
    assert [c.state.value for c in history] == ["drafted", "sent", "acknowledged", "resolved"]


def test_marking_a_request_never_drafted_is_an_error(
    runner: CliRunner, example_records: Path
) -> None:
    result = runner.invoke(cli, ["correction", "mark", AIMMS, "sent"])
    assert (
        result.exit_code == 2
        and "no correction request for 10.5555/aimms-mentoring-2025" in result.stderr
    )


def test_drafting_sends_nothing(standin, runner: CliRunner, example_records: Path) -> None:
    _draft(runner, "--format", "eml")
    assert standin.counts == {}


def test_a_clean_article_has_nothing_to_draft(runner: CliRunner, example_records: Path) -> None:
    result = runner.invoke(cli, ["correction", "draft", AIMMS, "--author", "Reza Zamani"])
    assert result.exit_code == 2 and "no open finding about reza-zamani" in result.stderr


def test_publisher_configuration(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CREDIT_TRACKER_RECORDS", str(tmp_path / "new"))
    assert runner.invoke(cli, ["init"]).exit_code == 0  # init seeds PLOS's route as the example
    listed = runner.invoke(cli, ["publisher", "list"]).stdout
    assert listed == (
        "plos\tPLOS\t10.1371\tplosone@plos.org\t"
        "PLOS Biology <plosbiology@plos.org>; PLOS ONE <plosone@plos.org>\n"
    )
    saved = runner.invoke(
        cli,
        [
            "publisher",
            "set",
            "peerj",
            "--name",
            "PeerJ",
            "--prefix",
            "10.7717",
            "--email",
            "x@example.org",
            "--journal",
            "PeerJ=y@example.org",
        ],
    )
    assert saved.exit_code == 0
    assert (
        "peerj\tPeerJ\t10.7717\tx@example.org\tPeerJ <y@example.org>"
        in runner.invoke(cli, ["publisher", "list"]).stdout
    )
    bad = runner.invoke(
        cli, ["publisher", "set", "x", "--name", "X", "--prefix", "10.1", "--journal", "no-address"]
    )
    assert bad.exit_code == 2 and "use NAME=EMAIL" in bad.stderr


# ---- statements for submission ---------------------------------------------------------------


def test_statement_export(runner: CliRunner, example_records: Path) -> None:
    result = runner.invoke(cli, ["records", "export", AIMMS, "--format", "statement"])
    assert result.stdout == "Jane Illés: Conceptualization, Writing – review & editing.\n"
    assert result.stderr.startswith(
        "left out (roles not recorded): Mirembe Woodrow, Elizabeth Benedikz"
    )


def test_jats_export_round_trips_through_the_parser(runner: CliRunner, records_dir: Path) -> None:
    from credit_tracker.domain.credit import Degree
    from credit_tracker.domain.models import RoleAssignment
    from tests.cli.test_cli_records import EXAMPLE

    runner.invoke(cli, ["records", "import", "10.5555/t", str(EXAMPLE)])
    runner.invoke(cli, ["person", "set-orcid", "marton-kovacs", "0000-0002-1825-0097"])
    with Store(records_dir).transaction() as records:
        author = records.articles["10.5555/t"].authors[1]
        records.articles["10.5555/t"].authors[1] = author.model_copy(
            update={"roles": [RoleAssignment(role="conceptualization", degree=Degree.LEAD)]}
        )
    markup = runner.invoke(cli, ["records", "export", "10.5555/t", "--format", "jats"]).stdout
    assert (
        '<role vocab="credit" vocab-identifier="https://credit.niso.org/" '
        'vocab-term="Conceptualization" '
        'vocab-term-identifier="https://credit.niso.org/contributor-roles/conceptualization/" '
        'degree-contribution="lead">Conceptualization</role>' in markup
    )
    article = parse_jats(
        f"<article><front><article-meta>{markup}</article-meta></front></article>".encode()
    )
    kovacs = article.authors[1]
    assert (kovacs.raw, kovacs.orcid) == ("Marton Kovacs", "0000-0002-1825-0097")
    assert [(r.role, r.degree, r.origin) for r in kovacs.roles] == [
        ("conceptualization", Degree.LEAD, "vocab-term-identifier")
    ]
    assert [r.role for r in article.authors[0].roles] == [
        "data-curation",
        "funding-acquisition",
        "project-administration",
    ]

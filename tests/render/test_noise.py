"""Noise under control: info findings counted in one line unless --show info, in every view;
`roles-not-recorded` told once per article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.store.folder import Store
from tests.conftest import EXAMPLE_ROLE_SOURCES, EXAMPLE_ROLES_COMPARED

AIMMS = "10.5555/aimms-mentoring-2025"
ORCID = "0000-0002-1825-0097"
COLLAPSED = (
    "2 info finding(s) not listed (orcid-unauthenticated 1, roles-not-recorded 1); "
    "--show info lists them"
)
NOT_RECORDED = (
    "roles not recorded yet for 14 of 15 authors (draft record): Mirembe Woodrow, Elizabeth "
    "Benedikz, Louise D Bryant and 11 more"
)


@pytest.fixture
def noisy(example_records: Path) -> Path:
    """The example as a draft record (14 authors' roles not recorded) with an ORCID iD deposited
    without authentication: two info findings beside the four real ones."""
    with Store(example_records).transaction() as records:
        records.articles[AIMMS].draft = True
        records.people["jane-illes"].orcid = ORCID
        jats = records.snapshots[AIMMS][0]
        illes = jats.authors[3].model_copy(update={"orcid": ORCID, "orcid_authenticated": False})
        records.snapshots[AIMMS][0] = jats.model_copy(
            update={"authors": [*jats.authors[:3], illes, *jats.authors[4:]]}
        )
    return example_records


def test_roles_not_recorded_is_one_finding_per_article(noisy: Path, runner: CliRunner) -> None:
    report = json.loads(runner.invoke(cli, ["check", "--format", "json"]).stdout)
    (folded,) = [f for f in report["findings"] if f["rule"] == "roles-not-recorded"]
    assert folded["author"] is None and folded["message"] == NOT_RECORDED
    assert report["summary"]["by_severity"] == {"error": 3, "info": 2}


def test_text_counts_info_in_one_line(noisy: Path, runner: CliRunner) -> None:
    text = runner.invoke(cli, ["check"]).stdout.splitlines()
    assert text == [
        AIMMS,
        "  Jane Illés",
        "    error role-missing [jats] Jane Illés: jats does not list Conceptualization "
        "(ct-d11e628cff3a)",
        "    error role-missing [jats] Jane Illés: jats does not list Writing – review & editing "
        "(ct-06f9a3fb8522)",
        "    error name-initials [statement] Jane Illés: printed 'Jane P. Illés': given name "
        "'Jane P.' has an initial or name the team's record ('Jane') does not (ct-3a6ad50e8471)",
        COLLAPSED,
        EXAMPLE_ROLES_COMPARED,
        EXAMPLE_ROLE_SOURCES,
        "1 article(s); 5 finding(s); 3 error, 2 info; 0 acknowledged",
    ]
    assert not [line for line in text if "orcid-unauthenticated [" in line]
    shown = runner.invoke(cli, ["check", "--show", "info"]).stdout.splitlines()
    assert COLLAPSED not in shown
    assert f"    info roles-not-recorded [team] {NOT_RECORDED} (ct-" in "\n".join(shown)
    assert len(shown) == len(text) + 2  # the info lines instead of the count: (article) and one


def test_every_view_collapses_info(noisy: Path, runner: CliRunner) -> None:
    markdown = runner.invoke(cli, ["check", "--format", "markdown"]).stdout
    assert f"<details><summary>{COLLAPSED}</summary>" in markdown
    assert (
        runner.invoke(cli, ["check", "--format", "markdown", "--show", "info"]).stdout.count(
            "<details>"
        )
        == 0
    )
    github = runner.invoke(cli, ["check", "--format", "github"]).stdout.splitlines()
    assert not [line for line in github if line.startswith("::notice")]
    assert COLLAPSED in github
    expanded = runner.invoke(cli, ["check", "--format", "github", "--show", "info"]).stdout
    assert expanded.count("::notice title=") == 2
    author = runner.invoke(cli, ["author", "jane-illes"]).stdout
    assert (
        "  1 info finding(s) not listed (orcid-unauthenticated 1); --show info lists them" in author
    )
    assert (
        "orcid-unauthenticated [jats]"
        in runner.invoke(cli, ["author", "jane-illes", "--show", "info"]).stdout
    )
    # machine formats keep everything
    assert runner.invoke(cli, ["check", "--format", "csv"]).stdout.count(",info,") == 2

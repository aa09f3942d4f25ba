"""Finding people: ids, ORCID iDs, names in any spelling, family names, initials, particles."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.errors import InputError, NotFoundError
from credit_tracker.domain.models import Person
from credit_tracker.domain.names import PersonName
from credit_tracker.domain.people import find_person, name_forms
from credit_tracker.domain.records import Records
from tests.conftest import FIXTURES

EXAMPLE = FIXTURES / "tenzing" / "contributors_table_example.csv"
HEADER = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]


def _person(pid: str, given: str, family: str, particle: str = "", **more: object) -> Person:
    name = PersonName(given=given, family=family, particle=particle)
    return Person(id=pid, name=name, **more)  # type: ignore[arg-type]


# Names from the recorded publisher files (tests/data/fixtures/SOURCES.md): Boettiger (habanero's
# ORCID works), Nídia de Sousa (pbio.2002399), A. M. Carlsson (pone.0219838), Hallmann
# (pone.0185809).
PEOPLE = Records(
    people={
        p.id: p
        for p in [
            _person("carl-boettiger", "Carl", "Boettiger", orcid="0000-0002-1642-628X"),
            _person("nidia-de-sousa", "Nídia", "Sousa", particle="de"),
            _person("anna-m-carlsson", "Anna M.", "Carlsson"),
            _person(
                "caspar-a-hallmann", "Caspar A.", "Hallmann", accepted_spellings=["C. Hallmann"]
            ),
            _person("jane-illes", "Jane", "Illés", former_names=["Jane Kowalczyk"]),
            _person("lena-berg", "Lena", "Berg"),
            _person("lars-berg", "Lars", "Berg"),
        ]
    }
)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("carl-boettiger", "carl-boettiger"),
        ("https://orcid.org/0000-0002-1642-628X", "carl-boettiger"),
        ("Boettiger", "carl-boettiger"),
        ("BOETTIGER, Carl", "carl-boettiger"),
        ("de Sousa", "nidia-de-sousa"),
        ("Nidia de Sousa", "nidia-de-sousa"),
        ("Sousa N", "nidia-de-sousa"),
        ("Carlsson A", "anna-m-carlsson"),
        ("Carlsson AM", "anna-m-carlsson"),
        ("A. M. Carlsson", "anna-m-carlsson"),
        ("Anna Carlsson", "anna-m-carlsson"),
        ("Caspar Hallmann", "caspar-a-hallmann"),
        ("C. A. Hallmann", "caspar-a-hallmann"),
        ("Jane Illes", "jane-illes"),
        ("Jane Kowalczyk", "jane-illes"),  # a former name finds the person, never shown
        ("Lena Berg", "lena-berg"),
        ("Berg, Lars", "lars-berg"),
    ],
)
def test_a_query_finds_the_one_person_it_names(query: str, found: str) -> None:
    assert find_person(PEOPLE, query).id == found


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("Berg", "'Berg' could be 2 people: lars-berg (Lars Berg), lena-berg (Lena Berg); give"),
        ("L. Berg", "'L. Berg' could be 2 people: lars-berg (Lars Berg), lena-berg (Lena Berg)"),
    ],
)
def test_an_ambiguous_query_lists_the_candidates_and_picks_none(query: str, error: str) -> None:
    with pytest.raises(InputError) as caught:
        find_person(PEOPLE, query)
    assert str(caught.value).startswith(error)


@pytest.mark.parametrize("query", ["Carl Hallmann", "Boettinger", "Anne Carlsson", "Sousa X"])
def test_a_query_that_fits_nobody_is_not_found(query: str) -> None:
    with pytest.raises(NotFoundError):
        find_person(PEOPLE, query)


def test_members_only_says_where_a_co_author_would_have_matched() -> None:
    records = Records(people={"ana-lima": _person("ana-lima", "Ana", "Lima", team_member=False)})
    with pytest.raises(NotFoundError, match="no team member matches 'Lima'; co-author"):
        find_person(records, "Lima", members_only=True)
    assert find_person(records, "Lima").id == "ana-lima"


def test_the_readings_of_a_name() -> None:
    forms = {(form.given, form.family) for form in name_forms("Carlsson AM")}
    assert ("A. M.", "Carlsson") in forms and ("", "Carlsson AM") in forms
    assert {(f.given, f.family) for f in name_forms("Sousa, Nídia de")} == {("Nídia de", "Sousa")}


def test_the_commands_find_people_the_way_the_team_writes_them(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    table = tmp_path / "team.synthetic.csv"
    rows = [
        ("1", "Caspar", "A.", "Hallmann", "NA"),
        ("2", "Nídia", "NA", "de Sousa", "NA"),
        ("3", "Carl", "NA", "Boettiger", "0000-0002-1642-628X"),
    ]
    tail = ["NA", "NA", "NA", "NA"]
    lines = [
        ",".join([order, given, middle, family, *["TRUE"] * 14, *tail, orcid, "NA", "FALSE", "NA"])
        for order, given, middle, family, orcid in rows
    ]
    table.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    imported = runner.invoke(
        cli, ["records", "import", "10.5555/find", str(table), "--members", "Hallmann,de Sousa"]
    )
    assert imported.exit_code == 0, imported.output
    for query, pid in [
        ("Boettiger", "carl-boettiger"),
        ("de Sousa", "nidia-de-sousa"),
        ("Hallmann C", "caspar-a-hallmann"),
    ]:
        shown = runner.invoke(cli, ["person", "show", query])
        assert shown.exit_code == 0, (query, shown.output)
        assert shown.stdout.startswith(f"{pid}: ")
    author = runner.invoke(cli, ["author", "Caspar Hallmann"])
    assert author.exit_code == 0, author.output
    assert "10.5555/find" in author.stdout
    missing = runner.invoke(cli, ["person", "show", "Hallmann Z"])
    assert missing.exit_code == 2
    assert missing.stderr == (
        "credit-tracker: error: no person matches 'Hallmann Z'; see 'credit-tracker person list'\n"
    )

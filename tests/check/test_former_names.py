"""A confidential former name printed by a source, as an initial and the former family name
('J. Kowalczyk' for a former 'Jane Kowalczyk'), is withheld by every output that prints names
from the sources: the check in every format, the author view (text and JSON, with and without
--co-authors), the HTML report, the drafts, the desk's pages and the harvest's listing.

The records are the shipped example (copied), with a former name added and the publisher's
snapshots edited to print it: synthetic data, made here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.former import WITHHELD, FormerNames
from credit_tracker.domain.models import Person, SourceKind
from credit_tracker.domain.names import PersonName
from credit_tracker.store.folder import Store
from tests.desk.test_desk import AIMMS, make_client

FORMER = "Kowalczyk"
PRINTED = ("J.", FORMER)


def _print_the_former_name(records: Path, *, extra: bool = False) -> None:
    """Jane Illés's former name is Jane Kowalczyk; the publisher's XML prints 'J. Kowalczyk'
    for her (or, with `extra`, prints her as she is and adds a 'J. Kowalczyk' no one is paired
    with), and the statement prints 'Kowalczyk J'."""
    added = CliRunner().invoke(
        cli,
        ["--records", str(records), "person", "add-former-name", "jane-illes", "Jane Kowalczyk"],
    )
    assert added.exit_code == 0, added.output
    with Store(records).transaction() as loaded:
        history = loaded.snapshots[AIMMS]
        jats = next(s for s in reversed(history) if s.source is SourceKind.JATS)
        name = PersonName(given=PRINTED[0], family=PRINTED[1])
        if extra:
            last = jats.authors[-1]
            jats.authors.append(
                last.model_copy(
                    update={"raw": "J. Kowalczyk", "name": name, "position": last.position + 1}
                )
            )
        else:
            n = next(i for i, a in enumerate(jats.authors) if a.raw == "Jane Illés")
            jats.authors[n] = jats.authors[n].model_copy(
                update={"raw": "J. Kowalczyk", "name": name}
            )
        statement = next(s for s in reversed(history) if s.source is SourceKind.STATEMENT)
        statement.authors[0] = statement.authors[0].model_copy(update={"raw": "Kowalczyk J"})


COMMANDS = [
    *(["check", "--format", fmt] for fmt in ("text", "json", "markdown", "csv", "github", "junit")),
    ["author", "jane-illes"],
    ["author", "jane-illes", "--format", "json"],
    ["author", "jane-illes", "--co-authors"],
    ["author", "jane-illes", "--co-authors", "--format", "json"],
    ["author", "Jane Kowalczyk", "--co-authors", "--format", "json"],
    *(["correction", "draft", AIMMS, "--format", fmt] for fmt in ("text", "markdown", "eml")),
]


@pytest.mark.parametrize("extra", [False, True], ids=["her-own-byline-entry", "an-extra-author"])
def test_no_command_prints_an_initial_with_the_former_family_name(
    example_records: Path, runner: CliRunner, tmp_path: Path, extra: bool
) -> None:
    _print_the_former_name(example_records, extra=extra)
    for args in COMMANDS:
        result = runner.invoke(cli, args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert FORMER not in result.output, (args, result.output)
    report = tmp_path / "report.html"
    assert runner.invoke(cli, ["report", "--output", str(report)]).exit_code in (0, 1)
    assert FORMER not in report.read_text(encoding="utf-8")
    found = json.loads(runner.invoke(cli, ["check", "--format", "json"]).stdout)["findings"]
    withheld = [f for f in found if f["observed"] == WITHHELD]
    assert withheld, "the finding is there, the name withheld"
    if not extra:
        assert "name-former" in {f["rule"] for f in withheld}
        view = json.loads(runner.invoke(cli, ["author", "jane-illes", "--format", "json"]).stdout)
        assert WITHHELD in json.dumps(view, ensure_ascii=False)


def test_the_desks_article_and_person_pages_withhold_it(example_records: Path) -> None:
    _print_the_former_name(example_records)
    with make_client(example_records) as desk:
        pages = {
            path: desk.get(path)
            for path in (f"/article/{AIMMS}", "/person/jane-illes", "/findings?severity=info", "/")
        }
    for path, page in pages.items():
        assert page.status_code == 200, path
        assert FORMER not in page.text, path
    assert WITHHELD in pages[f"/article/{AIMMS}"].text
    assert WITHHELD in pages["/person/jane-illes"].text


def _person(former: list[str], spellings: list[str] = ()) -> Person:
    return Person(
        id="jane-illes",
        name=PersonName(given="Jane", family="Illés"),
        former_names=former,
        accepted_spellings=list(spellings),
    )


@pytest.mark.parametrize(
    ("printed", "withheld"),
    [
        ("Jane Kowalczyk", True),
        ("J. Kowalczyk", True),
        ("J Kowalczyk", True),
        ("Kowalczyk, J.", True),
        ("Kowalczyk J", True),
        ("JANE KOWALCZYK", True),
        ("Jane Illés", False),
        ("J. Illés", False),
        ("Jane Kowal", False),
    ],
)
def test_the_guard_reads_a_former_family_name_in_any_order(printed: str, withheld: bool) -> None:
    assert FormerNames.of([_person(["Jane Kowalczyk"])]).reveals(printed) is withheld


def test_a_former_family_name_still_in_use_reveals_nothing() -> None:
    # a double name kept: 'Kowalczyk' is still hers, so 'J. Kowalczyk-Illés' reveals nothing
    person = _person(["Jane Kowalczyk"], spellings=["Jane Kowalczyk-Illés"])
    guard = FormerNames.of([person])
    assert not guard.reveals("J. Kowalczyk-Illés") and guard.reveals("Jane Kowalczyk")
    # another author's whole former name is withheld; their former family name alone is not
    other = Person(id="kate", name=PersonName(given="Kate", family="Kowalczyk"))
    beside = FormerNames.of([other], [person])
    assert beside.reveals("Jane Kowalczyk") and not beside.reveals("K. Kowalczyk")

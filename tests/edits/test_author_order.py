"""An article's byline edits: the authors' order and an author's printed name, as pure rules and
through `records move-author` / `records set-printed`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import ArticleRecord, TeamAuthor
from credit_tracker.domain.names import PersonName
from credit_tracker.domain.records import Records
from credit_tracker.edits.record_edits import (
    move_author,
    parse_position,
    reorder_authors,
    set_printed,
)
from credit_tracker.store.folder import Store
from tests.edits.test_edits import AIMMS, _import, _refused, _row, _run

DOI = "10.5555/byline"


def _records(*labels: str | None, extra: dict[str, str] | None = None) -> Records:
    """One article whose authors A, B, C... carry these 'Order in publication' labels."""
    authors = [
        TeamAuthor(
            person=f"p{n}",
            printed=PersonName(given=f"{chr(65 + n)}.", family=f"Family{n}"),
            order_label=label,
            extra=dict(extra or {}),
        )
        for n, label in enumerate(labels)
    ]
    return Records(articles={DOI: ArticleRecord(doi=DOI, authors=authors)})


def _people(records: Records) -> list[str]:
    return [author.person for author in records.articles[DOI].authors]


# ---- the rules -----------------------------------------------------------------------------


A, B, C = "A. Family0", "B. Family1", "C. Family2"


@pytest.mark.parametrize(
    ("position", "to", "order", "lines"),
    [
        (
            2,
            0,
            ["p2", "p0", "p1"],
            [f"{C}: author 3 → 1", f"{A}: author 1 → 2", f"{B}: author 2 → 3"],
        ),
        (0, 1, ["p1", "p0", "p2"], [f"{A}: author 1 → 2", f"{B}: author 2 → 1"]),
        (1, 2, ["p0", "p2", "p1"], [f"{B}: author 2 → 3", f"{C}: author 3 → 2"]),
        (1, 1, ["p0", "p1", "p2"], []),
    ],
)
def test_moving_an_author_closes_up_the_others(
    position: int, to: int, order: list[str], lines: list[str]
) -> None:
    records = _records("1", "2", "3")
    assert move_author(records, DOI, position, to) == [f"{DOI}: {line}" for line in lines]
    assert _people(records) == order


def test_order_labels_stay_with_the_places_ties_too() -> None:
    records = _records("1", "1", "3")  # tenzing's tie: two first authors
    move_author(records, DOI, 2, 0)
    authors = records.articles[DOI].authors
    assert [(a.person, a.order_label) for a in authors] == [("p2", "1"), ("p0", "1"), ("p1", "3")]


def test_a_full_new_order_names_every_author_once() -> None:
    records = _records(None, None, None)
    assert reorder_authors(records, DOI, [2, 1, 0]) == [
        f"{DOI}: {C}: author 3 → 1",
        f"{DOI}: {A}: author 1 → 3",
    ]
    assert _people(records) == ["p2", "p1", "p0"]
    for order in ([0, 1], [0, 0, 1], [0, 1, 3]):
        with pytest.raises(InputError, match="must name each of the 3 author") as caught:
            reorder_authors(records, DOI, order)
        assert caught.value.field == "PERSON"
    assert _people(records) == ["p2", "p1", "p0"]


@pytest.mark.parametrize("to", [-1, 3, 40])
def test_a_place_off_the_byline_is_refused_and_changes_nothing(to: int) -> None:
    records = _records("1", "2", "3")
    with pytest.raises(InputError) as caught:
        move_author(records, DOI, 0, to)
    assert caught.value.field == "POSITION"
    assert caught.value.reason == (
        f"{to + 1} is not a place on the byline of {DOI}: it has 3 author(s), 1 to 3"
    )
    assert _people(records) == ["p0", "p1", "p2"]


@pytest.mark.parametrize(("text", "position"), [("1", 0), (" 12 ", 11)])
def test_a_place_is_a_number_from_one(text: str, position: int) -> None:
    assert parse_position(text) == position


@pytest.mark.parametrize("text", ["0", "-1", "first", "1.5", "", "²"])
def test_a_place_that_is_no_number_from_one_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="is not a place on the byline: give a number") as caught:
        parse_position(text)
    assert caught.value.field == "POSITION"


def test_a_printed_name_is_set_with_its_particle_kept_apart() -> None:
    records = _records("1")
    assert set_printed(records, DOI, 0, " Ben  ", "van der Pluijm") == [
        f"{DOI}: author 1 [p0]: printed name A. Family0 → Ben van der Pluijm"
    ]
    printed = records.articles[DOI].authors[0].printed
    assert printed == PersonName(given="Ben", family="Pluijm", particle="van der")
    assert set_printed(records, DOI, 0, "Ben", "van der Pluijm") == []  # the same again
    assert set_printed(records, DOI, 0, "Ben", "van der Pluijm", particle="") == [
        f"{DOI}: author 1 [p0]: printed name Ben van der Pluijm → Ben van der Pluijm"
    ]  # as an undo puts a name back exactly: the parts differ, the print does not
    assert records.articles[DOI].authors[0].printed.family == "van der Pluijm"


def test_the_middle_name_cell_follows_the_given_name() -> None:
    records = _records("1", extra={"Middle name": "M", "Note": "kept"})
    set_printed(records, DOI, 0, "Ana M", "Lima")
    assert records.articles[DOI].authors[0].extra == {"Middle name": "M", "Note": "kept"}
    set_printed(records, DOI, 0, "Ana", "Lima")
    assert records.articles[DOI].authors[0].extra == {"Note": "kept"}


@pytest.mark.parametrize(
    ("given", "family", "field", "reason"),
    [
        ("Ana", "  ", "--family", "the family name is empty"),
        ("A\u202ena", "Lima", "--given", "character 2 is U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Ana", "Li\x1b[31mma", "--family", "character 3 is U+001B"),
        ("Ana\u2028", "Lima", "--given", "character 4 is U+2028 LINE SEPARATOR"),
    ],
)
def test_a_bad_printed_name_is_refused_and_changes_nothing(
    given: str, family: str, field: str, reason: str
) -> None:
    records = _records("1")
    with pytest.raises(InputError) as caught:
        set_printed(records, DOI, 0, given, family)
    assert caught.value.field == field and caught.value.reason.startswith(reason)
    assert records.articles[DOI].authors[0].printed == PersonName(given="A.", family="Family0")


def test_names_of_every_script_are_printed_as_given() -> None:
    records = _records("1")
    set_printed(records, DOI, 0, "مهسا", "می\u200cخواهم")  # ZWNJ is part of Persian spelling
    assert records.articles[DOI].authors[0].printed.display() == "مهسا می\u200cخواهم"


# ---- the commands ----------------------------------------------------------------------------


def test_move_author_prints_each_place_changed_and_export_numbers_the_byline(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    _import(
        runner, tmp_path, DOI, _row(1, "Ana", "Lima"), _row(2, "Bo", "Berg"), _row(3, "Cy", "Dahl")
    )
    assert _run(runner, "records", "move-author", DOI, "Dahl", "1") == [
        f"{DOI}: Cy Dahl: author 3 → 1",
        f"{DOI}: Ana Lima: author 1 → 2",
        f"{DOI}: Bo Berg: author 2 → 3",
    ]
    assert _run(runner, "records", "move-author", DOI, "cy-dahl", "1") == [f"{DOI}: no changes"]
    shown = runner.invoke(cli, ["records", "show", DOI]).stdout.splitlines()
    assert [line.split(" [")[0] for line in shown[1:]] == [
        "  1. Cy Dahl",
        "  2. Ana Lima",
        "  3. Bo Berg",
    ]
    exported = runner.invoke(cli, ["records", "export", DOI]).stdout.splitlines()
    assert [row.split(",")[:4] for row in exported[1:]] == [
        ["1", "Cy", "NA", "Dahl"],
        ["2", "Ana", "NA", "Lima"],
        ["3", "Bo", "NA", "Berg"],
    ]


def test_set_printed_changes_the_article_not_the_person(
    runner: CliRunner, example_records: Path
) -> None:
    assert _run(
        runner,
        "records",
        "set-printed",
        AIMMS,
        "jane-illes",
        "--given",
        "J. P.",
        "--family",
        "Illés",
    ) == [f"{AIMMS}: author 4 [jane-illes]: printed name Jane Illés → J. P. Illés"]
    records = Store(example_records).load()
    assert records.articles[AIMMS].authors[3].printed == PersonName(given="J. P.", family="Illés")
    assert records.people["jane-illes"].name.display() == "Jane Illés"
    assert _run(
        runner,
        "records",
        "set-printed",
        AIMMS,
        "J. P. Illés",
        "--given",
        "J. P.",
        "--family",
        "Illés",
    ) == [f"{AIMMS}: no changes"]


def test_reorder_authors_takes_the_whole_byline(
    runner: CliRunner, records_dir: Path, tmp_path: Path
) -> None:
    _import(
        runner, tmp_path, DOI, _row(1, "Ana", "Lima"), _row(2, "Bo", "Berg"), _row(3, "Cy", "Dahl")
    )
    assert _run(runner, "records", "reorder-authors", DOI, "Berg", "cy-dahl", "Ana Lima") == [
        f"{DOI}: Bo Berg: author 2 → 1",
        f"{DOI}: Cy Dahl: author 3 → 2",
        f"{DOI}: Ana Lima: author 1 → 3",
    ]
    assert _run(runner, "records", "reorder-authors", DOI, "Berg", "Dahl", "Lima") == [
        f"{DOI}: no changes"
    ]
    for people in (["Berg", "Dahl"], ["Berg", "Dahl", "Berg"]):
        assert _refused(runner, records_dir, "records", "reorder-authors", DOI, *people) == (
            f"PERSON: the new order must name each of the 3 author(s) of {DOI} once"
        )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["move-author", AIMMS, "Illés", "16"], "POSITION: 16 is not a place on the byline of"),
        (["move-author", AIMMS, "Illés", "0"], "POSITION: '0' is not a place on the byline"),
        (["move-author", AIMMS, "Illés", "two"], "POSITION: 'two' is not a place on the byline"),
        (["move-author", AIMMS, "Nobody", "1"], f"no author of {AIMMS} matches 'Nobody'"),
        (["move-author", "10.5555/absent", "Illés", "1"], "no record for 10.5555/absent"),
        (["set-printed", AIMMS, "Illés", "--family", ""], "--family: the family name is empty"),
        (
            ["set-printed", AIMMS, "Illés", "--given", "J\u202e", "--family", "Illés"],
            "--given: character 2 is U+202E",
        ),
        (["set-printed", AIMMS, "Nobody", "--family", "X"], f"no author of {AIMMS} matches"),
        (["set-printed", "10.5555", "Illés", "--family", "X"], "DOI: '10.5555' is not a DOI"),
        (["reorder-authors", AIMMS, "Illés", "Nobody"], f"no author of {AIMMS} matches 'Nobody'"),
    ],
)
def test_bad_byline_edits_are_refused_whole(
    args: list[str], error: str, runner: CliRunner, example_records: Path
) -> None:
    assert _refused(runner, example_records, "records", *args).startswith(error)

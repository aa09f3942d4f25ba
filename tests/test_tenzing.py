"""tenzing contributors tables: the real example and its quirks, exact round trips, bad rows."""

from __future__ import annotations

import pytest

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import ArticleRecord
from credit_tracker.parse.tenzing import decode_table, export_table, parse_table

from .conftest import FIXTURES, ROOT

EXAMPLE = FIXTURES / "tenzing" / "contributors_table_example.csv"
HEADER = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]


def _parse(text: str, path: str = "table.csv"):
    return parse_table(decode_table(text.encode("utf-8"), path), path)


def test_the_real_example_and_its_quirks() -> None:
    table = _parse(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    smith, kovacs, luthor = (item.author for item in table.authors)
    assert [a.order_label for a in (smith, kovacs, luthor)] == [
        "1",
        "1",
        "3",
    ]  # two rows share order 1
    assert smith.printed.given == "John Mohammad" and smith.printed.family == "Smith"
    assert kovacs.printed.given == "Marton"  # Middle name NA
    assert smith.corresponding and not kovacs.corresponding
    assert [r.role for r in smith.roles] == [
        "data-curation",
        "funding-acquisition",
        "project-administration",
    ]
    assert [r.role for r in luthor.roles][-2:] == [
        "writing-original-draft",
        "writing-review-editing",
    ]
    assert smith.extra["Email address"] == "some@email.com"
    assert all(item.orcid is None for item in table.authors)


@pytest.mark.parametrize(
    "source", [EXAMPLE, ROOT / "records" / "sources" / "aimms-mentoring.contributors.csv"]
)
def test_round_trip_is_exact(source) -> None:
    table = _parse(source.read_text(encoding="utf-8"), str(source))
    record = ArticleRecord(
        doi="10.5555/x",
        authors=[
            i.author.model_copy(update={"person": f"p{n}"}) for n, i in enumerate(table.authors)
        ],
        columns=table.columns,
    )
    assert export_table(record, {}) == source.read_text(encoding="utf-8")


def test_tsv_is_read_too() -> None:
    tsv = EXAMPLE.read_text(encoding="utf-8").replace(",", "\t")
    # the commas inside quoted affiliations became tabs too; rebuild a clean TSV from the header
    # only
    lines = [
        HEADER.replace(",", "\t"),
        "\t".join(
            ["1", "Jane", "NA", "Illés", *["FALSE"] * 13, "TRUE", *["NA"] * 6, "FALSE", "NA"]
        ),
    ]
    table = _parse("\n".join(lines) + "\n")
    assert [r.role for r in table.authors[0].author.roles] == ["writing-review-editing"]
    assert tsv  # the original is comma-separated


def test_all_roles_na_means_not_recorded() -> None:
    line = ",".join(["1", "Jane", "NA", "Illés", *["NA"] * 14, *["NA"] * 6, "FALSE", "NA"])
    assert _parse(HEADER + "\n" + line + "\n").authors[0].author.roles is None


def _row(roles: list[str], surname: str = "Illés", orcid: str = "NA") -> str:
    return ",".join(
        ["4", "Jane", "NA", surname, *roles, "NA", "NA", "NA", "NA", orcid, "NA", "FALSE", "NA"]
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            HEADER + "\n" + _row(["TRUE"] * 13 + ["TURE"]) + "\n",
            "table.csv:2: Writing - review & editing: 'TURE' is not TRUE or FALSE",
        ),
        (
            HEADER + "\n" + _row(["TRUE"] * 13 + ["NA"]) + "\n",
            "table.csv:2: Writing - review & editing: NA in a role column",
        ),
        (
            HEADER + "\n" + _row(["FALSE"] * 14, orcid="0000-0002-1825-0098") + "\n",
            "table.csv:2: ORCID iD: '0000-0002-1825-0098' is not a valid ORCID iD",
        ),
        (
            HEADER + "\n" + _row(["FALSE"] * 14, surname="NA") + "\n",
            "table.csv:2: Surname: the surname is missing",
        ),
        (
            HEADER + "\n" + _row(["FALSE"] * 14) + "\n" + _row(["FALSE"] * 14) + "\n",
            "table.csv:3: Surname: duplicate author 'Jane Illés' (also on line 2)",
        ),
        (
            HEADER.replace("Surname", "Last name") + "\n" + _row(["FALSE"] * 14) + "\n",
            "table.csv:1: Surname: missing column 'Surname' (is 'Last name' meant to be it?)",
        ),
        (
            HEADER.replace("Writing - original draft", "Writing")
            + "\n"
            + _row(["FALSE"] * 14)
            + "\n",
            "table.csv:1: Writing - original draft: missing column 'Writing - original draft' (is "
            "'Writing' meant to be it?)",
        ),
        (HEADER + "\n" + "1,Jane,NA\n", "table.csv:2: 3 fields, but the header has 26"),
        (HEADER + "\n", "table.csv: the table has a header but no authors"),
        ("", "table.csv: the file is empty"),
    ],
)
def test_bad_tables_name_line_and_column(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        _parse(text)
    assert str(caught.value).startswith(message)


def test_encodings() -> None:
    text = HEADER + "\n" + _row(["FALSE"] * 14) + "\n"
    assert (
        _parse("\ufeff" + text).authors[0].author.printed.family == "Illés"
    )  # a BOM (Excel) is fine
    with pytest.raises(InputError, match=r"table\.csv: the file is UTF-16; save it as UTF-8"):
        decode_table(text.encode("utf-16"), "table.csv")
    with pytest.raises(InputError, match=r"table.csv:2: byte 0xe9 is not UTF-8 \(Latin-1"):
        decode_table(text.encode("latin-1"), "table.csv")

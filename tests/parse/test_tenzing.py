"""tenzing contributors tables: the real example and its quirks, exact round trips, bad rows."""

from __future__ import annotations

import csv
import io

import pytest

from credit_tracker.domain.errors import InputError
from credit_tracker.domain.models import ArticleRecord
from credit_tracker.parse.tenzing import decode_table, export_table, parse_table
from tests.conftest import DATA, FIXTURES, ROOT

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


# ---- delimiters, line endings, degrees, columns tenzing does not know ---------------------------


def test_a_semicolon_table_from_a_decimal_comma_excel_is_read() -> None:
    """Excel in de-DE or fr-FR saves 'CSV' with ';'; it once gave 'missing column Order in ...'."""
    text = EXAMPLE.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    table = _parse(out.getvalue())
    assert [item.author.printed.family for item in table.authors] == ["Smith", "Kovacs", "Luthor"]
    assert table.layout is not None and (table.layout.delimiter, table.layout.newline) == (
        ";",
        "\r\n",
    )
    record = ArticleRecord(
        doi="10.5555/x",
        authors=[
            i.author.model_copy(update={"person": f"p{n}"}) for n, i in enumerate(table.authors)
        ],
        columns=table.columns,
        layout=table.layout,
    )
    assert export_table(record, {}) == out.getvalue()


def test_degrees_in_cells_and_in_columns() -> None:
    header = HEADER + ",Methodology (lead),Writing – review & editing (supporting)"
    cells = ["lead", *["FALSE"] * 4, "TRUE", *["FALSE"] * 8]
    line = ",".join(
        ["1", "Jane", "NA", "Illés", *cells, *["NA"] * 6, "FALSE", "NA", "TRUE", "TRUE"]
    )
    author = _parse(header + "\n" + line + "\n").authors[0].author
    assert [(r.role, r.degree) for r in author.roles] == [
        ("conceptualization", "lead"),
        ("methodology", "lead"),
        ("writing-review-editing", "supporting"),
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            HEADER + ",Favourite colour",
            "table.csv:1: Favourite colour: 'Favourite colour' is not a tenzing column; rename",
        ),
        (
            HEADER + ",Conflict of interests",
            "table.csv:1: Conflict of interests: 'Conflict of interests' is not a tenzing column "
            "(is it 'Conflict of interest'?)",
        ),
        (HEADER + ",Software", "table.csv:1: Software: the column 'Software' appears twice"),
        (HEADER + ",software", "table.csv:1: software: the columns 'Software' and 'software' mark"),
        (HEADER + ",Funding", "table.csv:1: Funding: the column 'Funding' appears twice"),
        (HEADER.replace("Surname", "DOI"), "table.csv:1: Surname: missing column 'Surname'"),
    ],
)
def test_columns_are_understood_or_refused_never_ignored(header: str, message: str) -> None:
    extra = header.count(",") - HEADER.count(",")
    line = _row(["FALSE"] * 14) + ",NA" * extra
    with pytest.raises(InputError) as caught:
        _parse(header + "\n" + line + "\n")
    assert str(caught.value).startswith(message)


def test_a_table_with_a_doi_column_is_many_articles() -> None:
    with pytest.raises(InputError, match=r"table\.csv:1: DOI: the table has a DOI column"):
        _parse("DOI," + HEADER + "\n10.5555/x," + _row(["FALSE"] * 14) + "\n")


def test_the_2025_tenzing_example_round_trips_with_its_acknowledgees() -> None:
    source = DATA / "tenzing-2025" / "contributors_table_example.csv"
    table = _parse(source.read_text(encoding="utf-8"), str(source))
    assert [item.author.printed.family for item in table.authors] == ["Smith", "Kovacs", "Luthor"]
    assert [row["Author/Acknowledgee"] for row in table.not_on_byline] == [
        "Acknowledgment only",
        "Don't agree to be named",
    ]
    record = ArticleRecord(
        doi="10.5555/x",
        authors=[
            i.author.model_copy(update={"person": f"p{n}"}) for n, i in enumerate(table.authors)
        ],
        columns=table.columns,
        not_on_byline=table.not_on_byline,
    )
    assert export_table(record, {}) == source.read_text(encoding="utf-8")
    bad = source.read_text(encoding="utf-8").replace("Acknowledgment only", "Editor", 1)
    with pytest.raises(InputError, match=r"x.csv:5: Author/Acknowledgee: 'Editor' is not 'Author'"):
        _parse(bad, "x.csv")

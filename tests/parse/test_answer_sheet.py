"""Answered sheets read back: the cell values authors type, each carrier (CSV with or without a
byte-order mark, the Markdown letter, an e-mail), and what is refused with its cell named."""

from __future__ import annotations

import pytest

from credit_tracker.domain.confirm_sheet import ANSWER_COLUMN, header
from credit_tracker.domain.confirmation import Answer, row_digest
from credit_tracker.domain.credit import Degree
from credit_tracker.domain.errors import InputError
from credit_tracker.parse.answer_sheet import read_answer_sheet

DOI = "10.5555/x"


def _csv(cells: dict[str, str], prefill: str = "", keys: dict[str, str] | None = None) -> bytes:
    columns = header()
    row = dict.fromkeys(columns, "")
    row |= {"DOI": DOI, "key: person": "p", "key: DOI": DOI, "key: position": "2"}
    row |= {"key: issued": "2026-12-01", "key: pre-filled": prefill}
    row["key: digest"] = row_digest("p", DOI, 2, "2026-12-01", prefill)
    row |= cells | (keys or {})
    lines = [",".join(columns), ",".join(f'"{row[c]}"' for c in columns)]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    ("cell", "held"),
    [("yes", None), ("TRUE", None), ("x", None), ("\u2713", None), ("Lead", Degree.LEAD)],
)
def test_a_ticked_cell_in_the_forms_authors_type(cell: str, held: Degree | None) -> None:
    (row,) = read_answer_sheet(_csv({"Software": cell}), "a.csv").rows
    assert [(r.role, r.degree) for r in row.roles] == [("software", held)]
    assert row.changed and row.answered and row.answer is None


def test_sheets_share_one_object_per_role_and_degree_so_their_rows_pickle_small() -> None:
    # rows read on other cores travel back pickled: a shared object is spelt out once
    first, second = (
        read_answer_sheet(_csv({"Software": "yes", "Methodology": "lead"}), f"{n}.csv").rows[0]
        for n in "ab"
    )
    assert [(r.role, r.degree) for r in first.roles] == [
        ("methodology", Degree.LEAD),
        ("software", None),
    ]
    assert all(a is b for a, b in zip(first.roles, second.roles, strict=True))


@pytest.mark.parametrize("cell", ["", "no", "FALSE", "0"])
def test_a_blank_or_no_cell_is_not_held(cell: str) -> None:
    data = _csv({"Software": cell, ANSWER_COLUMN: "Confirmed"})
    (row,) = read_answer_sheet(b"\xef\xbb\xbf" + data, "a.csv").rows
    assert row.roles == () and row.answer is Answer.CONFIRMED and not row.changed


def test_a_row_as_sent_is_no_answer() -> None:
    (row,) = read_answer_sheet(_csv({"Software": "yes"}, "software=yes"), "a.csv").rows
    assert not row.changed and not row.answered


def test_what_is_refused_names_its_cell() -> None:
    cases = [
        (_csv({}, keys={"key: position": "3"}), "column AC (key: digest): the hidden keys"),
        (_csv({ANSWER_COLUMN: "yes please"}), "column G (Your answer): 'yes please' is not an"),
        (_csv({"Supervision": "half"}), "column Q (Supervision): 'half' is not an answer"),
    ]
    for data, message in cases:
        with pytest.raises(InputError) as caught:
            read_answer_sheet(data, "a.csv")
        assert str(caught.value).startswith(f"a.csv: sheet Roles, row 2, {message}")


def test_a_file_that_is_no_sheet_is_refused() -> None:
    with pytest.raises(InputError, match="the columns key: person, key: DOI"):
        read_answer_sheet(b"DOI,Title\n10.5555/x,T\n", "a.csv")
    with pytest.raises(InputError, match="the letter has no ```csv block"):
        read_answer_sheet(b"# Dear Jane\n\nNo sheet here.\n", "letter.md")
    message = b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n" + (
        b"Content-Type: text/plain\n\nno attachment\n--b--\n"
    )
    with pytest.raises(InputError, match="the message carries no answered sheet"):
        read_answer_sheet(message, "reply.eml")

"""Hostile input from files and the command line: refused whole, in one line, with nothing written.

Tables, identifiers and names are fuzzed with hypothesis; the fixed cases each stand for a class
seen in practice (a cell over csv's field limit, invisible controls in a name, look-alike digits,
PDFs that trip pypdf's guards). The tables are the real tenzing example with one cell changed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credit_tracker.cli import cli
from credit_tracker.domain.errors import InputError
from credit_tracker.domain.identifiers import normalize_doi, normalize_orcid
from credit_tracker.domain.text import unsafe_character
from credit_tracker.parse.tenzing import decode_table, parse_table
from tests.conftest import FIXTURES

EXAMPLE = FIXTURES / "tenzing" / "contributors_table_example.csv"
DOI = "10.5555/hostile"
ERROR = "credit-tracker: error: "


def _tree(folder: Path) -> dict[str, str]:
    """A hash of every file under the folder, shards included (the lock file aside)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".lock"
    }


def _table_with(column: str, value: str, row: int = 1) -> str:
    """The real tenzing example with one cell of one author row replaced."""
    rows = list(csv.reader(io.StringIO(EXAMPLE.read_text(encoding="utf-8"), newline="")))
    rows[row][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _import(runner: CliRunner, folder: Path, text: str, doi: str = DOI) -> tuple[int, list[str]]:
    table = folder.parent / "table.csv"
    table.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["records", "import", doi, str(table)])
    assert isinstance(result.exception, SystemExit) or result.exception is None, result.exception
    return result.exit_code, result.stderr.splitlines()


REFUSED_IN_NAMES = [
    ("\x00", "U+0000 (a control character)"),
    ("\x1b]0;owned\x07", "U+001B (a control character)"),
    ("\x7f", "U+007F (a control character)"),
    ("\x85", "U+0085 (a control character)"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u2069", "U+2069 POP DIRECTIONAL ISOLATE"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\u2028", "U+2028 LINE SEPARATOR"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
]


@pytest.mark.parametrize(("hidden", "described"), REFUSED_IN_NAMES, ids=lambda v: repr(v)[:12])
def test_a_name_holding_an_invisible_or_control_character_is_refused(
    hidden: str, described: str, records_dir: Path, runner: CliRunner
) -> None:
    before = _tree(records_dir)
    code, lines = _import(runner, records_dir, _table_with("Surname", f"Il{hidden}lés"))
    table = records_dir.parent / "table.csv"
    assert code == 2
    assert lines == [
        f"{ERROR}{table}:2: Surname: character 3 is {described}, an invisible or control "
        "character; remove it"
    ]
    assert _tree(records_dir) == before


def test_joiners_that_scripts_need_are_kept(records_dir: Path, runner: CliRunner) -> None:
    persian = "\u0645\u06cc\u200c\u0631\u0632\u0627\u06cc\u06cc"  # ZWNJ inside a Persian surname
    sinhala = "\u0dc1\u0dca\u200d\u0dbb\u0dd3"  # ZWJ forming a Sinhala conjunct
    code, _ = _import(runner, records_dir, _table_with("Surname", persian))
    assert code == 0
    code, _ = _import(runner, records_dir, _table_with("Firstname", sinhala), doi="10.5555/two")
    assert code == 0
    shown = runner.invoke(cli, ["records", "show", DOI]).stdout
    assert persian in shown


def test_a_cell_over_csv_field_limit_is_one_line(records_dir: Path, runner: CliRunner) -> None:
    before = _tree(records_dir)
    code, lines = _import(runner, records_dir, _table_with("Affiliation 1", "x" * (200 * 1024)))
    table = records_dir.parent / "table.csv"
    assert code == 2
    assert lines == [f"{ERROR}{table}:2: the table cannot be read: a cell is far too long"]
    assert _tree(records_dir) == before


def test_a_long_cell_within_csv_limit_is_refused_by_name(
    records_dir: Path, runner: CliRunner
) -> None:
    code, lines = _import(runner, records_dir, _table_with("Funding", "y" * 10_001, row=2))
    table = records_dir.parent / "table.csv"
    assert code == 2
    assert lines == [
        f"{ERROR}{table}:3: Funding: the cell holds 10,001 characters; a contributors table's "
        "cells are short"
    ]


@pytest.mark.parametrize(
    "orcid",
    [
        "\uff10000-0002-1825-0097",  # a full-width zero
        "0000-0002-1825-009\u0667",  # an Arabic-Indic seven
        "\u0660\u0660\u0660\u0660-0002-1825-0097",
    ],
)
def test_orcid_ids_take_ascii_digits_only(orcid: str) -> None:
    with pytest.raises(InputError, match="is not an ORCID iD"):
        normalize_orcid(orcid)


def test_a_full_width_orcid_in_a_table_is_refused(records_dir: Path, runner: CliRunner) -> None:
    code, lines = _import(runner, records_dir, _table_with("ORCID iD", "\uff10000-0002-1825-0097"))
    assert code == 2
    assert lines[0].endswith("expected 16 digits in four groups, like 0000-0002-1825-0097")
    assert ":2: ORCID iD: " in lines[0]


@pytest.mark.parametrize(
    ("doi", "reason"),
    [
        ("10.1234/%00x", "U+0000 (a control character)"),
        ("10.1234/ab\u202ecd", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("10.1234/%E2%80%AEcd", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("10.1234/a\u200bb", "U+200B ZERO WIDTH SPACE"),
    ],
)
def test_dois_holding_hidden_characters_are_refused(
    doi: str, reason: str, records_dir: Path, runner: CliRunner
) -> None:
    with pytest.raises(InputError, match=re.escape(reason)):
        normalize_doi(doi)
    before = _tree(records_dir)
    code, lines = _import(runner, records_dir, EXAMPLE.read_text(encoding="utf-8"), doi=doi)
    assert code == 2 and len(lines) == 1 and reason in lines[0]
    assert _tree(records_dir) == before


def test_spellings_and_former_names_are_checked_too(
    example_records: Path, runner: CliRunner
) -> None:
    before = _tree(example_records)
    for command in ("add-spelling", "add-former-name"):
        result = runner.invoke(cli, ["person", command, "jane-illes", "Jane\u202e Illés"])
        assert result.exit_code == 2
        assert "character 5 is U+202E RIGHT-TO-LEFT OVERRIDE" in result.stderr
    assert _tree(example_records) == before


TYPED = [
    (["ack", "--rule", "role-missing", "--note", "asked\r\n::error::x"], "--note: character 6"),
    (
        ["correction", "mark", "10.5555/aimms-mentoring-2025", "sent", "--note", "t\x1b[2J"],
        "--note",
    ),
    (
        ["publisher", "set", "x", "--name", "X", "--prefix", "10.1234", "--email", "a@b.org\r\n"],
        "--email: character 8 is U+000D",
    ),
    (
        ["publisher", "set", "x", "--name", "X\u202e", "--prefix", "10.1234"],
        "--name: character 2 is U+202E",
    ),
    (
        ["publisher", "set", "x", "--name", "X", "--prefix", "10.1234", "--journal", "J=a@b\nc"],
        "--journal: character 6 is U+000A",
    ),
    (
        ["publisher", "set", "x", "--name", "X", "--prefix", "10.1234", "--email", "nobody"],
        "--email: 'nobody' is not an e-mail address",
    ),
    (
        ["check", "--baseline", "{tmp}/b.json", "--update-baseline", "--baseline-note", "a\nb"],
        "--baseline-note: character 2 is U+000A",
    ),
    (["fetch", "--mailto", "a@b.org\r\nX-Evil: 1"], "--mailto: character 8 is U+000D"),
]


@pytest.mark.parametrize(("args", "says"), TYPED, ids=[" ".join(a[:2]) for a, _s in TYPED])
def test_every_typed_text_refuses_control_characters_as_names_do(
    example_records: Path, runner: CliRunner, tmp_path: Path, args: list[str], says: str
) -> None:
    drafted = runner.invoke(cli, ["correction", "draft", "10.5555/aimms-mentoring-2025"])
    assert drafted.exit_code == 0, drafted.output
    before = _tree(example_records)
    result = runner.invoke(cli, [arg.replace("{tmp}", str(tmp_path)) for arg in args])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{ERROR}{says}"), line
    assert "an invisible or control character" in line or "e-mail address" in line
    assert _tree(example_records) == before and not (tmp_path / "b.json").exists()


# ---- PDFs that trip pypdf's guards (made here, in the test: synthetic by construction) --------


def _pdf(tmp_path: Path, name: str, build: Callable[[Any, Any], None]) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    build(writer, page)
    path = tmp_path / name
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _encrypted(writer: Any, page: Any) -> None:
    writer.encrypt("a password nobody gave us")


def _bomb(writer: Any, page: Any) -> None:
    from pypdf.generic import NameObject, StreamObject

    stream = StreamObject()
    stream.set_data(b"")
    stream._data = zlib.compress(b" " * 80_000_000, 9)  # 80 MB of spaces in 78 KB
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)


@pytest.mark.parametrize(
    ("name", "build", "reason"),
    [
        ("encrypted.pdf", _encrypted, "the PDF is encrypted with a password"),
        ("bomb.pdf", _bomb, "the PDF has no text layer"),
    ],
)
def test_pdfs_that_pypdf_refuses_are_one_line_errors(
    name: str,
    build: Callable[[Any, Any], None],
    reason: str,
    example_records: Path,
    runner: CliRunner,
    tmp_path: Path,
) -> None:
    path = _pdf(tmp_path, name, build)
    before = _tree(example_records)
    result = runner.invoke(cli, ["fetch", "10.5555/aimms-mentoring-2025", "--statement", str(path)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{ERROR}{path}: {reason}"), lines
    assert _tree(example_records) == before


def test_a_garbled_pdf_is_one_line(
    example_records: Path, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "garbled.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer <<>>\n")
    result = runner.invoke(cli, ["fetch", "10.5555/aimms-mentoring-2025", "--statement", str(path)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{ERROR}{path}: the PDF could not be read (")


# ---- properties ----------------------------------------------------------------------------


@given(st.text(max_size=40))
def test_normalize_orcid_accepts_only_ascii_digits(text: str) -> None:
    try:
        value = normalize_orcid(text)
    except InputError:
        return
    assert all(c in "0123456789X-" for c in value) and len(value) == 19


@given(st.text(min_size=1, max_size=30))
def test_a_normalised_doi_never_holds_a_hidden_character(suffix: str) -> None:
    try:
        value = normalize_doi(f"10.1234/{suffix}")
    except InputError:
        return
    assert unsafe_character(value) is None
    assert normalize_doi(value) == value  # the normal form is a fixed point


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(
    column=st.sampled_from(["Firstname", "Middle name", "Surname", "ORCID iD", "Funding"]),
    value=st.text(max_size=30),
)
def test_any_cell_either_imports_cleanly_or_is_an_input_error(column: str, value: str) -> None:
    text = _table_with(column, value)
    try:
        table = parse_table(decode_table(text.encode("utf-8"), "t.csv"), "t.csv")
    except InputError as exc:
        assert "\n" not in exc.render()
        return
    for imported in table.authors:
        printed = imported.author.printed
        for part in (printed.given, printed.family, printed.particle):
            assert unsafe_character(part) is None

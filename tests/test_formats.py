"""Formats on the same hostile findings: publisher strings are escaped wherever they could render."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

from credit_tracker.cli import use_color
from credit_tracker.domain.records import Records
from credit_tracker.render.formats import FORMATS
from credit_tracker.render.formats.junit import JunitFormat
from credit_tracker.rules.check import FailPolicy, run_check

from .builders import DOI, member, printed, record, snapshot
from .conftest import DATA
from .test_compare import J

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> | *bold* [x](http://e.vil) %0A::error::pwned\n::warning::x'


def _report():
    rec, people = record(member("x", "Ana", "Costa"))
    records = Records(
        articles={DOI: rec},
        people=people,
        snapshots={
            DOI: [
                snapshot(J, printed("Ana", "Costa"), {**printed("Evil", "Person"), "raw": HOSTILE})
            ]
        },
    )
    return run_check(records, [DOI], FailPolicy())


def test_junit_escapes_and_validates() -> None:
    import xmlschema

    text = JunitFormat().format(_report())
    xmlschema.XMLSchema(DATA / "junit" / "junit-10.xsd").validate(text)
    failure = ElementTree.fromstring(text).find(".//failure")
    assert HOSTILE in failure.get("message")  # round-trips as text, not markup
    assert "<script>" not in text


def test_markdown_escapes_markup() -> None:
    text = FORMATS["markdown"]().format(_report())
    assert "<script>" not in text and "<img" not in text and "[x](http" not in text
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        and "\\[x\\](http" in text
        and "\\*bold\\*" in text
    )


def test_github_annotations_cannot_inject_commands() -> None:
    text = FORMATS["github"]().format(_report())
    lines = text.splitlines()
    assert all(line.startswith("::") or not line.startswith(":") for line in lines)
    assert not any(
        line.startswith("::warning::x") or line.startswith("::error::pwned") for line in lines
    )
    assert "%250A" in text and "%0A::warning::x" in text


def test_csv_defuses_formulas_and_json_round_trips() -> None:
    report = _report()
    rows = list(csv.DictReader(io.StringIO(FORMATS["csv"]().format(report))))
    assert rows and all(not r["message"].startswith(("=", "+", "-", "@")) for r in rows)
    data = json.loads(FORMATS["json"]().format(report))
    assert data["findings"][0]["observed"] == HOSTILE


def test_text_keeps_the_string_on_one_line() -> None:
    text = FORMATS["text"]().format(_report())
    assert "author-extra" in text


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_use_color() -> None:
    assert use_color(_Tty(), {}) is True
    assert use_color(_Tty(), {"NO_COLOR": "1"}) is False
    assert use_color(io.StringIO(), {}) is False

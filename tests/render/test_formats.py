"""Every output format on one hostile publisher name, through the real commands: exact output.

The name holds a terminal title sequence, a colour sequence, HTML and Markdown markup, BiDi
overrides and isolates, a percent-encoded and a real line break followed by a workflow command,
a line separator, a BOM, NEL, DEL and NUL, and a ZWJ inside a Latin name; then an accent in
decomposed form and a Persian name whose ZWNJ is part of its spelling (those two stay as they are).
"""

from __future__ import annotations

import email
import io
import json
from email import policy
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xmlschema
from click.testing import CliRunner

from credit_tracker.cli import cli, use_color
from credit_tracker.domain.models import SourceAuthor
from credit_tracker.store.folder import Store
from tests.conftest import DATA

AIMMS = "10.5555/aimms-mentoring-2025"
KEPT = " Ille\u0301s \u0645\u0647\u0631\u200c\u0622\u0631\u0627"
HOSTILE = (
    "=Evil\x1b]0;pwned\x07\x1b[31m<img src=x>*b*|[l](http://e.vil) \u202eseR\u202c\u2066%0A\r\n"
    "::warning::x\u2028\ufeff\x85\x7f\x00 Ja\u200dne" + KEPT
)
TITLE = "Title\x1b]0;t\x07\u202e\n::error::t"
EXTRA_ID = "ct-fa193ef2d419"  # the author-extra finding about the hostile name
# What a reader sees: each hidden character as an escape, everything on one line.
SHOWN = (
    r"=Evil\x1b]0;pwned\x07\x1b[31m<img src=x>*b*|[l](http://e.vil) \u202eseR\u202c\u2066%0A\r\n"
    r"::warning::x\u2028\ufeff\x85\x7f\x00 Ja\u200dne" + KEPT
)
TITLE_SHOWN = r"Title\x1b]0;t\x07\u202e\n::error::t"
# Markdown: the same, with the escapes' backslashes and the markup characters escaped.
MD_SHOWN = (
    r"=Evil\\x1b\]0;pwned\\x07\\x1b\[31m&lt;img src=x&gt;\*b\*\|\[l\](http://e.vil) "
    r"\\u202eseR\\u202c\\u2066%0A\\r\\n::warning::x\\u2028\\ufeff\\x85\\x7f\\x00 Ja\\u200dne" + KEPT
)
MD_TITLE = r"Title\\x1b\]0;t\\x07\\u202e\\n::error::t"
# Drafts' Markdown: no HTML entities; < and > are backslash-escaped like the other markup.
MD_TEXT_SHOWN = MD_SHOWN.replace("&lt;img src=x&gt;", r"\<img src=x\>")
# JSON: the exact value, each hidden character (the kept ZWNJ too) written as a JSON \u escape.
JSON_SHOWN = (
    r"=Evil\u001b]0;pwned\u0007\u001b[31m<img src=x>*b*|[l](http://e.vil) \u202eseR\u202c"
    r"\u2066%0A\r\n::warning::x\u2028\ufeff\u0085\u007f\u0000 Ja\u200dne"
    " Ille\u0301s \u0645\u0647\u0631" + r"\u200c" + "\u0622\u0631\u0627"
)
XML_SHOWN = SHOWN.replace("<", "&lt;").replace(">", "&gt;")
EXTRA = "jats shows an author the team's record does not have: "
# Raw characters that must never reach any output (JSON writes them as \u escapes).
RAW = ("\x1b", "\x07", "\u202e", "\u2066", "\u2028", "\ufeff", "\x85", "\x7f", "\x00", "\r")


@pytest.fixture
def hostile(example_records: Path) -> Path:
    """The shipped example, with the hostile name added to the online article's byline and a
    hostile title in the team's record (written past the CLI's own checks, as old data could be)."""
    with Store(example_records).transaction() as data:
        jats = data.snapshots[AIMMS][0]
        extra = SourceAuthor(position=16, raw=HOSTILE, organisation=True)
        data.snapshots[AIMMS][0] = jats.model_copy(update={"authors": [*jats.authors, extra]})
        data.articles[AIMMS].title = TITLE
    return example_records


CASES = {
    "text": (
        ["check"],
        [f"    error author-extra [jats] {EXTRA}{SHOWN} (position 16) ({EXTRA_ID})"],
    ),
    "json": (
        ["check", "--format", "json"],
        [
            f'      "observed": "{JSON_SHOWN}",',
            f'      "message": "{EXTRA}{JSON_SHOWN} (position 16)",',
        ],
    ),
    "junit": (
        ["check", "--format", "junit"],
        [
            f'      <failure message="{EXTRA}{XML_SHOWN} (position 16)" type="author-extra">'
            "error author-extra",
            f"printed: {XML_SHOWN}",
            f"message: {EXTRA}{XML_SHOWN} (position 16)</failure>",
        ],
    ),
    "markdown": (
        ["check", "--format", "markdown"],
        [
            # the job summary's opening table of new findings, then the article's details
            f"| error | `author-extra` | {AIMMS} | {EXTRA}{MD_SHOWN} (position 16) | open "
            f"| `{EXTRA_ID}` |",
            f"| error | `author-extra` | {AIMMS} |  | jats |  | {MD_SHOWN} | open | `{EXTRA_ID}` |",
        ],
    ),
    "github": (
        ["check", "--format", "github"],
        [
            "::error title=author-extra 10.5555/aimms-mentoring-2025::"
            f"{EXTRA}{SHOWN.replace('%0A', '%250A')} (position 16) ({EXTRA_ID})"
        ],
    ),
    "csv": (
        ["check", "--format", "csv"],
        [
            f"{EXTRA_ID},open,author-extra,error,{AIMMS},jats,,,,,'{SHOWN},"
            f"{EXTRA}{SHOWN} (position 16)"
        ],
    ),
    "draft-text": (
        ["correction", "draft", AIMMS],
        [
            f"Subject: Correction request: {TITLE_SHOWN} (doi:{AIMMS})",
            f"  {TITLE_SHOWN}",
            "1. The online article lists an author who is not an author of the article: "
            f"\u201c{SHOWN}\u201d.",
            f"   - Author list: now includes \u201c{SHOWN}\u201d; should be without this name",
        ],
    ),
    "draft-markdown": (
        ["correction", "draft", AIMMS, "--format", "markdown"],
        [
            f"# Correction request: {MD_TITLE} (doi:{AIMMS})",
            f"- **Article:** {MD_TITLE}",
            "## 1. The online article lists an author who is not an author of the article: "
            f"\u201c{MD_TEXT_SHOWN}\u201d.",
            f"| Author list | includes \u201c{MD_TEXT_SHOWN}\u201d | without this name |",
        ],
    ),
    "author": (["author", "jane-illes"], [TITLE_SHOWN]),
}


def _lines_about(text: str) -> list[str]:
    return [line for line in text.splitlines() if "Evil" in line or "Title" in line]


@pytest.mark.parametrize("name", list(CASES))
def test_each_format_shows_the_hostile_name_on_one_line(
    name: str, hostile: Path, runner: CliRunner
) -> None:
    args, expected = CASES[name]
    result = runner.invoke(cli, args)
    assert result.exit_code == (1 if args[0] == "check" else 0), result.output
    assert _lines_about(result.stdout) == expected
    assert not [c for c in RAW if c in result.stdout]
    # only GitHub's own annotations may start a line with `::` (a workflow command in a log)
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == (4 if name == "github" else 0)
    assert len(result.stdout.splitlines()) == result.stdout.count("\n")  # no other line breaks


def test_json_keeps_the_exact_value(hostile: Path, runner: CliRunner) -> None:
    report = json.loads(runner.invoke(cli, ["check", "--format", "json"]).stdout)
    (extra,) = [f for f in report["findings"] if f["id"] == EXTRA_ID]
    assert extra["observed"] == HOSTILE


def test_junit_is_well_formed_and_valid(hostile: Path, runner: CliRunner) -> None:
    text = runner.invoke(cli, ["check", "--format", "junit"]).stdout
    xmlschema.XMLSchema(DATA / "junit" / "junit-10.xsd").validate(text)
    (failure,) = [
        f for f in ElementTree.fromstring(text).iter("failure") if f.get("type") == "author-extra"
    ]
    assert failure.get("message") == f"{EXTRA}{SHOWN} (position 16)"


def test_the_step_summary_gets_the_same_markdown(
    hostile: Path, runner: CliRunner, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    result = runner.invoke(
        cli, ["check", "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.exit_code == 1
    assert _lines_about(summary.read_text(encoding="utf-8")) == CASES["markdown"][1]


def test_the_eml_draft_keeps_headers_and_body_lines_whole(
    hostile: Path, runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "request.eml"
    assert runner.invoke(cli, ["correction", "draft", AIMMS, "--output", str(out)]).exit_code == 0
    raw = out.read_text(encoding="utf-8")
    assert not [c for c in RAW if c in raw.replace("\r\n", "\n")]
    assert not any(line.startswith("::") for line in raw.splitlines())
    message = email.message_from_bytes(
        raw.encode("utf-8"), policy=policy.default
    )  # 8bit: read as bytes
    assert message["Subject"] == f"Correction request: {TITLE_SHOWN} (doi:{AIMMS})"
    assert _lines_about(message.get_content()) == CASES["draft-text"][1][1:]


def test_the_html_report_shows_escapes_as_text(
    hostile: Path, runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    assert runner.invoke(cli, ["report", "--output", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert not [c for c in RAW if c in html]
    assert "<img" not in html and not any(line.startswith("::") for line in html.splitlines())
    # the title in the summary's table: shown with its escapes, as text
    assert f'<span class="doi">{AIMMS}</span> {TITLE_SHOWN}</td>' in html
    # the findings table's data: the printed name exactly as every other format shows it
    data = json.loads(html.split('id="report-data">', 1)[1].split("</script>", 1)[0])
    (extra,) = [row for row in data["rows"] if row[10] == EXTRA_ID]
    assert extra[8] == SHOWN and data["titles"][extra[3]] == TITLE_SHOWN


def test_exports_keep_a_hostile_record_name_on_its_line(
    example_records: Path, runner: CliRunner
) -> None:
    with Store(example_records).transaction() as data:
        jane = data.articles[AIMMS].authors[3]
        printed = jane.printed.model_copy(update={"given": "Jane\u202e\n::error::x"})
        data.articles[AIMMS].authors[3] = jane.model_copy(update={"printed": printed})
    statement = runner.invoke(cli, ["records", "export", AIMMS, "--format", "statement"])
    assert statement.stdout == (
        r"Jane\u202e\n::error::x Illés: Conceptualization, Writing – review & editing." "\n"
    )
    jats = runner.invoke(cli, ["records", "export", AIMMS, "--format", "jats"]).stdout
    names = ElementTree.fromstring(jats).findall(".//given-names")
    assert names[3].text == r"Jane\u202e\n::error::x"
    assert not any(line.startswith("::") for line in jats.splitlines())


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_use_color() -> None:
    assert use_color(_Tty(), {}) is True
    assert use_color(_Tty(), {"NO_COLOR": "1"}) is False
    assert use_color(io.StringIO(), {}) is False

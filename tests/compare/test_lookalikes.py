"""Look-alike letters are named in findings and drafts: 'Zаmаni' with two Cyrillic а (U+0430)
reads as 'Zamani', so a message quoting both would read as no difference.

The records are the shipped example (copied) with the publisher's XML edited to print the
look-alikes: synthetic data, made here.
"""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.cli import cli
from credit_tracker.domain.models import SourceKind
from credit_tracker.domain.names import PersonName
from credit_tracker.domain.scripts import script_note
from credit_tracker.store.folder import Store

AIMMS = "10.5555/aimms-mentoring-2025"
LOOKALIKE = "Z\u0430m\u0430ni"  # Cyrillic а twice
NAMED = "U+0430 CYRILLIC SMALL LETTER A at characters 7 and 9"


def _print_lookalikes(records: Path) -> None:
    with Store(records).transaction() as loaded:
        history = loaded.snapshots[AIMMS]
        jats = next(s for s in reversed(history) if s.source is SourceKind.JATS)
        n = next(i for i, a in enumerate(jats.authors) if a.raw == "Reza Zamani")
        name = PersonName(given="Reza", family=LOOKALIKE)
        jats.authors[n] = jats.authors[n].model_copy(
            update={"raw": f"Reza {LOOKALIKE}", "name": name}
        )


def test_findings_and_drafts_name_the_lookalike_letters(
    example_records: Path, runner: CliRunner
) -> None:
    _print_lookalikes(example_records)
    checked = runner.invoke(cli, ["check", "--format", "json", "--as-of", "2025-06-15"])
    found = [
        f
        for f in json.loads(checked.stdout)["findings"]
        if f["author"] and "Reza" in f["author"]["name"]
    ]
    (finding,) = [f for f in found if f["rule"].startswith("name-")]
    assert (
        "2 Cyrillic letter(s) in a Latin name, look-alikes of the same letters"
        in finding["message"]
    )
    assert NAMED in finding["message"]
    text = runner.invoke(cli, ["check", "--as-of", "2025-06-15"]).stdout
    assert NAMED in text
    for fmt in ("text", "markdown", "eml"):
        draft = runner.invoke(cli, ["correction", "draft", AIMMS, "--format", fmt])
        assert draft.exit_code == 0, draft.output
        shown = draft.stdout
        if fmt == "eml":  # the body of the e-mail, decoded
            message = email.message_from_string(shown, policy=email.policy.default)
            shown = message.get_body(("plain",)).get_content()
        assert "U+0430 CYRILLIC SMALL LETTER A" in shown, fmt
        assert "Latin letters only" in shown, fmt


@pytest.mark.parametrize(
    ("expected", "printed", "note"),
    [
        ("Hallmann", "H\u0430llm\u0430nn", "2 Cyrillic letter(s) in a Latin name, look-alikes"),
        ("Hallmann", "Hallmann", ""),
        ("Illés", "Ille\u0301s", ""),  # an accent decomposed: marks are no letters of a script
        (
            "Ivanov",
            "\u0418\u0432\u0430\u043d\u043e\u0432",
            "6 Cyrillic letter(s) in a Latin name: ",
        ),
        ("\u0418\u0432\u0430\u043d\u043e\u0432", "Ivanov", "6 Latin letter(s) in a Cyrillic name"),
        ("Papadopoulos", "Papad\u03bfpoulos", "1 Greek letter(s) in a Latin name, look-alikes"),
    ],
)
def test_the_note_names_another_scripts_letters(expected: str, printed: str, note: str) -> None:
    said = script_note(expected, printed)
    assert said.startswith(note) if note else said == ""

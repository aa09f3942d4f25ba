"""Each family of outputs is one table: --format's choices, --output's inference and the desk's
downloads are read from it, and every row makes a formatter of its family."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from credit_tracker.cli import cli
from credit_tracker.render.author import AUTHOR_FORMATS
from credit_tracker.render.author.base import AuthorFormat
from credit_tracker.render.drafts import DRAFT_FORMATS
from credit_tracker.render.drafts.base import DraftFormat
from credit_tracker.render.exports import EXPORT_FORMATS
from credit_tracker.render.exports.formats import ExportFormat
from credit_tracker.render.formats import FORMATS
from credit_tracker.render.formats.base import Format
from credit_tracker.render.harvest import HARVEST_FORMATS
from credit_tracker.render.harvest.formats import HarvestFormat
from credit_tracker.render.listing import LIST_FORMATS
from credit_tracker.render.listing.formats import ListFormat
from credit_tracker.render.outputs import Outputs
from credit_tracker.render.team_sheet import TEAM_SHEET_FORMATS
from credit_tracker.render.team_sheet.formats import TeamSheetFormat

FAMILIES = [
    (("check",), FORMATS, Format),
    (("correction", "draft"), DRAFT_FORMATS, DraftFormat),
    (("author",), AUTHOR_FORMATS, AuthorFormat),
    (("harvest",), HARVEST_FORMATS, HarvestFormat),
    (("records", "export"), EXPORT_FORMATS, ExportFormat),
    (("records", "list"), LIST_FORMATS, ListFormat),
    (("person", "list"), LIST_FORMATS, ListFormat),
    (("correction", "list"), LIST_FORMATS, ListFormat),
]
# a command whose --format offers a second family: records export --all (the team's sheet)
SECOND = {("records", "export"): (TEAM_SHEET_FORMATS, TeamSheetFormat)}


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


@pytest.mark.parametrize(
    ("path", "family", "kind"), FAMILIES, ids=[" ".join(path) for path, _f, _k in FAMILIES]
)
def test_format_choices_are_the_table_and_every_row_makes_its_kind(
    path: tuple[str, ...], family: Outputs, kind: type
) -> None:
    (option,) = [p for p in _command(path).params if p.name == "fmt"]
    assert isinstance(option.type, click.Choice)
    second, second_kind = SECOND.get(path, (None, None))
    assert list(option.type.choices) == family.names + (second.names if second else [])
    assert all(isinstance(family[name](), kind) for name in family)
    assert family.default in family
    if second is not None:
        assert all(isinstance(second[name](), second_kind) for name in second)


def test_output_extensions_name_the_format() -> None:
    assert FORMATS.named_by(Path("report.XML")) == "junit"
    assert FORMATS.named_by(Path("report.md")) == "markdown"
    assert FORMATS.named_by(Path("report.html")) == "text"
    assert FORMATS.named_by(None) == "text"
    assert DRAFT_FORMATS.named_by(Path("request.eml")) == "eml"
    assert [DRAFT_FORMATS[n].extension for n in DRAFT_FORMATS] == [".txt", ".md", ".eml"]
    assert DRAFT_FORMATS["eml"].media_type == "message/rfc822"

"""Report formats: one small class per format, each with one `format(report)` method, and the
family's table (FORMATS): name, extensions, media type and how each is made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Output, Outputs, load

if TYPE_CHECKING:
    from credit_tracker.domain.findings import Finding
    from credit_tracker.render.formats.base import Format
    from credit_tracker.render.formats.junit import Subjects

_HERE = "credit_tracker.render.formats"


@dataclass(frozen=True)
class ReportOptions:
    """What a report is told besides the report: each format reads the options it uses."""

    color: bool = False
    show_info: bool = False
    fails: Callable[[Finding], bool] | None = None
    """What fails the run (JUnit's failures, Markdown's 'failing' marks); None: the format's
    own default."""
    subjects: Callable[[], Subjects] | None = None
    """The articles and authors checked, read only when JUnit asks for them."""
    where: str | None = None
    """Where GitHub annotations send the reader for the findings not annotated; None: the
    format's own words."""
    budget: int | None = None
    """Bytes of article details in Markdown (GitHub refuses a job summary over 1 MiB)."""


def _text(o: ReportOptions) -> Format:
    return load(f"{_HERE}.text:TextFormat")(color=o.color, show_info=o.show_info)


def _json(o: ReportOptions) -> Format:
    return load(f"{_HERE}.json_format:JsonFormat")(show_info=o.show_info)


def _junit(o: ReportOptions) -> Format:
    subjects = o.subjects() if o.subjects else None
    return load(f"{_HERE}.junit:JunitFormat")(
        show_info=o.show_info, fails=o.fails, subjects=subjects
    )


def _markdown(o: ReportOptions) -> Format:
    return load(f"{_HERE}.markdown:MarkdownFormat")(
        show_info=o.show_info, fails=o.fails, budget=o.budget
    )


def _github(o: ReportOptions) -> Format:
    where = {"where": o.where} if o.where is not None else {}
    return load(f"{_HERE}.github:GithubFormat")(show_info=o.show_info, **where)


def _csv(o: ReportOptions) -> Format:
    return load(f"{_HERE}.csv_format:CsvFormat")(show_info=o.show_info)


FORMATS: Outputs[ReportOptions, Format] = Outputs(
    Output("text", _text, ReportOptions, (".txt",), "text/plain"),
    Output("json", _json, ReportOptions, (".json",), "application/json"),
    Output("junit", _junit, ReportOptions, (".xml",), "application/xml"),
    Output("markdown", _markdown, ReportOptions, (".md",), "text/markdown"),
    Output("github", _github, ReportOptions, (), "text/plain"),
    Output("csv", _csv, ReportOptions, (".csv",), "text/csv"),
    default="text",
)

__all__ = ["FORMATS", "ReportOptions"]

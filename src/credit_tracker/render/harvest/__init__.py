"""The harvest's formats (formats.py): the new works by team members as tab-separated lines,
Markdown for a job summary, or JSON; and the family's table (HARVEST_FORMATS)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from credit_tracker.render.outputs import Output, Outputs, load, no_options

if TYPE_CHECKING:
    from credit_tracker.render.harvest.formats import HarvestFormat


def _listing(name: str, cls: str, extension: str, media_type: str) -> Output[None, HarvestFormat]:
    path = f"credit_tracker.render.harvest.formats:{cls}"
    return Output(name, lambda _: load(path)(), no_options, (extension,), media_type)


HARVEST_FORMATS: Outputs[None, HarvestFormat] = Outputs(
    _listing("text", "HarvestText", ".txt", "text/tab-separated-values"),
    _listing("markdown", "HarvestMarkdown", ".md", "text/markdown"),
    _listing("json", "HarvestJson", ".json", "application/json"),
    default="text",
)

__all__ = ["HARVEST_FORMATS"]

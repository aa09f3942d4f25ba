"""Report formats: one small class per format, each with one `format(report)` method."""

from __future__ import annotations

from credit_tracker.render.formats.base import Format
from credit_tracker.render.formats.csv_format import CsvFormat
from credit_tracker.render.formats.github import GithubFormat
from credit_tracker.render.formats.json_format import JsonFormat
from credit_tracker.render.formats.junit import JunitFormat
from credit_tracker.render.formats.markdown import MarkdownFormat
from credit_tracker.render.formats.text import TextFormat

FORMATS: dict[str, type[Format]] = {
    "text": TextFormat,
    "json": JsonFormat,
    "junit": JunitFormat,
    "markdown": MarkdownFormat,
    "github": GithubFormat,
    "csv": CsvFormat,
}
EXTENSIONS = {".json": "json", ".xml": "junit", ".md": "markdown", ".csv": "csv", ".txt": "text"}

__all__ = ["EXTENSIONS", "FORMATS", "Format"]

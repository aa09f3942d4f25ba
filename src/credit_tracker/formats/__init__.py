"""Report formats: one small class per format, each with one `format(report)` method."""

from __future__ import annotations

from credit_tracker.formats.base import Format
from credit_tracker.formats.csv_format import CsvFormat
from credit_tracker.formats.github import GithubFormat
from credit_tracker.formats.json_format import JsonFormat
from credit_tracker.formats.junit import JunitFormat
from credit_tracker.formats.markdown import MarkdownFormat
from credit_tracker.formats.text import TextFormat

FORMATS: dict[str, type[Format]] = {
    "text": TextFormat,
    "json": JsonFormat,
    "junit": JunitFormat,
    "markdown": MarkdownFormat,
    "github": GithubFormat,
    "csv": CsvFormat,
}
EXTENSIONS = {".json": "json", ".xml": "junit", ".md": "markdown", ".csv": "csv", ".txt": "text"}

__all__ = ["FORMATS", "EXTENSIONS", "Format"]

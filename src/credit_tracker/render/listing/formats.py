"""A list command's rows as text lines, CSV or JSON. Pure.

A `Listing` carries each row twice: as the line a person reads (what the command always
printed) and as named fields, the same in CSV and JSON. The fields are a contract (documented in
the README): new ones may be added, none renamed or removed.
"""

from __future__ import annotations

import csv
import io
import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

Value = str | int | bool | list[str] | None


@dataclass(frozen=True)
class Listing:
    """The rows of one list: their fields by name, in `fields` order, and their text lines."""

    fields: list[str]
    rows: list[dict[str, Value]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


class ListFormat(ABC):
    """Turns a listing into the whole text written."""

    @abstractmethod
    def render(self, listing: Listing) -> str:
        """Return the listing as text."""


class ListText(ListFormat):
    """A line per row, tab-separated, as people read it."""

    def render(self, listing: Listing) -> str:
        return "".join(f"{line}\n" for line in listing.lines)


class ListCsv(ListFormat):
    """A header of the field names and a row per item; lists joined with '; ', None empty."""

    def render(self, listing: Listing) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(listing.fields)
        for row in listing.rows:
            writer.writerow([_cell(row.get(name)) for name in listing.fields])
        return out.getvalue()


class ListJson(ListFormat):
    """One JSON list of objects, each with every field (null where there is no value)."""

    def render(self, listing: Listing) -> str:
        data = [{name: row.get(name) for name in listing.fields} for row in listing.rows]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)

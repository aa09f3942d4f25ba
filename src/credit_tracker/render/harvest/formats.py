"""The harvest's formats: the works by team members as tab-separated lines, CSV, Markdown for a
job summary, or JSON.

Each lists the new articles first, then the preprints of tracked articles (under the article),
then works of other kinds (datasets, book chapters, preprints of nothing tracked), apart.
Titles and names are Crossref's, untrusted: the lines show their hidden characters as escapes
(one work, one line; a tab cannot add a column), Markdown escapes them too, and JSON writes
them as \\u escapes (the values exact, the bytes safe to print)."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable

from credit_tracker.domain.runs import NewWork, WorkGroup
from credit_tracker.domain.text import json_visible, visible
from credit_tracker.render.formats.markdown import escape
from credit_tracker.render.listing.formats import ListCsv, Listing, Value

_ORDER = {WorkGroup.NEW: 0, WorkGroup.PREPRINT: 1, WorkGroup.OTHER: 2}


class HarvestFormat(ABC):
    """Turns the new works into text; `names` gives each team member's name by person id."""

    @abstractmethod
    def render(self, works: Iterable[NewWork], names: dict[str, str]) -> str:
        """Return the whole listing as text."""


def grouped(works: Iterable[NewWork]) -> list[NewWork]:
    """The works in listing order: new articles, preprints of tracked ones, other kinds."""
    return sorted(works, key=lambda w: (_ORDER[w.group], w.preprint_of or "", w.doi))


def _members(work: NewWork, names: dict[str, str]) -> str:
    return ", ".join(names.get(m, m) for m in work.members)


def _where(work: NewWork) -> str:
    """The third column of a text line: who is on a new article, or why it is listed apart."""
    if work.group is WorkGroup.PREPRINT:
        return f"preprint of: {work.preprint_of}"
    if work.group is WorkGroup.OTHER:
        return f"type: {work.type}"
    return ""


class HarvestText(HarvestFormat):
    """A line per work: DOI, title, (for one listed apart) why, the team members on it, every
    author; tab-separated."""

    def render(self, works: Iterable[NewWork], names: dict[str, str]) -> str:
        return "".join(
            f"{visible(w.doi)}\t{visible(w.title)}\t"
            + (f"{visible(_where(w))}\t" if w.group is not WorkGroup.NEW else "")
            + f"team: {visible(_members(w, names))}\tauthors: {visible('; '.join(w.shown))}\n"
            for w in grouped(works)
        )


class HarvestMarkdown(HarvestFormat):
    """A heading with the count, a linked line per work, and the works listed apart below."""

    def render(self, works: Iterable[NewWork], names: dict[str, str]) -> str:
        listed = grouped(works)
        new = [w for w in listed if w.group is WorkGroup.NEW]
        lines = [f"## New works by team members ({len(new)})\n\n"]
        lines += [
            f"- {_link(w.doi)} {escape(w.title)}: {escape(_members(w, names))}\n" for w in new
        ]
        preprints = [w for w in listed if w.group is WorkGroup.PREPRINT]
        if preprints:
            lines.append(f"\n### Preprints of tracked articles ({len(preprints)})\n\n")
            lines += [
                f"- {_link(w.preprint_of or '')}: preprint {_link(w.doi)} {escape(w.title)}\n"
                for w in preprints
            ]
        other = [w for w in listed if w.group is WorkGroup.OTHER]
        if other:
            lines.append(f"\n### Other works ({len(other)})\n\n")
            lines += [f"- {_link(w.doi)} ({escape(w.type)}) {escape(w.title)}\n" for w in other]
        return "".join(lines)


def _link(doi: str) -> str:
    return f"[{escape(doi)}](https://doi.org/{escape(doi)})"


FIELDS = [
    "doi",
    "group",
    "type",
    "preprint_of",
    "year",
    "title",
    "journal",
    "authors",
    "team_members",
]


def _fields(work: NewWork) -> dict[str, Value]:
    """One work as the JSON and CSV formats give it (documented in the README)."""
    return {
        "doi": work.doi,
        "group": work.group.value,
        "type": work.type,
        "preprint_of": work.preprint_of,
        "year": work.year,
        "title": work.title,
        "journal": work.journal,
        "authors": work.shown,
        "team_members": work.members,
    }


class HarvestJson(HarvestFormat):
    """One JSON list: each work's DOI, group, type, the tracked article it is a preprint of,
    year, title, journal, authors as printed and team members."""

    def render(self, works: Iterable[NewWork], names: dict[str, str]) -> str:
        data = [_fields(w) for w in grouped(works)]
        return json_visible(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


class HarvestCsv(HarvestFormat):
    """A header and a row per work, the JSON's fields as columns ('; ' between names)."""

    def render(self, works: Iterable[NewWork], names: dict[str, str]) -> str:
        rows = [_fields(w) for w in grouped(works)]
        return ListCsv().render(Listing(fields=FIELDS, rows=rows))

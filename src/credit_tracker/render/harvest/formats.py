"""The harvest's formats: the new works by team members as tab-separated lines, Markdown for a
job summary, or JSON.

Titles and names are Crossref's, untrusted: the lines show their hidden characters as escapes
(one work, one line; a tab cannot add a column), Markdown escapes them too, and JSON writes
them as \\u escapes (the values exact, the bytes safe to print)."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable

from credit_tracker.domain.runs import NewWork
from credit_tracker.domain.text import json_visible, visible
from credit_tracker.render.formats.markdown import escape


class HarvestFormat(ABC):
    """Turns the new works into text; `names` gives each team member's name by person id."""

    @abstractmethod
    def render(self, works: Iterable[NewWork], names: dict[str, str]) -> str:
        """Return the whole listing as text."""


def _members(work: NewWork, names: dict[str, str]) -> str:
    return ", ".join(names.get(m, m) for m in work.members)


class HarvestText(HarvestFormat):
    """A line per work: DOI, title, the team members on it, every author, tab-separated."""

    def render(self, works: Iterable[NewWork], names: dict[str, str]) -> str:
        return "".join(
            f"{visible(w.doi)}\t{visible(w.title)}\tteam: {visible(_members(w, names))}\t"
            f"authors: {visible('; '.join(w.shown))}\n"
            for w in works
        )


class HarvestMarkdown(HarvestFormat):
    """A heading with the count, and a linked line per work (for a job summary)."""

    def render(self, works: Iterable[NewWork], names: dict[str, str]) -> str:
        listed = list(works)
        lines = [f"## New works by team members ({len(listed)})\n\n"]
        lines += [
            f"- [{escape(w.doi)}](https://doi.org/{escape(w.doi)}) {escape(w.title)}: "
            f"{escape(_members(w, names))}\n"
            for w in listed
        ]
        return "".join(lines)


class HarvestJson(HarvestFormat):
    """One JSON list: each work's DOI, title, journal, authors as printed and team members."""

    def render(self, works: Iterable[NewWork], names: dict[str, str]) -> str:
        data = [
            {
                "doi": w.doi,
                "title": w.title,
                "journal": w.journal,
                "authors": w.shown,
                "team_members": w.members,
            }
            for w in works
        ]
        return json_visible(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"

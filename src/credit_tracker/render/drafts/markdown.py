"""A correction request in Markdown, for a ticket or a shared document; publisher text escaped.

Real tables, no HTML entities: characters Markdown gives a meaning to are backslash-escaped, so
"Writing – review & editing" reads the same in the source as on the page.
"""

from __future__ import annotations

from credit_tracker.domain.drafts import CONFIDENTIAL, CONTRIBUTIONS, KIND_TITLES, Draft
from credit_tracker.render.drafts.base import (
    DraftFormat,
    basis_lines,
    evidence_line,
    signature,
    supporting_lines,
)
from credit_tracker.render.formats.markdown import escape_text as e


class MarkdownDraft(DraftFormat):
    """A table per error; each source cited once; `escape_text` also makes every value visible."""

    def render(self, draft: Draft) -> str:
        lines = [
            *_heading(draft),
            *_items(draft),
            *_evidence(draft),
            *_confirmations(draft),
            *_signature(draft),
            *_supporting(draft),
        ]
        return "\n".join(lines) + "\n"


def _heading(draft: Draft) -> list[str]:
    """The subject, the article and the kind of request, a confidential notice, the greeting."""
    sender = draft.sender.address if draft.sender else None
    lines = [
        f"# {e(draft.subject)}",
        "",
        f"- **To:** {e(draft.addressee)}",
        *([f"- **From:** {e(sender)}"] if sender else []),
        f"- **Article:** {e(draft.title)}",
        f"- **Journal:** {e(draft.journal or '(unknown)')}",
        f"- **DOI:** {draft.article_url}",
        f"- **Type of request:** {'; '.join(KIND_TITLES[kind] for kind in draft.kinds)}",
        "",
    ]
    if CONFIDENTIAL in draft.kinds:
        lines += [
            "> Confidential name change: please update the name without publishing a "
            "correction notice, and do not repeat the former name in any public record.",
            "",
        ]
    return [
        *lines,
        "Dear Editors,",
        "",
        "On behalf of the authors, we ask you to correct the article above.",
        "",
    ]


def _items(draft: Draft) -> list[str]:
    """A table per error: what the record says now and what it should say."""
    lines: list[str] = []
    for number, item in enumerate(draft.items, start=1):
        lines += [f"## {number}. {e(item.headline)}", "", "| | Now | Should be |", "|---|---|---|"]
        lines += [f"| {e(c.label)} | {e(c.now)} | {e(c.correct)} |" for c in item.changes]
        lines.append("")
    return lines


def _evidence(draft: Draft) -> list[str]:
    """Where the errors were seen, and what the correct details rest on."""
    lines = ["## Where we saw these errors", ""]
    lines += [f"- {e(evidence_line(item))}" for item in draft.evidence]
    lines += [
        "",
        "The correct details are those of the authors' own record of the article "
        f"({draft.author_count} authors).",
        "",
    ]
    basis = basis_lines(draft)
    if basis:  # the first line says what the list is; each line after it is an item
        lines += [e(basis[0]), "", *(f"- {e(line[2:])}" for line in basis[1:]), ""]
    return lines


def _confirmations(draft: Draft) -> list[str]:
    """A box for every author to tick, where the request is about contributions."""
    if CONTRIBUTIONS not in draft.kinds:
        return []
    return [
        "## Every author's confirmation",
        "",
        *(f"- [ ] {e(name)}" for name in draft.authors_to_confirm),
        "",
    ]


def _signature(draft: Draft) -> list[str]:
    signed = [e(line) for line in signature(draft.sender)]
    # a backslash at a line's end is Markdown's line break: one signature line per line
    return ["With thanks,", "", *(f"{line}\\" for line in signed[:-1]), signed[-1]]


def _supporting(draft: Draft) -> list[str]:
    """The fragments to deposit, each listed and then printed whole."""
    supporting = supporting_lines(draft, attached=False)
    if not supporting:
        return []
    lines = ["", "## Supporting files", "", e(supporting[0]), ""]
    lines += [f"- `{f.name}`: {e(f.what)}" for f in draft.supporting]
    for f in draft.supporting:
        lines += ["", f"### {f.name}", "", "```xml", f.text.rstrip("\n"), "```"]
    return lines

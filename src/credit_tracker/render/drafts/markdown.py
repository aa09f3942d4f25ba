"""A correction request in Markdown, for a ticket or a shared document; publisher text escaped."""

from __future__ import annotations

from credit_tracker.render.drafts.base import DraftFormat
from credit_tracker.render.formats.markdown import escape
from credit_tracker.rules.corrections import CONFIDENTIAL, CONTRIBUTIONS, KIND_TITLES, Draft


class MarkdownDraft(DraftFormat):
    """Tables per error, with the evidence under each; `escape` also makes every value visible."""

    def render(self, draft: Draft) -> str:
        lines = [
            f"# {escape(draft.subject)}",
            "",
            f"- **Article:** {escape(draft.title)}",
            f"- **Journal:** {escape(draft.journal or '(unknown)')}",
            f"- **DOI:** https://doi.org/{escape(draft.doi)}",
            f"- **To:** {escape(draft.to or '(no publisher address configured)')}",
            f"- **Type of request:** {'; '.join(KIND_TITLES[kind] for kind in draft.kinds)}",
            "",
        ]
        if CONFIDENTIAL in draft.kinds:
            lines += [
                "> Confidential name change: no correction notice, and the former name is not "
                "repeated.",
                "",
            ]
        for number, item in enumerate(draft.items, start=1):
            lines += [
                f"## {number}. {escape(item.headline)}",
                "",
                "| | published | correct |",
                "|---|---|---|",
            ]
            lines += [
                f"| {escape(label)} | {escape(published)} | {escape(correct)} |"
                for label, published, correct in item.rows
            ]
            lines += ["", f"Evidence: {escape(item.evidence)}; {escape(draft.team_record)}.", ""]
        if CONTRIBUTIONS in draft.kinds:
            lines += (
                ["## Every author's confirmation", ""]
                + [f"- [ ] {escape(name)}" for name in draft.authors_to_confirm]
                + [""]
            )
        return "\n".join(lines)

"""A correction request as plain text, ready to paste into a web form or an e-mail."""

from __future__ import annotations

from credit_tracker.render.drafts.base import DraftFormat
from credit_tracker.render.visible import visible as v
from credit_tracker.rules.corrections import CONFIDENTIAL, CONTRIBUTIONS, KIND_TITLES, Draft


class TextDraft(DraftFormat):
    """Plain text; also the body of the .eml draft. Every value from the publisher or the
    records is made visible, so it stays on its line and shows any hidden character."""

    def render(self, draft: Draft) -> str:
        lines = [
            f"To: {v(draft.to or '(no publisher address configured)')}",
            f"Subject: {v(draft.subject)}",
            "",
            "Dear Editors,",
            "",
            f"We ask you to correct the following article: {v(draft.title)}",
            f"Journal: {v(draft.journal or '(unknown)')}",
            f"DOI: https://doi.org/{v(draft.doi)}",
            "",
            "Type of request: " + "; ".join(KIND_TITLES[kind] for kind in draft.kinds),
        ]
        if CONFIDENTIAL in draft.kinds:
            lines += [
                "This includes a confidential name change: please update the name without "
                "publishing a",
                "correction notice, and do not repeat the former name in any public record.",
            ]
        for number, item in enumerate(draft.items, start=1):
            lines += ["", f"{number}. {v(item.headline)}"]
            rows = [(v(label), v(published), v(correct)) for label, published, correct in item.rows]
            width = max(len(row[0]) for row in rows)
            lines.append(f"   {'':<{width}}  published | correct")
            lines += [
                f"   {label:<{width}}  {published} | {correct}"
                for label, published, correct in rows
            ]
            lines.append(f"   Evidence: {v(item.evidence)}; {v(draft.team_record)}.")
        if CONTRIBUTIONS in draft.kinds:
            lines += [
                "",
                "A change to the contributions needs every author's confirmation. The authors are:",
            ]
            lines += [f"   [ ] {v(name)}" for name in draft.authors_to_confirm]
        if draft.route:
            lines += ["", f"(Route: {v(draft.route)})"]
        lines += ["", "With thanks,", ""]
        return "\n".join(lines) + "\n"

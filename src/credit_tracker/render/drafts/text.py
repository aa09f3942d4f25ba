"""A correction request as plain text, ready to paste into a web form or an e-mail.

Written for a journal's editorial office: plain words for each source, lists rather than columns
aligned with spaces (they fall apart in a proportional font), each source cited once with the
article's page beside the machine-readable record, and the sender's signature.
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
from credit_tracker.render.visible import visible as v


class TextDraft(DraftFormat):
    """Plain text; also the body of the .eml draft. Every value from the publisher or the
    records is made visible, so it stays on its line and shows any hidden character."""

    def render(self, draft: Draft) -> str:
        headers = [f"To: {v(draft.addressee)}"]
        if draft.sender is not None and draft.sender.address:
            headers.append(f"From: {v(draft.sender.address)}")
        headers.append(f"Subject: {v(draft.subject)}")
        return "\n".join(headers) + "\n\n" + self.body(draft)

    def body(self, draft: Draft, attached: bool = False) -> str:
        """Return the message without its header lines (the .eml draft's body, its supporting
        files `attached` rather than given in full at the end)."""
        lines = [
            "Dear Editors,",
            "",
            "On behalf of the authors, we ask you to correct the following article:",
            "",
            f"  {v(draft.title)}",
            f"  {v(draft.journal or '(journal unknown)')}",
            f"  {draft.article_url}",
            "",
            "Type of request: " + "; ".join(KIND_TITLES[kind] for kind in draft.kinds),
        ]
        if CONFIDENTIAL in draft.kinds:
            lines += [
                "This includes a confidential name change: please update the name without "
                "publishing a correction notice, and do not repeat the former name in any "
                "public record.",
            ]
        lines += ["", "What needs correcting:"]
        for number, item in enumerate(draft.items, start=1):
            lines += ["", f"{number}. {v(item.headline)}"]
            lines += [
                f"   - {v(c.label)}: now {v(c.now)}; should be {v(c.correct)}" for c in item.changes
            ]
        lines += ["", "Where we saw these errors:"]
        lines += [f"- {v(evidence_line(e))}" for e in draft.evidence]
        lines += [
            "",
            f"The correct details are those of the authors' own record of the article "
            f"({draft.author_count} authors).",
        ]
        basis = basis_lines(draft)
        lines += ["", *(v(line) for line in basis)] if basis else []
        supporting = supporting_lines(draft, attached)
        lines += ["", *(v(line) for line in supporting)] if supporting else []
        if CONTRIBUTIONS in draft.kinds:
            lines += [
                "",
                "A change to the author contributions needs every author's confirmation. "
                "The authors are:",
            ]
            lines += [f"- [ ] {v(name)}" for name in draft.authors_to_confirm]
        lines += ["", "With thanks,", "", *(v(line) for line in signature(draft.sender))]
        if not attached:
            for file in draft.supporting:
                lines += ["", f"----- {file.name} -----", file.text.rstrip("\n")]
        return "\n".join(lines) + "\n"

"""A correction request as an .eml file to open in a mail client (never sent by credit-tracker)."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from credit_tracker.domain.drafts import Draft
from credit_tracker.render.drafts.base import DraftFormat
from credit_tracker.render.drafts.text import TextDraft
from credit_tracker.render.visible import visible


class EmlDraft(DraftFormat):
    """RFC 5322 message; headers are encoded by the email package, so no header injection."""

    def render(self, draft: Draft) -> str:
        message = EmailMessage(policy=SMTP)
        # visible: a line break in publisher or record text would be refused in a header
        if draft.to:
            message["To"] = visible(draft.to)
        if draft.sender is not None and draft.sender.address:
            message["From"] = visible(draft.sender.address)
        message["Subject"] = visible(draft.subject)
        message["X-Unsent"] = "1"  # mail clients open it as a draft
        body = TextDraft().body(draft)
        message.set_content(body, charset="utf-8", cte=transfer_encoding(body))
        # as bytes: the text generator would turn an 8bit body back into base64
        return message.as_bytes().decode("utf-8")


MAX_LINE_OCTETS = 998
"""RFC 5322 section 2.1.1: a line of a message is at most 998 octets."""


def transfer_encoding(body: str) -> str:
    """8bit: the letter reads as itself in any editor or mail client. Not quoted-printable:
    its soft line breaks could start a line of the file with publisher text (a line
    "::error::…" is a workflow command when the file is printed in a GitHub Actions log), where
    the letter's own lines start with its own words. base64 only for a line too long for 8bit."""
    longest = max((len(line.encode("utf-8")) for line in body.splitlines()), default=0)
    return "8bit" if longest <= MAX_LINE_OCTETS else "base64"

"""A correction request as an .eml file to open in a mail client (never sent by credit-tracker)."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from credit_tracker.render.drafts.text import TextDraft
from credit_tracker.rules.corrections import Draft


class EmlDraft:
    """RFC 5322 message; headers are encoded by the email package, so no header injection."""

    def render(self, draft: Draft) -> str:
        message = EmailMessage(policy=SMTP)
        if draft.to:
            message["To"] = draft.to
        message["Subject"] = " ".join(draft.subject.split())  # no line breaks from publisher text
        message["X-Unsent"] = "1"  # mail clients open it as a draft
        body = TextDraft().render(draft).split("\n", 3)[3]  # the To/Subject lines are headers here
        message.set_content(body, charset="utf-8")
        return message.as_string()

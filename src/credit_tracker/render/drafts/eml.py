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
        # base64, always: quoted-printable's soft line breaks can start a line of the file with
        # publisher text (a line "::error::…" is a workflow command when the file is printed in a
        # GitHub Actions log), and the choice no longer depends on the text's letters.
        message.set_content(TextDraft().body(draft, attached=True), charset="utf-8", cte="base64")
        for supporting in draft.supporting:  # the team's record, ready to deposit
            maintype, _, subtype = supporting.media_type.partition("/")
            message.add_attachment(
                supporting.text.encode("utf-8"),
                maintype=maintype,
                subtype=subtype,
                filename=supporting.name,
            )
        return message.as_string()

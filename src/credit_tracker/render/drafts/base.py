"""The interface every correction-request format implements, and the wording they share."""

from __future__ import annotations

from abc import ABC, abstractmethod

from credit_tracker.domain.drafts import Draft, Evidence, Sender

UNSIGNED = "[your name, role and institution: 'credit-tracker office set' fills this in]"


class DraftFormat(ABC):
    """Turns a Draft into the text of one request."""

    @abstractmethod
    def render(self, draft: Draft) -> str:
        """Return the whole request as text."""


def evidence_line(evidence: Evidence) -> str:
    """Say where and when an error was seen, with the article's page beside the record read."""
    how = "recorded" if evidence.note else "retrieved"
    where = evidence.where[0].upper() + evidence.where[1:]
    line = f"{where}, as {how} on {evidence.seen}: {evidence.page} (the article's page)"
    if evidence.machine and evidence.machine != evidence.page:
        line += f"; {evidence.machine} (the record as read)"
    return f"{line}. {evidence.note}" if evidence.note else f"{line}."


def basis_lines(draft: Draft) -> list[str]:
    """What the correct contributions rest on: each author's roles and where they came from."""
    if not draft.basis:
        return []
    return [
        "The correct contributions are these, as the team's record holds them and as each "
        "author's roles came to it:",
        *(f"- {line}" for line in draft.basis),
    ]


def supporting_lines(draft: Draft, attached: bool) -> list[str]:
    """The supporting files listed (attached to an e-mail, else given in full below)."""
    if not draft.supporting:
        return []
    where = "attached" if attached else "below"
    return [
        f"Supporting files ({where}), so that the fix can be applied as sent:",
        *(f"- {f.name}: {f.what}" for f in draft.supporting),
    ]


def signature(sender: Sender | None) -> list[str]:
    """Return the signature's lines: the office's setting, else a reminder to set it."""
    return sender.signature if sender is not None else [UNSIGNED]

"""The interface every correction-request format implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

from credit_tracker.rules.corrections import Draft


class DraftFormat(ABC):
    """Turns a Draft into the text of one request."""

    @abstractmethod
    def render(self, draft: Draft) -> str:
        """Return the whole request as text."""

"""JSON for machines: the CheckReport model as documented in the README (version 1)."""

from __future__ import annotations

import json

from credit_tracker.domain.findings import CheckReport
from credit_tracker.domain.text import json_visible
from credit_tracker.render.formats.base import Format


class JsonFormat(Format):
    """`{"version": 1, "summary": {...}, "findings": [...], "unverified": [...], ...}`.

    Values are exact (a machine needs the publisher's real string); hidden characters are written
    as \\u escapes, so the text is still safe to print on a terminal or in a CI log.
    """

    def format(self, report: CheckReport) -> str:
        data = report.model_dump(mode="json")
        return json_visible(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"

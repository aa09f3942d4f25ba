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
        # `outages` only where a fetch filled it (nightly): a check's JSON is as 0.1.0 wrote it
        data = report.model_dump(mode="json", exclude=set() if report.outages else {"outages"})
        return json_visible(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"

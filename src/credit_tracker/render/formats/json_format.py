"""JSON for machines: the CheckReport model as documented in the README (version 1)."""

from __future__ import annotations

import json
from typing import Any

from credit_tracker.domain.findings import CheckReport
from credit_tracker.domain.text import json_visible
from credit_tracker.render.formats.base import Format

_INTERNAL = {"corrections": {"__all__": {"finding_ids"}}}


class JsonFormat(Format):
    """`{"version": 1, "summary": {...}, "findings": [...], "unverified": [...], ...}`.

    Values are exact (a machine needs the publisher's real string); hidden characters are written
    as \\u escapes, so the text is still safe to print on a terminal or in a CI log.
    """

    def format(self, report: CheckReport) -> str:
        # the requests' finding ids tell the other formats which request a finding is in; the
        # JSON report lists its requests as documented (version 1), without them; `outages`
        # only where a fetch filled it (nightly): a check's JSON is as 0.1.0 wrote it
        exclude: dict[str, Any] = dict(_INTERNAL)
        if not report.outages:
            exclude["outages"] = True
        data = report.model_dump(mode="json", exclude=exclude)
        return json_visible(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"

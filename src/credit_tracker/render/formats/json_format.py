"""JSON for machines: the CheckReport model as documented in the README (version 1)."""

from __future__ import annotations

import json

from credit_tracker.domain.findings import CheckReport
from credit_tracker.render.formats.base import Format


class JsonFormat(Format):
    """`{"version": 1, "summary": {...}, "findings": [...], "unverified": [...], "acknowledged": [...]}`."""

    def format(self, report: CheckReport) -> str:
        return (
            json.dumps(
                report.model_dump(mode="json"), indent=2, ensure_ascii=False, sort_keys=False
            )
            + "\n"
        )

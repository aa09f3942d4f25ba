"""The nightly job summary: the check's Markdown, then what the run did, within GitHub's limit.

GitHub refuses a step's summary over 1 MiB; the whole file is kept under SUMMARY_LIMIT. The
run's section is made first (its list of new works within a share of its own), and the check
takes the rest: every part of it inside the budget, each saying what it left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from credit_tracker.domain.baseline import Bootstrap
from credit_tracker.domain.findings import CheckReport, Finding
from credit_tracker.domain.runs import NewWork
from credit_tracker.render.formats.budget import Part, Room, size
from credit_tracker.render.formats.markdown import NOT_HERE, MarkdownFormat, escape
from credit_tracker.render.lines import bootstrap_line

SUMMARY_LIMIT = 1_000_000
"""Bytes of the whole summary: GitHub's limit is 1 MiB (1,048,576 bytes) a step; the rest is a
margin."""
WORKS_SHARE = 100_000
"""Bytes the list of new works may take."""
FIXED_LISTED = 100
"""Ids of baseline entries seen fixed named in the summary; the baseline file dates them all."""


@dataclass(frozen=True)
class ThisRun:
    """What the nightly run did besides the check, for the summary's last section."""

    fetch: str
    """The fetch line (render.lines.fetch_line)."""
    bootstrap: Bootstrap | None = None
    baseline_fixed: list[str] = field(default_factory=list)
    harvest_error: str | None = None
    works: list[NewWork] | None = None
    """New works by team members; None: no harvest."""


def job_summary(
    report: CheckReport,
    run: ThisRun,
    *,
    fails: Callable[[Finding], bool],
    show_info: bool = False,
    limit: int | None = None,
) -> str:
    """The whole summary, under `limit` bytes (SUMMARY_LIMIT unless given): the check takes
    what the run's section leaves."""
    tail = _run_section(run)
    room = (SUMMARY_LIMIT if limit is None else limit) - size(tail) - 1
    check = MarkdownFormat(show_info=show_info, fails=fails, budget=room)
    return check.format(report).rstrip("\n") + "\n\n" + "\n".join(tail)


def _run_section(run: ThisRun) -> list[str]:
    """What was fetched, the first night's baseline, the fixes dated, the new works."""
    lines = ["## This run", ""]
    if run.bootstrap is not None:
        lines.append(f"- **{escape(bootstrap_line(run.bootstrap))}**")
    lines.append(f"- {escape(run.fetch)}")
    if run.baseline_fixed:
        fixed = ", ".join(f"`{i}`" for i in run.baseline_fixed[:FIXED_LISTED])
        more = len(run.baseline_fixed) - FIXED_LISTED
        fixed += f" and {more} more" if more > 0 else ""
        lines.append(f"- seen fixed tonight (dated in the baseline): {fixed}")
    if run.harvest_error:
        lines.append(f"- new works could not be listed: {escape(run.harvest_error)}")
    lines.append("")
    if run.works == []:
        lines += ["## New works by team members (0)", ""]
    elif run.works is not None:
        works = Part(
            [f"## New works by team members ({len(run.works)})", ""],
            [
                [f"- [{escape(w.doi)}](https://doi.org/{escape(w.doi)}) {escape(w.title)}"]
                for w in run.works
            ],
            tail=[""],
            left_out=lambda n: (
                f"{n} more new work(s) not shown here {NOT_HERE}; `credit-tracker harvest` "
                "lists them all."
            ),
        )
        lines += Room(WORKS_SHARE).fit(works)
    return lines

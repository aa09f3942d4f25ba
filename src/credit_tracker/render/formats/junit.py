"""JUnit XML for CI servers: a test suite per article, a test case per finding or clean article."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from credit_tracker.domain.findings import (
    AcknowledgedFinding,
    CheckReport,
    Finding,
    FindingState,
    Unverified,
)
from credit_tracker.render.formats.base import Entry, Format, entries
from credit_tracker.render.visible import visible_report


class JunitFormat(Format):
    """Failing findings (open or regressed) are <failure>, others pass with their message;
    acknowledged and pending-correction ones are <skipped>; unverified articles are <error>.

    Always well-formed XML: `visible` turns the characters XML 1.0 forbids even as references
    (most C0 controls, lone surrogates, U+FFFE and U+FFFF) into escapes first, and ElementTree
    escapes markup.
    """

    def __init__(self, color: bool = False, fails: Callable[[Finding], bool] | None = None) -> None:
        super().__init__(color)
        self.fails = fails or (lambda finding: True)

    def format(self, report: CheckReport) -> str:
        report = visible_report(report)
        root = Element("testsuites", name="credit-tracker")
        # grouped once: a suite per article must not scan every finding (10,000s of articles)
        found: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries(report):
            found[entry.finding.doi].append(entry)
        acknowledged: dict[str, list[AcknowledgedFinding]] = defaultdict(list)
        for ack in report.acknowledged:
            acknowledged[ack.finding.doi].append(ack)
        unverified: dict[str, list[Unverified]] = defaultdict(list)
        for item in report.unverified:
            unverified[item.doi].append(item)
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for doi in sorted(found.keys() | acknowledged.keys() | unverified.keys()):
            suite = self._suite(root, doi, found[doi], acknowledged[doi], unverified[doi])
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        clean = report.summary.verified - len(found.keys() - unverified.keys())
        if clean > 0:
            suite = SubElement(
                root,
                "testsuite",
                name="articles without findings",
                tests=str(clean),
                failures="0",
                errors="0",
                skipped="0",
            )
            for n in range(clean):
                SubElement(
                    suite, "testcase", classname="credit-tracker", name=f"clean article {n + 1}"
                )
            totals["tests"] += clean
        for key, value in totals.items():
            root.set(key, str(value))
        indent(root)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
        )

    def _suite(
        self,
        root: Element,
        doi: str,
        found: list[Entry],
        acknowledged: list[AcknowledgedFinding],
        unverified: list[Unverified],
    ) -> Element:
        suite = SubElement(root, "testsuite", name=doi)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for entry in found:
            finding = entry.finding
            case = self._case(suite, finding)
            counts["tests"] += 1
            if entry.state is FindingState.PENDING:
                SubElement(case, "skipped", message=entry.note)
                counts["skipped"] += 1
            elif self.fails(finding):
                message = f"{entry.note}: {finding.message}" if entry.note else finding.message
                SubElement(case, "failure", message=message, type=finding.rule).text = self._detail(
                    finding
                )
                counts["failures"] += 1
            else:
                SubElement(case, "system-out").text = f"{finding.severity.value}: {finding.message}"
        for ack in acknowledged:
            case = self._case(suite, ack.finding)
            SubElement(case, "skipped", message=f"acknowledged: {ack.note}")
            counts["tests"] += 1
            counts["skipped"] += 1
        for item in unverified:
            case = SubElement(
                suite, "testcase", classname=doi, name=f"verify {item.source or 'article'}"
            )
            SubElement(case, "error", message=item.reason, type="unverified")
            counts["tests"] += 1
            counts["errors"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
        return suite

    @staticmethod
    def _case(suite: Element, finding: Finding) -> Element:
        who = finding.author.name if finding.author else "article"
        return SubElement(
            suite,
            "testcase",
            classname=finding.doi,
            name=f"{finding.rule} {who} [{finding.source}] {finding.id}",
        )

    @staticmethod
    def _detail(finding: Finding) -> str:
        # Every line starts with a label: a publisher string never begins a line of the file.
        return (
            f"{finding.severity.value} {finding.rule}\n"
            f"expected: {finding.expected or '-'}\n"
            f"printed: {finding.observed or '-'}\n"
            f"message: {finding.message}"
        )

"""JUnit XML for CI servers: a suite per article; every author checked and the article itself
(byline, notices, fetching) get a test case, so a clean article is a passing suite.

A subject with findings gets a case per finding: failing when the finding is open or regressed
and fails under --fail-on, skipped with the note when it is acknowledged (or baselined) or
pending correction, passing (its text in system-out) when it is below --fail-on. A subject with
no findings is one passing case. An article that could not be read has an <error> case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from credit_tracker.domain.findings import CheckReport, Finding, FindingState
from credit_tracker.render.formats.base import Format, entries
from credit_tracker.render.visible import visible, visible_report

Subjects = Mapping[str, Sequence[str]]
"""The articles checked: DOI → the team's authors' printed names, in byline order."""
ARTICLE = "article"
"""The name of each article's own case: byline, notices and whether it could be read."""


@dataclass(frozen=True)
class _Verdict:
    """One finding's outcome: 'failure', 'skipped' or 'pass', with the message to show."""

    finding: Finding
    outcome: str
    note: str = ""


class JunitFormat(Format):
    """A `<testsuite name=DOI>` per article, with cases `1. Jane Illés`, … and `article`.

    Always well-formed XML: `visible` turns the characters XML 1.0 forbids even as references
    (most C0 controls, lone surrogates, U+FFFE and U+FFFF) into escapes first, and ElementTree
    escapes markup. Without `subjects`, only the articles and authors with findings get cases.
    """

    def __init__(
        self,
        color: bool = False,
        show_info: bool = False,
        *,
        fails: Callable[[Finding], bool] | None = None,
        subjects: Subjects | None = None,
    ) -> None:
        super().__init__(color, show_info)
        self.fails = fails or (lambda finding: True)
        self.subjects = subjects

    def format(self, report: CheckReport) -> str:
        report = visible_report(report)
        root = Element("testsuites", name="credit-tracker")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        subjects, verdicts = self._gather(report)
        unverified: dict[str, list[str]] = defaultdict(list)
        for item in report.unverified:
            unverified[item.doi].append(f"{item.source or 'article'}: {item.reason}")
        for doi in sorted(subjects.keys() | verdicts.keys() | unverified.keys()):
            suite = _suite(root, doi, subjects.get(doi, {}), verdicts[doi], unverified[doi])
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        for key, value in totals.items():
            root.set(key, str(value))
        indent(root)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
        )

    def _gather(
        self, report: CheckReport
    ) -> tuple[dict[str, dict[int, str]], dict[str, list[_Verdict]]]:
        """The authors of each article by position, and every finding's verdict by article."""
        subjects: dict[str, dict[int, str]] = {
            doi: {n: visible(name) for n, name in enumerate(names, start=1)}
            for doi, names in (self.subjects or {}).items()
        }
        verdicts: dict[str, list[_Verdict]] = defaultdict(list)
        for entry in entries(report):
            if entry.state is FindingState.PENDING:
                outcome = "skipped"
            else:
                outcome = "failure" if self.fails(entry.finding) else "pass"
            verdicts[entry.finding.doi].append(_Verdict(entry.finding, outcome, entry.note))
        for ack in report.acknowledged:
            verdicts[ack.finding.doi].append(
                _Verdict(ack.finding, "skipped", f"acknowledged: {ack.note}")
            )
        return subjects, verdicts


def _suite(
    root: Element,
    doi: str,
    authors: dict[int, str],
    verdicts: list[_Verdict],
    unverified: list[str],
) -> Element:
    """The article's suite: its authors in byline order, then the article's own cases."""
    suite = SubElement(root, "testsuite", name=doi)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    by_subject: dict[int, list[_Verdict]] = defaultdict(list)
    for verdict in verdicts:
        author = verdict.finding.author
        position = author.position if author else 0
        by_subject[position].append(verdict)
        if author and position not in authors:  # no subjects given: name them from the finding
            authors[position] = author.name
    for position in [*sorted(p for p in authors if p > 0), 0]:
        name = f"{position}. {authors[position]}" if position else ARTICLE
        found = by_subject.get(position, [])
        if position == 0 and unverified:
            case = SubElement(suite, "testcase", classname=doi, name=f"{ARTICLE}: read")
            SubElement(case, "error", message="; ".join(unverified), type="unverified")
            counts["tests"] += 1
            counts["errors"] += 1
        if not found and not (position == 0 and unverified):
            SubElement(suite, "testcase", classname=doi, name=name)
            counts["tests"] += 1
        for verdict in found:
            _case(suite, doi, name, verdict)
            counts["tests"] += 1
            if verdict.outcome != "pass":
                counts["failures" if verdict.outcome == "failure" else "skipped"] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def _case(suite: Element, doi: str, subject: str, verdict: _Verdict) -> None:
    finding = verdict.finding
    name = f"{subject}: {finding.rule} [{finding.source}] {finding.id}"
    case = SubElement(suite, "testcase", classname=doi, name=name)
    if verdict.outcome == "failure":
        message = f"{verdict.note}: {finding.message}" if verdict.note else finding.message
        SubElement(case, "failure", message=message, type=finding.rule).text = _detail(finding)
    elif verdict.outcome == "skipped":
        SubElement(case, "skipped", message=verdict.note)
    else:
        SubElement(case, "system-out").text = f"{finding.severity.value}: {finding.message}"


def _detail(finding: Finding) -> str:
    # Every line starts with a label: a publisher string never begins a line of the file.
    return (
        f"{finding.severity.value} {finding.rule}\n"
        f"expected: {finding.expected or '-'}\n"
        f"printed: {finding.observed or '-'}\n"
        f"message: {finding.message}"
    )

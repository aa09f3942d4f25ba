"""The reports a nightly job publishes, on a made-up report of many findings: annotations that
fit what GitHub shows, a job summary that opens with what is new, JUnit with a case per author."""

from __future__ import annotations

from xml.etree import ElementTree

import xmlschema

from credit_tracker.check.policy import FailPolicy
from credit_tracker.domain.findings import (
    AcknowledgedFinding,
    AuthorRef,
    CheckReport,
    Finding,
    PendingFinding,
    Severity,
    Summary,
    Unverified,
)
from credit_tracker.render.formats.github import GithubFormat
from credit_tracker.render.formats.junit import JunitFormat
from credit_tracker.render.formats.markdown import MarkdownFormat
from tests.conftest import DATA

RULE = {
    Severity.ERROR: "name-spelling",
    Severity.WARNING: "orcid-missing",
    Severity.INFO: "orcid-unauthenticated",
}


def _finding(n: int, severity: Severity, doi: str = "10.5555/a", position: int = 1) -> Finding:
    return Finding(
        id=f"ct-{severity.value[:3]}{n:09d}",
        rule=RULE[severity],
        severity=severity,
        doi=doi,
        sources=["jats"],
        author=AuthorRef(name=f"Author {position}", person=f"p{position}", position=position),
        message=f"{severity.value} number {n}",
    )


def _report(errors: int, warnings: int, infos: int) -> CheckReport:
    # the warnings come first in DOI order: every view must still put the errors first
    findings = [_finding(n, Severity.WARNING, "10.5555/a") for n in range(warnings)]
    findings += [_finding(n, Severity.ERROR, "10.5555/b") for n in range(errors)]
    findings += [_finding(n, Severity.INFO, "10.5555/c") for n in range(infos)]
    summary = Summary(articles=3, verified=3, findings=len(findings), failing=errors + warnings)
    return CheckReport(summary=summary, findings=findings, unverified=[], acknowledged=[])


def test_annotations_errors_first_at_most_ten_of_each_and_where_the_rest_are() -> None:
    text = GithubFormat(where="the full report: report.json").format(_report(23, 12, 80))
    lines = text.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"]
    assert lines[0].endswith("::error number 0 (ct-err000000000)")
    assert lines[20] == (
        "::notice title=credit-tracker::13 more error(s) and 2 more warning(s) not annotated; "
        "the full report: report.json"
    )
    assert lines[21].startswith("80 info finding(s) not listed")  # never annotations
    few = GithubFormat().format(_report(2, 1, 3))
    assert "::notice" not in few and few.count("::error title=") == 2


def test_unverified_articles_lead_the_errors() -> None:
    report = _report(12, 0, 0).model_copy(
        update={"unverified": [Unverified(doi="10.5555/z", source="jats", reason="HTTP 503")]}
    )
    lines = GithubFormat().format(report).splitlines()
    assert lines[0] == "::error title=unverified 10.5555/z::HTTP 503"
    assert "3 more error(s)" in lines[10]


def test_the_summary_opens_with_the_counts_and_the_new_findings() -> None:
    markdown = MarkdownFormat(fails=FailPolicy().fails).format(_report(3, 2, 4))
    lines = markdown.splitlines()
    assert lines[:5] == [
        "# credit-tracker check",
        "",
        "| failing | open | regressed | pending correction | acknowledged | resolved "
        "| unverified | articles |",
        "|---|---|---|---|---|---|---|---|",
        "| **5** | 9 | 0 | 0 | 0 | 0 | 0 | 3 |",
    ]
    new = markdown.index("## New findings (5)")
    assert markdown.index("| error | `name-spelling` | 10.5555/b | error number 0 | open |") > new
    assert markdown.index("error number 2") < markdown.index("warning number 0")
    # then one collapsed block per article, the one with errors first; info in a block of its own
    summaries = [line for line in lines if line.startswith("<details><summary>")]
    assert summaries == [
        "<details><summary>10.5555/b: 3 error</summary>",
        "<details><summary>10.5555/a: 2 warning</summary>",
        "<details><summary>4 info finding(s) not listed (orcid-unauthenticated 4); --show info "
        "lists them</summary>",
    ]
    assert markdown.count("</details>") == 3
    strict = MarkdownFormat(fails=FailPolicy.parse("error").fails).format(_report(3, 2, 4))
    assert "## New findings (3)" in strict


def test_junit_has_a_case_per_author_and_verdicts_that_follow_fail_on() -> None:
    report = CheckReport(
        summary=Summary(articles=1, verified=1),
        findings=[_finding(1, Severity.WARNING, position=2)],
        pending=[
            PendingFinding(
                finding=_finding(2, Severity.ERROR, position=3),
                request="10.5555/a",
                sent="2026-01-01",
                stale_on="2026-03-02",
            )
        ],
        unverified=[],
        acknowledged=[
            AcknowledgedFinding(finding=_finding(3, Severity.ERROR), note="known", at="2026-01-01")
        ],
    )
    subjects = {"10.5555/a": ["Ann One", "Bo Two", "Cy Three", "Di Four"]}
    cases = {}
    for fails, name in (
        (FailPolicy().fails, "warning"),
        (FailPolicy.parse("error").fails, "error"),
    ):
        text = JunitFormat(fails=fails, subjects=subjects).format(report)
        xmlschema.XMLSchema(DATA / "junit" / "junit-10.xsd").validate(text)
        root = ElementTree.fromstring(text)
        cases[name] = {
            c.get("name"): ([k.tag for k in c if k.tag != "system-out"] or ["pass"])[0]
            for c in root.iter("testcase")
        }
        assert root.get("tests") == "5"
    assert cases["warning"] == {
        "1. Ann One: name-spelling [jats] ct-err000000003": "skipped",
        "2. Bo Two: orcid-missing [jats] ct-war000000001": "failure",
        "3. Cy Three: name-spelling [jats] ct-err000000002": "skipped",
        "4. Di Four": "pass",
        "article": "pass",
    }
    assert cases["error"]["2. Bo Two: orcid-missing [jats] ct-war000000001"] == "pass"


def test_the_summary_stays_within_its_budget_and_says_what_it_left_out() -> None:
    findings = [_finding(n, Severity.ERROR, f"10.5555/{n:04d}") for n in range(200)]
    summary = Summary(articles=200, verified=200, findings=200, failing=200)
    report = CheckReport(summary=summary, findings=findings, unverified=[], acknowledged=[])
    whole = MarkdownFormat().format(report)
    cut = MarkdownFormat(budget=10_000).format(report)
    assert len(cut.encode()) < len(whole.encode()) and whole.count("<details>") == 200
    shown = cut.count("<details>")
    assert 0 < shown < 200
    assert f"{200 - shown} more article(s) with findings are not shown here" in cut
    assert "## New findings (200)" in cut and "150 more in the articles' details below." in cut

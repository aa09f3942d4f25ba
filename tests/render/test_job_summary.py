"""The nightly job summary fits GitHub's 1 MiB at any size, and names what it left out.

The store is the benchmarks' synthetic one (bench/make_store.py: made-up articles under
10.5555, saying so in SYNTHETIC.md), generated in tmp_path at 10,000 articles with a flaw in 3
of 4 and a failed Crossref reading in 1 of 10, and checked for real, as nightly checks it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from credit_tracker.check.baseline import updated_baseline
from credit_tracker.domain.baseline import Baseline
from credit_tracker.domain.runs import FetchSummary
from credit_tracker.render.job_summary import SUMMARY_LIMIT, ThisRun, job_summary
from credit_tracker.render.lines import fetch_line
from credit_tracker.services.store_check import CheckOptions, apply_baseline_file, check_store
from credit_tracker.store.baseline_file import write_baseline
from credit_tracker.store.folder import Store
from tests.check.test_bench_store import _generator

GITHUB_LIMIT = 1024 * 1024
AS_OF = date(2026, 12, 1)


def _left_out(text: str, what: str) -> int:
    found = re.findall(rf"^(\d+) more {re.escape(what)} not shown here", text, re.M)
    assert len(found) == 1, what
    return int(found[0])


def test_the_summary_of_10_000_articles_fits_and_names_what_it_left_out(tmp_path: Path) -> None:
    folder = _generator().generate(
        tmp_path / "records", articles=10_000, authors=2, flawed_every=4, unread_every=10
    )
    store = Store(folder)
    # the baseline knows the role-missing errors; the misspellings are new (warnings), the
    # swapped authors info: every block of the summary has thousands of lines to give
    triage = ("author-order=info", "name-spelling=warning")
    options = CheckOptions.parse("warning", triage, AS_OF, 60)
    checked = check_store(store, [], options)
    baseline = tmp_path / "baseline.json"
    errors = CheckOptions.parse("error", triage, AS_OF, 60).policy
    write_baseline(baseline, updated_baseline(Baseline(), checked, errors, "triaged", AS_OF))
    report = apply_baseline_file(checked, baseline, options, checked=None).report
    s = report.summary
    info = s.by_severity["info"]
    assert s.articles == 10_000 and s.unverified == 1_000
    assert min(s.acknowledged, s.by_severity["warning"], info) > 2_000
    run = ThisRun(fetch=fetch_line(FetchSummary()))

    path = tmp_path / "summary.md"
    path.write_text(job_summary(report, run, fails=options.policy.fails), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size <= SUMMARY_LIMIT < GITHUB_LIMIT
    # without the budget it would not fit: the test can fail
    whole = job_summary(report, run, fails=options.policy.fails, limit=10**9)
    assert len(whole.encode()) > GITHUB_LIMIT
    # every block says what it did not show, and what it shows and leaves out adds up
    articles = re.search(r"^## Findings by article \((\d+)\)$", text, re.M)
    assert articles and int(articles.group(1)) > 2_000  # those with a new warning
    shown = text.count("<details><summary>10.5555/")
    left = _left_out(text, "article(s) with findings are")
    assert shown > 0 and shown + left == int(articles.group(1))
    assert _left_out(text, "info finding(s)") + _rows(text, "info") == info
    assert _left_out(text, "acknowledged finding(s)") + text.count("- `ct-") == s.acknowledged
    assert text.count("(HTTP 503, after 5 tries)") == 1_000  # the unverified: every one fits
    assert text.rstrip().endswith(
        "fetch: 0 fetched, 0 changed, 0 not found, 0 failed, "
        "0 XML download(s) (0 failed), 0 request(s)"
    )
    # an article column in every table; roles by their labels, never their URIs
    headers = [line for line in text.splitlines() if line.startswith("| severity |")]
    assert headers and all("| article |" in line for line in headers)
    assert "credit.niso.org" not in text


def _rows(text: str, severity: str) -> int:
    return len(re.findall(rf"^\| {severity} \|", text, re.M))


def test_check_appends_to_the_step_summary_only_what_is_left_under_the_limit(
    example_records: Path, tmp_path: Path
) -> None:
    """`check --format github` appends its Markdown to the step's summary: within what the
    earlier steps' lines leave of the limit, saying what it left out."""
    from click.testing import CliRunner

    from credit_tracker.cli import cli

    summary = tmp_path / "summary.md"
    earlier = "x" * 99 + "\n"
    summary.write_text(earlier * ((SUMMARY_LIMIT - 1_200) // 100))
    result = CliRunner().invoke(
        cli, ["check", "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.exit_code == 1
    assert summary.stat().st_size <= SUMMARY_LIMIT
    added = summary.read_text().rsplit(earlier, 1)[1]
    assert added.startswith("# credit-tracker check")
    assert "1 more article(s) with findings are not shown here" in added

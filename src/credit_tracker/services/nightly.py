"""The nightly run: fetch (refreshing the XML of articles still open), harvest, check, baseline.

One comparison feeds every report the job publishes, so the annotations, the job summary, the
JUnit file and the exit code always agree. Nothing here prints or exits: the cli renders the
result and turns it into an exit code.

The nightly job writes only what it owns: the snapshots (their dates too) and the baseline
file. The team's files (team.json, the article shards) are the staff's: the run reads them and
leaves them byte for byte as they were, so a night's commit and a day's edits never touch the
same file and merge without a conflict. Filling a record's missing title from Crossref is left
to the staff's own `fetch`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from credit_tracker.check.baseline import apply_baseline, marked_fixed, updated_baseline
from credit_tracker.check.policy import FailPolicy
from credit_tracker.domain.baseline import Baseline, BaselineExisted, Bootstrap, Bootstrapped
from credit_tracker.domain.errors import FetchError, RunStopped, TransportFailure
from credit_tracker.domain.findings import CheckReport
from credit_tracker.domain.models import RequestState
from credit_tracker.domain.records import Records
from credit_tracker.domain.verdict import Verdict
from credit_tracker.services.clients import Clients
from credit_tracker.services.fetch import Fetcher, FetchSummary
from credit_tracker.services.harvest import HarvestResult, harvest
from credit_tracker.services.store_check import CheckOptions, check_store, subjects
from credit_tracker.sources.crossref import CrossrefClient
from credit_tracker.store.baseline_file import read_baseline, write_baseline
from credit_tracker.store.folder import SNAPSHOTS, Store
from credit_tracker.store.harvest_file import read_decisions

# A request in one of these states still waits on the publisher: its article's XML is read again
# every night, so the fix is seen the day it is published.
_WAITING = (RequestState.DRAFTED, RequestState.SENT, RequestState.ACKNOWLEDGED)


@dataclass
class NightlyResult:
    """What one nightly run did and found."""

    fetch: FetchSummary
    report: CheckReport
    """The check after the fetch, with the baseline applied (until then, the one before)."""
    subjects: dict[str, list[str]]
    """The articles checked: DOI → the team's authors' printed names (JUnit's test cases)."""
    refreshed: frozenset[str] = frozenset()
    """The DOIs whose publisher XML was asked for whatever its age."""
    harvest: HarvestResult | None = None
    harvest_error: str | None = None
    """Why the harvest could not be done; it never fails the run."""
    baseline_fixed: list[str] = field(default_factory=list)
    """Baseline entries whose findings were seen gone tonight: the file records the day."""
    bootstrap: Bootstrap | None = None
    """What --bootstrap-baseline did: wrote the first baseline, or found one; None: not asked."""

    @property
    def verdict(self) -> Verdict:
        """Anything not fetched or not verified leaves the run incomplete; new failing findings
        (open or regressed, not in the baseline) fail it. The harvest never counts."""
        return Verdict(complete=self.complete, failing=self.report.summary.failing > 0)

    @property
    def complete(self) -> bool:
        """Whether every DOI was fetched and verified (else the run exits 3)."""
        f = self.fetch
        return not (f.failed or f.xml_failed or f.stopped or self.report.unverified)


def refresh_set(
    report: CheckReport, team: Records, policy: FailPolicy, baseline: Baseline | None = None
) -> frozenset[str]:
    """Return the DOIs whose publisher XML is read every night: those with a finding at or above
    --fail-on in any state (open, baselined, acknowledged, pending, regressed), those with a
    correction request still waiting, and those with fixed baseline entries (to see a fix
    undone); publishers often change the XML without any change at Crossref."""
    findings = [*report.findings, *(r.finding for r in report.regressed)]
    findings += [p.finding for p in report.pending]
    findings += [a.finding for a in report.acknowledged]
    dois = {f.doi for f in findings if policy.fails(f)}
    dois |= {r.doi for r in team.corrections.values() if r.state in _WAITING}
    return frozenset(dois | (baseline.watched() if baseline else set()))


@dataclass
class Nightly:
    """A nightly run over a records folder with the given clients."""

    store: Store
    fetcher: Fetcher
    crossref: CrossrefClient | None = None
    """For the harvest; None: no harvest."""
    options: CheckOptions = field(default_factory=CheckOptions)
    baseline_path: Path | None = None
    harvest_since: str | None = None
    bootstrap: bool = False
    """The first night: with no file at `baseline_path` yet, write it from tonight's findings."""

    def run(self, dois: list[str]) -> NightlyResult:
        """Fetch, harvest, check; date the baseline's fixes (or, the first night, write the
        baseline). Raises the store's and input errors (a DOI not tracked, a baseline file that
        is not one) before anything is fetched."""
        path = self.baseline_path
        first_night = self.bootstrap and path is not None and not path.exists()
        baseline = read_baseline(path) if path else None
        before = check_store(self.store, dois, self.options)  # today's snapshots, not yet read
        refresh = refresh_set(before, self.store.load_team(), self.options.policy, baseline)
        checked = subjects(self.store, dois)
        fetcher = replace(self.fetcher, refresh_xml=refresh)
        result = NightlyResult(
            fetch=fetcher.run(self.store, list(checked)),
            report=before,
            subjects=checked,
            refreshed=refresh,
        )
        self._harvest(result)
        report = check_store(self.store, dois, self.options)
        if path is not None and first_night:
            baseline = self._bootstrap(path, report, set(dois) or None, result)
        elif path is not None and self.bootstrap:
            result.bootstrap = BaselineExisted(path=str(path))
        if baseline is not None:
            report = self._baseline(report, baseline, set(dois) or None, result)
        # the services that answered nothing tonight: each said once in every report
        result.report = report.model_copy(update={"outages": result.fetch.outages})
        return result

    def _bootstrap(
        self, path: Path, report: CheckReport, checked: set[str] | None, result: NightlyResult
    ) -> Baseline:
        """Write the first baseline at `path` from tonight's findings (those failing under
        --fail-on) and return it. Articles that could not be read tonight are not in it: their
        findings are new the night they are read."""
        today = self.options.today or date.today()
        note = "known on the first night (nightly --bootstrap-baseline)"
        first = updated_baseline(Baseline(), report, self.options.policy, note, today, checked)
        write_baseline(path, first)
        result.bootstrap = Bootstrapped(
            path=str(path),
            known=len(first.findings),
            unverified=len({u.doi for u in report.unverified}),
        )
        return first

    def _harvest(self, result: NightlyResult) -> None:
        if self.crossref is None:
            return
        try:
            records, decisions = self.store.load(), read_decisions(self.store)
            result.harvest = harvest(self.crossref, records, self.harvest_since, 100, decisions)
        except (TransportFailure, RunStopped, FetchError) as exc:
            result.harvest_error = f"Crossref could not list the team's works: {exc.reason}"

    def _baseline(
        self,
        report: CheckReport,
        baseline: Baseline,
        checked: set[str] | None,
        result: NightlyResult,
    ) -> CheckReport:
        """Apply the baseline, and write the day of tonight's fixes into the file."""
        today = self.options.today or date.today()
        marked = marked_fixed(baseline, report, today, checked)
        result.baseline_fixed = sorted(
            i for i, e in marked.findings.items() if e != baseline.findings[i]
        )
        if result.baseline_fixed and self.baseline_path is not None:
            write_baseline(self.baseline_path, marked)
        return apply_baseline(report, baseline, self.options.policy, today, checked)


def run_nightly(
    store: Store,
    clients: Clients,
    dois: list[str],
    *,
    options: CheckOptions,
    baseline: Path | None,
    xml_max_age: timedelta,
    harvest_since: str | None,
    bootstrap: bool = False,
) -> NightlyResult:
    """The nightly job over a records folder: see `Nightly.run`; it writes the snapshots and
    the baseline file, nothing else. `harvest_since` None: no harvest; `bootstrap`: write the
    baseline from tonight's findings if it does not exist."""
    nightly = Nightly(
        store=store.writing_only(SNAPSHOTS),
        fetcher=Fetcher(
            crossref=clients.crossref,
            publisher=clients.publisher,
            fulltext=clients.fulltext,
            xml_max_age=xml_max_age,
            fill_metadata=False,
        ),
        crossref=clients.crossref if harvest_since is not None else None,
        options=options,
        baseline_path=baseline,
        harvest_since=harvest_since,
        bootstrap=bootstrap,
    )
    return nightly.run(dois)

"""The desk's long actions, run in a thread with progress: fetch, and adding DOIs by Crossref.

Their clients come from services/clients.py, as the commands' do (the settings from the
environment: politeness, retries, the request deadline and the body cap), and they call the
same services; the job keeps the summary lines.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from credit_tracker.desk.memory import DeskState, Job
from credit_tracker.domain.errors import CreditTrackerError, InputError
from credit_tracker.render.lines import failure_lines, fetch_line
from credit_tracker.services.clients import Clients
from credit_tracker.services.fetch import fetch_articles, tracked_dois
from credit_tracker.services.onboard import add_articles, read_members


def start(state: DeskState, kind: str, work: Callable[[Job], None]) -> Job:
    """Run `work` in a thread as a new job; InputError while another job runs."""
    if state.running() is not None:
        raise InputError("a fetch or an addition is still running; wait for it", field="job")
    job = state.new_job(kind)

    def run() -> None:
        try:
            work(job)
        except CreditTrackerError as exc:
            job.error = str(exc)
        except Exception as exc:  # a job must always finish, so that the page stops waiting
            job.error = f"could not complete: {type(exc).__name__}: {exc}"
        finally:
            job.ended.set()

    threading.Thread(target=run, name=f"desk-{kind}", daemon=True).start()
    return job


def fetch_job(state: DeskState, dois: list[str]) -> Callable[[Job], None]:
    """The work of `credit-tracker fetch [DOI...]`."""

    def work(job: Job) -> None:
        clients = Clients.from_env()
        selected = tracked_dois(state.store, dois)
        job.total = len(selected)
        summary = fetch_articles(
            state.store, selected, clients, progress=lambda done, total: _progress(job, done)
        )
        job.lines.append(fetch_line(summary, requests=False))
        job.lines += failure_lines(summary)

    return work


def add_job(state: DeskState, dois: list[str], members: list[str]) -> Callable[[Job], None]:
    """The work of `credit-tracker records add DOI... --members ...`."""

    def work(job: Job) -> None:
        clients = Clients.from_env()
        job.total = len(dois)
        done = add_articles(
            state.store, clients, dois, read_members(members), lambda n, t: _progress(job, n)
        )
        job.lines += [f"added {r.doi}: {len(r.authors)} author(s)" for r in done.added]
        job.lines += [f"already tracked: {r.doi}" for r in done.tracked]
        job.lines += [f"not added: {m.doi}: {m.reason}" for m in done.not_registered]
        job.lines += [f"not added: {f.doi}: could not look it up ({f.reason})" for f in done.failed]
        job.lines.append(
            f"records add: {len(done.added)} added, {len(done.tracked)} already tracked, "
            f"{len(done.not_registered)} not found, {len(done.failed)} could not be looked up"
        )

    return work


def _progress(job: Job, done: int) -> None:
    job.done = done

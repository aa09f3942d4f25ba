"""One person across the team's articles, read through the records index: `author` and the
review desk's person page build the same view here."""

from __future__ import annotations

from datetime import date

from credit_tracker.check.authorship import author_view
from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import run_check
from credit_tracker.domain.author_view import AuthorView
from credit_tracker.domain.models import Person
from credit_tracker.store.records_index import RecordsIndex


def person_view(index: RecordsIndex, person: Person, today: date, stale_after: int) -> AuthorView:
    """Check only the person's own articles and return their view of them."""
    dois = index.dois_of(person.id)
    records = index.load(dois)
    report = run_check(
        records,
        [doi for doi in dois if doi in records.articles],
        FailPolicy(),
        today=today,
        stale_after=stale_after,
    )
    return author_view(records, person, report)

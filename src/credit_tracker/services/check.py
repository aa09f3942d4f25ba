"""A check over a records folder: the named articles, or every shard; and who was checked.

What `check` and `nightly` share. Light on purpose: `check` imports it, and must start quickly
(no HTTP client is imported here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from credit_tracker.check.policy import FailPolicy
from credit_tracker.check.run import run_check, select_dois
from credit_tracker.corrections.requests import STALE_AFTER_DAYS
from credit_tracker.domain.findings import CheckReport, Severity
from credit_tracker.services.pool import check_shards
from credit_tracker.store.folder import ARTICLES, Store, shard_of
from credit_tracker.store.validated import read_article_shard


@dataclass(frozen=True)
class CheckOptions:
    """How a check judges: what fails, severity overrides, the day, when a request is stale."""

    policy: FailPolicy = field(default_factory=FailPolicy)
    severities: dict[str, Severity] = field(default_factory=dict)
    today: date | None = None
    stale_after: int = STALE_AFTER_DAYS


def check_store(store: Store, dois: Iterable[str], options: CheckOptions) -> CheckReport:
    """Return the check of the named DOIs (must be tracked), or of every article shard by shard.

    Raises InputError for a DOI not in the records, StoreError for a store that cannot be read.
    """
    named = list(dois)
    if named:
        records = store.load(named)
        return run_check(
            records,
            select_dois(records, named),
            options.policy,
            options.severities,
            today=options.today,
            stale_after=options.stale_after,
        )
    return check_shards(
        store.load_team(),
        store.shards(),
        store.read_shard,
        options.policy,
        options.severities,
        today=options.today,
        stale_after=options.stale_after,
    )


def subjects(store: Store, dois: Iterable[str] = ()) -> dict[str, list[str]]:
    """Return the team's authors of each article checked (all, or the named DOIs), in order.

    Only the article shards are read (never the snapshots), one at a time.
    """
    named = set(dois)
    found: dict[str, list[str]] = {}
    shards = sorted({shard_of(doi) for doi in named}) if named else store.shards()
    for shard in shards:
        path = str(store.shard_path(ARTICLES, shard))
        for doi, record in read_article_shard(path, ARTICLES).items():
            if not named or doi in named:
                found[doi] = [author.printed.display() for author in record.authors]
    return dict(sorted(found.items()))

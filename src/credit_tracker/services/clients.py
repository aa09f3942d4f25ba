"""Every outside client, built from the settings in one place, for the commands and the desk.

The settings (service addresses, mailto, Crossref token, timeout, request deadline, body cap,
backoff) come from the environment (sources/settings.py); each client is built here from them,
so that a setting reaches every face. It did not when the desk kept its own copy of the
factory: that copy passed neither the deadline nor the body cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from credit_tracker.sources.article_xml import PublisherClient
from credit_tracker.sources.crossref import CrossrefClient, habanero_version
from credit_tracker.sources.fulltext import FullTextClient
from credit_tracker.sources.orcid import OrcidClient
from credit_tracker.sources.settings import PublisherSettings, Services, user_agent
from credit_tracker.sources.transport import PoliteClient

MiB = 1024 * 1024


def polite_client(services: Services) -> PoliteClient:
    """One polite HTTP client: the User-Agent, timeout, deadline, body cap and backoff set."""
    return PoliteClient(
        user_agent(services.mailto, habanero_version()),
        backoff_base=services.backoff_base,
        timeout=services.timeout,
        deadline=services.deadline,
        max_body=int(services.max_body_mb * MiB),
    )


@dataclass
class Clients:
    """The clients one command or one desk job uses, sharing one polite HTTP client (so one
    run's requests are counted, paced and stopped together)."""

    services: Services
    http: PoliteClient

    @classmethod
    def from_env(cls, mailto: str | None = None) -> Clients:
        """Build from the environment; `mailto` (--mailto) wins over CREDIT_TRACKER_MAILTO.
        Raises InputError for a bound that is not a non-negative number."""
        services = Services.from_env(mailto)
        return cls(services=services, http=polite_client(services))

    @cached_property
    def crossref(self) -> CrossrefClient:
        s = self.services
        return CrossrefClient(self.http, s.crossref_url, s.mailto, s.crossref_token)

    @cached_property
    def publisher(self) -> PublisherClient:
        """The publishers' article XML: PLOS, and Europe PMC for the others."""
        return PublisherClient(self.http, self.services.plos_url, self.services.europepmc_url)

    @cached_property
    def fulltext(self) -> FullTextClient:
        """The publishers' full texts: Crossref's links, and the APIs the office has keys for."""
        return FullTextClient(self.http, self.services.publishers or PublisherSettings())

    @cached_property
    def orcid(self) -> OrcidClient:
        return OrcidClient(self.http, self.services.orcid_url)

    @property
    def anonymous(self) -> bool:
        """No mailto: Crossref serves such clients from its slower public pool."""
        return not self.services.mailto

    @property
    def requests(self) -> int:
        """The requests sent so far through these clients."""
        return self.http.counters.requests

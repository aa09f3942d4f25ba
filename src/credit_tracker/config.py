"""Settings read from the environment: service base URLs, the mailto, secrets. No I/O beyond os.environ."""

from __future__ import annotations

import os
from dataclasses import dataclass

from credit_tracker import __version__

PROJECT_URL = "https://github.com/credit-tracker/credit-tracker"


@dataclass(frozen=True)
class Services:
    """Where each outside service lives; every one can point at the stand-in."""

    crossref_url: str
    plos_url: str
    europepmc_url: str
    mailto: str | None
    crossref_token: str | None

    @classmethod
    def from_env(cls, mailto: str | None = None) -> Services:
        env = os.environ
        return cls(
            crossref_url=env.get("CREDIT_TRACKER_CROSSREF_URL", "https://api.crossref.org"),
            plos_url=env.get("CREDIT_TRACKER_PLOS_URL", "https://journals.plos.org"),
            europepmc_url=env.get("CREDIT_TRACKER_EUROPEPMC_URL", "https://www.ebi.ac.uk/europepmc/webservices/rest"),
            mailto=mailto or env.get("CREDIT_TRACKER_MAILTO") or None,
            crossref_token=env.get("CREDIT_TRACKER_CROSSREF_TOKEN") or None,
        )


def user_agent(mailto: str | None, habanero_version: str) -> str:
    """Crossref asks for a User-Agent naming the tool, its version, a URL and a mailto."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"credit-tracker/{__version__} ({PROJECT_URL}{contact}) habanero/{habanero_version}"

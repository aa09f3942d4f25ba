"""Settings from the environment: service base URLs, the mailto, secrets; no other I/O."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from credit_tracker import __version__
from credit_tracker.domain.text import require_safe_text

PROJECT_URL = "https://github.com/credit-tracker/credit-tracker"


@dataclass(frozen=True)
class Services:
    """Where each outside service lives; every one can point at the stand-in."""

    crossref_url: str
    plos_url: str
    europepmc_url: str
    orcid_url: str
    mailto: str | None
    crossref_token: str | None
    backoff_base: float = 1.0
    """Seconds before the first retry; doubled (with jitter) for each further try."""
    timeout: float = 30.0
    """Seconds to wait for an answer before the request counts as failed (and is retried)."""
    deadline: float = 120.0
    """Seconds one request may take in all, however its bytes trickle in."""
    max_body_mb: float = 64.0
    """The largest answer read, in MiB; a larger one fails while it streams in."""
    publishers: PublisherSettings | None = None
    """Where the publishers' full texts and keyed APIs are, and the office's keys."""

    @classmethod
    def from_env(cls, mailto: str | None = None) -> Services:
        """Read the environment; InputError for a mailto holding an invisible or control
        character (it is sent in a header) or a bound that is not a non-negative number."""
        env = os.environ
        if mailto is not None:
            require_safe_text(mailto, field="--mailto")
        return cls(
            crossref_url=env.get("CREDIT_TRACKER_CROSSREF_URL", "https://api.crossref.org"),
            plos_url=env.get("CREDIT_TRACKER_PLOS_URL", "https://journals.plos.org"),
            europepmc_url=env.get(
                "CREDIT_TRACKER_EUROPEPMC_URL", "https://www.ebi.ac.uk/europepmc/webservices/rest"
            ),
            orcid_url=env.get("CREDIT_TRACKER_ORCID_URL", "https://pub.orcid.org/v3.0"),
            mailto=mailto or env.get("CREDIT_TRACKER_MAILTO") or None,
            crossref_token=env.get("CREDIT_TRACKER_CROSSREF_TOKEN") or None,
            backoff_base=_seconds(env, "CREDIT_TRACKER_BACKOFF", default=1.0),
            timeout=_seconds(env, "CREDIT_TRACKER_TIMEOUT", default=30.0),
            deadline=_seconds(env, "CREDIT_TRACKER_DEADLINE", default=120.0),
            max_body_mb=_seconds(env, "CREDIT_TRACKER_MAX_BODY_MB", default=64.0),
            publishers=PublisherSettings.from_env(env),
        )

    @property
    def secrets(self) -> list[str]:
        """Every key and token set: redacted from whatever is stored or shown."""
        found = [self.crossref_token, *(self.publishers.keys if self.publishers else [])]
        return [secret for secret in found if secret]


@dataclass(frozen=True)
class PublisherSettings:
    """The publishers' side: where Crossref's full-text links are fetched, the keyed APIs'
    addresses (each can point at a mirror or the stand-in) and the office's keys (each optional:
    an API without its key is not asked, and its articles say so)."""

    links_url: str | None = None
    """Unset: each link at its own address. Set: `{links_url}/{host}{path}` (a mirror)."""
    springer_nature_url: str = "https://api.springernature.com"
    springer_nature_key: str | None = None
    """Sent as the query parameter `api_key`, as Springer Nature documents."""
    elsevier_url: str = "https://api.elsevier.com"
    elsevier_key: str | None = None
    """Sent in the header `X-ELS-APIKey`, as Elsevier documents."""
    wiley_url: str = "https://api.wiley.com"
    wiley_token: str | None = None
    """Sent in the header `Wiley-TDM-Client-Token`, as Wiley's own client does."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> PublisherSettings:
        return cls(
            links_url=env.get("CREDIT_TRACKER_LINKS_URL") or None,
            springer_nature_url=env.get(
                "CREDIT_TRACKER_SPRINGER_NATURE_URL", cls.springer_nature_url
            ),
            springer_nature_key=env.get("CREDIT_TRACKER_SPRINGER_NATURE_KEY") or None,
            elsevier_url=env.get("CREDIT_TRACKER_ELSEVIER_URL", cls.elsevier_url),
            elsevier_key=env.get("CREDIT_TRACKER_ELSEVIER_KEY") or None,
            wiley_url=env.get("CREDIT_TRACKER_WILEY_URL", cls.wiley_url),
            wiley_token=env.get("CREDIT_TRACKER_WILEY_TDM_TOKEN") or None,
        )

    @property
    def keys(self) -> list[str]:
        found = (self.springer_nature_key, self.elsevier_key, self.wiley_token)
        return [key for key in found if key]


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """A non-negative number from the environment (seconds or MiB), or `default` when unset."""
    text = env.get(name)
    try:
        value = float(text) if text else default
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        from credit_tracker.domain.errors import InputError

        raise InputError(f"{name}={text!r} is not a non-negative number") from None
    return value


def user_agent(mailto: str | None, habanero_version: str) -> str:
    """Crossref asks for a User-Agent naming the tool, its version, a URL and a mailto."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"credit-tracker/{__version__} ({PROJECT_URL}{contact}) habanero/{habanero_version}"

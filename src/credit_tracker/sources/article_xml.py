"""Publisher article XML: PLOS's article files and Europe PMC's full text, fetched politely.

Only fetching lives here; parsing is jats.parse_jats, pure.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from credit_tracker.domain.errors import TransportFailure
from credit_tracker.domain.json_depth import loads
from credit_tracker.sources.health import Service
from credit_tracker.sources.results import CouldNotFetch, Fetched, FetchResult, NotFound
from credit_tracker.sources.transport import PoliteClient

PLOS_URL = "https://journals.plos.org"
EUROPEPMC_URL = "https://www.ebi.ac.uk/europepmc/webservices/rest"

# The journal code inside a PLOS DOI (10.1371/journal.pone.0185809) and the site's journal path.
PLOS_JOURNALS = {
    "pone": "plosone",
    "pbio": "plosbiology",
    "pmed": "plosmedicine",
    "pcbi": "ploscompbiol",
    "pgen": "plosgenetics",
    "ppat": "plospathogens",
    "pntd": "plosntds",
    "pclm": "climate",
    "pdig": "digitalhealth",
    "pgph": "globalpublichealth",
    "pstr": "sustainabilitytransformation",
    "pwat": "water",
    "pmen": "mentalhealth",
    "pcsy": "complexsystems",
}
PLOS_KIND, EUROPEPMC_KIND = "plos", "europepmc"  # each with its own rate window
PLOS = Service("PLOS", (PLOS_KIND,))
EUROPEPMC = Service("Europe PMC", (EUROPEPMC_KIND,))
EUROPEPMC_BATCH = 25  # DOIs per Europe PMC search: one query with OR instead of one per DOI
_PLOS_DOI = re.compile(r"^10\.1371/journal\.([a-z]+)\.\d+$")


XmlResult = FetchResult[bytes]
"""The article XML for a DOI, as it came; not found; or why it could not be had."""


def plos_journal(doi: str) -> str | None:
    """Return the PLOS site journal for a PLOS article DOI, or None."""
    match = _PLOS_DOI.match(doi)
    return PLOS_JOURNALS.get(match.group(1)) if match else None


class PublisherClient:
    """Fetches JATS XML from PLOS for PLOS DOIs, from Europe PMC for the others."""

    services = (PLOS, EUROPEPMC)

    def __init__(
        self, client: PoliteClient, plos_url: str = PLOS_URL, europepmc_url: str = EUROPEPMC_URL
    ) -> None:
        self.client = client
        self.plos_url = plos_url.rstrip("/")
        self.europepmc_url = europepmc_url.rstrip("/")

    @staticmethod
    def service_of(doi: str) -> Service:
        """The service asked for this DOI's XML."""
        return PLOS if plos_journal(doi) is not None else EUROPEPMC

    def fetch_many(self, dois: list[str]) -> dict[str, XmlResult]:
        """Return article XML for each DOI: PLOS directly, the rest through a Europe PMC search."""
        results: dict[str, XmlResult] = {}
        others = []
        for doi in dois:
            journal = plos_journal(doi)
            if journal is not None:
                results[doi] = self._plos(doi, journal)
            else:
                others.append(doi)
        for start in range(0, len(others), EUROPEPMC_BATCH):
            results.update(self._europepmc(others[start : start + EUROPEPMC_BATCH]))
        return results

    def _plos(self, doi: str, journal: str) -> XmlResult:
        url = f"{self.plos_url}/{journal}/article/file"
        return self._get_xml(doi, url, {"id": doi, "type": "manuscript"}, kind=PLOS_KIND)

    def _europepmc(self, dois: list[str]) -> dict[str, XmlResult]:
        """Find the PMCIDs of many DOIs with one search, then fetch each open full text."""
        search = f"{self.europepmc_url}/search"
        query = " OR ".join(f'DOI:"{doi}"' for doi in dois)
        params = {
            "query": query,
            "format": "json",
            "resultType": "lite",
            "pageSize": str(max(25, len(dois) * 2)),
        }
        try:
            answer = self.client.get(search, kind=EUROPEPMC_KIND, params=params)
            if answer.status != 200:
                raise TransportFailure(answer.url, f"HTTP {answer.status}", answer.status)
            found = loads(answer.body)["resultList"]["result"]
        except TransportFailure as exc:
            return {
                doi: CouldNotFetch(doi, search, f"Europe PMC search: {exc.reason}") for doi in dois
            }
        except (ValueError, KeyError, TypeError):
            self.client.fail(search)
            return {
                doi: CouldNotFetch(doi, search, "Europe PMC search: the answer was not JSON")
                for doi in dois
            }
        pmcids = {str(r.get("doi", "")).lower(): r.get("pmcid") for r in found if r.get("pmcid")}
        results: dict[str, XmlResult] = {}
        for doi in dois:
            pmcid = pmcids.get(doi)
            if pmcid is None:
                results[doi] = NotFound(
                    doi, search, "Europe PMC has no open full text for this DOI"
                )
            else:
                results[doi] = self._get_xml(
                    doi,
                    f"{self.europepmc_url}/{quote(pmcid)}/fullTextXML",
                    None,
                    kind=EUROPEPMC_KIND,
                )
        return results

    def _get_xml(self, doi: str, url: str, params: dict[str, str] | None, kind: str) -> XmlResult:
        try:
            answer = self.client.get(url, kind=kind, params=params)
        except TransportFailure as exc:
            return CouldNotFetch(doi, url, exc.reason)
        if answer.status == 404:
            return NotFound(
                doi, answer.url, "the publisher has no article XML at this address (HTTP 404)"
            )
        if answer.status != 200:
            return CouldNotFetch(doi, answer.url, f"HTTP {answer.status}")
        return Fetched(doi, answer.url, answer.body)

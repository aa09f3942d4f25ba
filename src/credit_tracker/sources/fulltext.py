"""The publishers' full texts: Crossref's full-text links and the APIs an office holds keys for.

For a DOI, `FullTextClient.candidates` lists what may be asked, in order: Springer Nature's
open-access JATS API first for its articles (when the office has a key), then the Crossref
record's links as `domain.fulltext.ranked` orders them. A link on a keyed API's host is asked
with the office's key, sent only there and only as the publisher documents it:

- Springer Nature, api.springernature.com: the query parameter `api_key`
  (dev.springernature.com; Springer Nature's own client);
- Elsevier, api.elsevier.com: the header `X-ELS-APIKey` (dev.elsevier.com/tecdoc_text_mining.html);
- Wiley, api.wiley.com and onlinelibrary.wiley.com: the header `Wiley-TDM-Client-Token`
  (Wiley's own `wiley-tdm` client; a recorded answer from onlinelibrary.wiley.com shows it).

An API whose key is not set is not asked (`NoKey`), except onlinelibrary.wiley.com, whose open
articles anyone may fetch. Every answer is a result: `Fetched` (the body), `NotFound` (a dead
link), `NoAccess` (refused, a paywall page, a host stopped) or `CouldNotFetch` (a failure). Keys
never leave this module in a reason or an address: each is redacted, and the address kept is
the publisher's own, without the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from credit_tracker.domain.coverage import Channel
from credit_tracker.domain.errors import HostRefused, TransportFailure
from credit_tracker.domain.fulltext import FullTextLink, LinkFormat, file_address, ranked
from credit_tracker.domain.text import redact
from credit_tracker.parse.documents import is_html
from credit_tracker.sources.results import CouldNotFetch, Fetched, NoAccess, NotFound
from credit_tracker.sources.settings import PublisherSettings
from credit_tracker.sources.transport import PoliteClient

SPRINGER_NATURE_MEMBERS = frozenset({"297"})
"""Crossref member ids whose articles Springer Nature's API serves (Springer Nature, 297)."""
SPRINGER_NATURE_HOST = "api.springernature.com"
WILEY_TDM_HOST = "api.wiley.com"
# Wiley's TDM resources document up to 3 articles a second and 60 requests in 10 minutes, "about
# 10 seconds between requests for sustained use" (Wiley's `wiley-tdm` README); it announces
# nothing in its answers, so that pace is where its window starts.
WILEY_TDM_PACE = (1, 10.0)
REFUSED = frozenset({401, 402, 403, 451})
GONE = frozenset({404, 410})
ACCEPT = {
    LinkFormat.XML: "application/xml, text/xml;q=0.9",
    LinkFormat.PDF: "application/pdf",
    LinkFormat.TEXT: "text/plain",
    LinkFormat.UNSPECIFIED: "application/pdf, application/xml;q=0.9, text/plain;q=0.5",
}


@dataclass(frozen=True)
class KeyedApi:
    """A publisher API opened with the office's key, and how the key is sent."""

    channel: Channel
    name: str
    setting: str
    """The environment variable that holds the key."""
    key: str | None
    header: str | None = None
    param: str | None = None
    required: bool = True
    """False where the host also serves open articles without a key."""

    def sent(self) -> tuple[dict[str, str], dict[str, str]]:
        """The headers and query parameters that carry the key (none without one)."""
        if not self.key:
            return {}, {}
        if self.header:
            return {self.header: self.key}, {}
        return {}, {self.param or "api_key": self.key}


@dataclass(frozen=True)
class Candidate:
    """One place a DOI's full text may be asked for."""

    url: str
    """The publisher's own address (what is stored and shown; never the key)."""
    format: LinkFormat
    host: str
    """The host whose limits the request counts against."""
    api: KeyedApi | None = None
    params: tuple[tuple[str, str], ...] = ()

    @property
    def channel(self) -> Channel:
        """Where a role source read from this candidate came from."""
        if self.api is not None and self.api.key:
            return self.api.channel
        return Channel.LINK_PDF if self.format is LinkFormat.PDF else Channel.LINK_XML


@dataclass(frozen=True)
class NoKey:
    """A keyed API that would be asked, had the office set its key."""

    api: KeyedApi
    url: str


@dataclass(frozen=True)
class FullText:
    """A full text as it came: the bytes, the type the server gave, the candidate asked."""

    body: bytes
    content_type: str
    candidate: Candidate


FullTextResult = Fetched[FullText] | NotFound | NoAccess | CouldNotFetch


class FullTextClient:
    """Fetches publishers' full texts politely, each host within its own limits."""

    def __init__(self, client: PoliteClient, settings: PublisherSettings) -> None:
        self.client = client
        self.settings = settings
        self._apis = {
            SPRINGER_NATURE_HOST: KeyedApi(
                Channel.SPRINGER_NATURE_API,
                "Springer Nature's open-access API",
                "CREDIT_TRACKER_SPRINGER_NATURE_KEY",
                settings.springer_nature_key,
                param="api_key",
            ),
            "api.elsevier.com": KeyedApi(
                Channel.ELSEVIER_API,
                "Elsevier's article retrieval API",
                "CREDIT_TRACKER_ELSEVIER_KEY",
                settings.elsevier_key,
                header="X-ELS-APIKey",
            ),
            WILEY_TDM_HOST: KeyedApi(
                Channel.WILEY_TDM,
                "Wiley's TDM API",
                "CREDIT_TRACKER_WILEY_TDM_TOKEN",
                settings.wiley_token,
                header="Wiley-TDM-Client-Token",
            ),
        }
        wiley = self._apis[WILEY_TDM_HOST]
        self._apis["onlinelibrary.wiley.com"] = KeyedApi(
            Channel.WILEY_TDM, wiley.name, wiley.setting, wiley.key, wiley.header, required=False
        )
        self._bases = {
            SPRINGER_NATURE_HOST: settings.springer_nature_url,
            "api.elsevier.com": settings.elsevier_url,
            WILEY_TDM_HOST: settings.wiley_url,
        }
        self.client.gate(WILEY_TDM_HOST).learn(*WILEY_TDM_PACE)

    @property
    def keys(self) -> list[str]:
        return self.settings.keys

    def candidates(
        self, doi: str, member: str | None, links: list[FullTextLink]
    ) -> tuple[list[Candidate], list[NoKey]]:
        """What may be asked for this DOI, in order, and the keyed APIs left out for want of a
        key."""
        found: list[Candidate] = []
        if member in SPRINGER_NATURE_MEMBERS:
            query = f"doi:{doi}"
            found.append(
                Candidate(
                    url=f"https://{SPRINGER_NATURE_HOST}/openaccess/jats?q={quote(query)}",
                    format=LinkFormat.XML,
                    host=SPRINGER_NATURE_HOST,
                    api=self._apis[SPRINGER_NATURE_HOST],
                    params=(("q", query),),
                )
            )
        for link in ranked(links):
            host = urlsplit(link.url).netloc.lower()
            found.append(Candidate(link.url, link.format, host, api=self._apis.get(host)))
        usable = [c for c in found if c.api is None or c.api.key or not c.api.required]
        skipped = [NoKey(c.api, c.url) for c in found if c not in usable and c.api is not None]
        return usable, skipped

    def fetch(self, doi: str, candidate: Candidate) -> FullTextResult:
        """Ask for one candidate; every outcome is a result, never a raise (but RunStopped)."""
        headers, key_params = candidate.api.sent() if candidate.api else ({}, {})
        headers = {**headers, "Accept": ACCEPT[candidate.format]}
        params = dict(candidate.params) | key_params
        address = self._address(candidate)
        try:
            answer = self.client.get(
                address,
                kind=candidate.host,
                host=candidate.host,
                params=params or None,
                headers=headers,
            )
        except HostRefused as exc:
            return NoAccess(doi, candidate.url, self._redact(exc.reason))
        except TransportFailure as exc:
            reason = self._redact(f"{exc.reason} at {candidate.host}")
            if exc.status == 429:
                return NoAccess(doi, candidate.url, f"refused: {reason}")
            return CouldNotFetch(doi, candidate.url, reason)
        return self._result(doi, candidate, answer.status, answer.body, answer.content_type)

    def _result(
        self, doi: str, candidate: Candidate, status: int, body: bytes, content_type: str
    ) -> FullTextResult:
        where = f"HTTP {status} at {candidate.host}"
        if status in REFUSED:
            return NoAccess(doi, candidate.url, f"refused: {where}")
        if status in GONE:
            return NotFound(doi, candidate.url, f"the link leads nowhere: {where}")
        if status != 200:
            return CouldNotFetch(doi, candidate.url, where)
        if is_html(body):
            if candidate.format is LinkFormat.UNSPECIFIED and not file_address(candidate.url):
                return NotFound(doi, candidate.url, f"a web page, not a file, at {candidate.host}")
            return NoAccess(
                doi,
                candidate.url,
                f"a web page (a paywall?) instead of the file at {candidate.host}",
            )
        return Fetched(doi, candidate.url, FullText(body, content_type, candidate))

    def _address(self, candidate: Candidate) -> str:
        """Where the request goes: the keyed API's configured address, the links' mirror, or
        the link itself."""
        parts = urlsplit(candidate.url)
        rest = parts.path + (f"?{parts.query}" if parts.query and not candidate.params else "")
        if candidate.host in self._bases:
            return self._bases[candidate.host].rstrip("/") + rest
        if self.settings.links_url:
            return f"{self.settings.links_url.rstrip('/')}/{candidate.host}{rest}"
        return candidate.url if not candidate.params else candidate.url.split("?")[0]

    def _redact(self, text: str) -> str:
        return redact(text, self.keys)

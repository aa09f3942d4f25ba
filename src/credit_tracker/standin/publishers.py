"""The stand-in's publisher hosts: full texts at Crossref's links, and the keyed APIs.

`/links/{host}/{path}` answers a link of `host`: the recorded answer (a cassette), else the real
file a derived work's link names, else a synthetic article's template, else 404. `/elsevier/…`
and `/wiley/…` are api.elsevier.com and api.wiley.com, looked up the same way; an Elsevier answer
echoes the request's key headers as the recordings show Elsevier does. `/springer/openaccess/jats`
answers Springer Nature's API: the recorded answer for its DOI with the caller's `api_key`
written into `<apiKey>` (as the recording shows), else an answer with `<total>0</total>`.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from credit_tracker.standin.cassettes import path_key
from credit_tracker.standin.replies import Replier
from credit_tracker.standin.synthetic import synthetic_kind

SPRINGER_PLACEHOLDER = b"SPRINGER-API-KEY-PLACEHOLDER"
_PLACEHOLDER = re.compile(r"<<[\w-]+>>")
_DOI_IN_JATS = re.compile(rb'(<article-id pub-id-type="doi">)[^<]*(</article-id>)')
PAYWALL = b"<!DOCTYPE html><html><body><h1>Purchase this article</h1></body></html>"


class PublisherAnswers(Replier):
    """Answers requests to publisher hosts (kinds named by their host)."""

    def publisher(self, kind: str, path: str, query: dict[str, list[str]], raw: str) -> None:
        if kind == "api.springernature.com":
            self._springer(query)
            return
        rest = re.sub(r"^/(?:links/[^/]+|elsevier|wiley)", "", path)
        recording = self.standin.catalogue.fulltext.get(
            kind + path_key(quote(rest) + (f"?{raw}" if raw else ""))
        )
        if recording is not None:
            headers = {"x-standin": "recorded", **self._echoed(recording.headers)}
            self.send(recording.status, recording.content_type, recording.body, kind, headers)
        elif kind.endswith(".synthetic.example"):
            self._synthetic(kind, rest)
        else:
            self.send(404, "text/plain", b"Not Found", kind)

    def _echoed(self, recorded: dict[str, str]) -> dict[str, str]:
        """The recorded headers, a placeholder for a key replaced by the key the request sent
        under the same name (left out when it sent none)."""
        sent = {name.lower(): value for name, value in self.headers.items()}
        headers = {}
        for name, value in recorded.items():
            if not _PLACEHOLDER.search(value):
                headers[name] = value
            elif name in sent:
                headers[name] = sent[name]
        return headers

    def _springer(self, query: dict[str, list[str]]) -> None:
        asked = query.get("q", [""])[0]
        key = query.get("api_key", [""])[0].encode()
        doi = asked.removeprefix("doi:").lower()
        if not key:
            self.send(401, "text/plain", b"Unauthorized", "api.springernature.com")
            return
        body = self.standin.catalogue.springer.get(doi)
        marker = "recorded"
        if body is None:
            marker = "synthetic"
            body = (
                b'<?xml version="1.0"?><response><apiMessage>This XML was provided by Springer '
                b"Nature</apiMessage><query>"
                + asked.encode()
                + b"</query><apiKey>"
                + SPRINGER_PLACEHOLDER
                + b"</apiKey><result><total>0</total><start>1</start>"
                b"<pageLength>10</pageLength><recordsDisplayed>0</recordsDisplayed></result>"
                b"<records/></response>"
            )
        body = body.replace(SPRINGER_PLACEHOLDER, key)
        self.send(200, "application/xml", body, "api.springernature.com", {"x-standin": marker})

    def _synthetic(self, kind: str, rest: str) -> None:
        templates = self.standin.catalogue.templates
        doi = re.sub(r"\.(?:xml|pdf)$", "", rest.lstrip("/"))
        category = synthetic_kind(doi) or ""
        marker = {"x-standin": "synthetic"}
        if category == "closed":
            self.send(403, "text/html", b"<html><body>Forbidden</body></html>", kind)
        elif category == "paywall":
            self.send(200, "text/html", PAYWALL, kind, marker)
        elif category == "pdf" and "pdf" in templates:
            self.send(200, "application/pdf", templates["pdf"], kind, marker)
        elif category == "format" and "other-xml" in templates:
            self.send(200, "application/xml", templates["other-xml"], kind, marker)
        elif (category == "xml" or category.startswith("host")) and "jats" in templates:
            self.send(200, "application/xml", jats_for(templates["jats"], doi), kind, marker)
        else:
            self.send(404, "text/plain", b"Not Found", kind)


def jats_for(template: bytes, doi: str) -> bytes:
    """The JATS template with this DOI written in as the article's."""
    return _DOI_IN_JATS.sub(lambda m: m.group(1) + doi.encode() + m.group(2), template, count=1)

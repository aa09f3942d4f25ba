"""The stand-in's answers: Crossref works and work lists, ORCID records, PLOS and Europe PMC XML."""

from __future__ import annotations

import re
from typing import Any

from credit_tracker.standin.publishers import PublisherAnswers, jats_for
from credit_tracker.standin.synthetic import synthetic_kind, synthetic_work


class Answers(PublisherAnswers):
    """Answers each kind of request from the catalogue, as the real service would."""

    def route(self, kind: str, path: str, query: dict[str, list[str]], raw_query: str) -> None:
        if "." in kind:
            self.publisher(kind, path, query, raw_query)
        elif kind == "single":
            self._single(path.removeprefix("/crossref/works/").lower(), path, raw_query)
        elif kind == "list" and path.rstrip("/") == "/crossref/works":
            self._list(query)
        elif kind == "plos":
            self._plos(query)
        elif kind == "orcid":
            self._orcid(path.removeprefix("/orcid"))
        elif kind == "europepmc":
            self._europepmc(path, query)
        else:
            self.send(404, "text/plain", b"Resource not found.", kind)

    def _work(self, doi: str) -> dict[str, Any] | None:
        if doi in self.standin.catalogue.works:
            return self.standin.catalogue.works[doi]
        if self.standin.synthetic_prefix and doi.startswith(self.standin.synthetic_prefix):
            authors = self.standin.catalogue.template_authors.get(synthetic_kind(doi) or "")
            return synthetic_work(doi, authors)
        return None

    def _single(self, doi: str, path: str, raw_query: str) -> None:
        key = path.removeprefix("/crossref").lower()
        recording = self.standin.catalogue.recorded.get(key)
        if recording is not None:
            self.send(
                recording.status,
                recording.content_type,
                recording.body,
                "single",
                {"x-standin": "recorded"},
            )
            return
        work = self._work(doi)
        if work is None:
            self.send(404, "text/plain", b"Resource not found.", "single")
            return
        marker = "derived" if doi in self.standin.catalogue.works else "synthetic"
        self.send_json(
            {
                "status": "ok",
                "message-type": "work",
                "message-version": "1.0.0",
                "message": work,
            },
            "single",
            marker,
        )

    def _list(self, query: dict[str, list[str]]) -> None:
        filters = ",".join(query.get("filter", []))
        if "orcid:" in filters:
            self._by_orcid(filters, query)
            return
        dois = [part[4:].lower() for part in filters.split(",") if part.startswith("doi:")]
        rows = int(query.get("rows", ["20"])[0])
        recording = self.standin.catalogue.recorded.get(
            f"/works?filter={filters.lower()}&rows={rows}"
        )
        if recording is not None:  # the recorded answer to exactly this list query
            self.send(
                recording.status,
                recording.content_type,
                recording.body,
                "list",
                {"x-standin": "recorded"},
            )
            return
        items = [work for doi in dois if (work := self._work(doi)) is not None]
        items.reverse()  # Crossref answers in its own order, not the order asked
        self._send_works(
            {
                "total-results": len(items),
                "items": items[:rows],
                "items-per-page": rows,
                "query": {"start-index": 0, "search-terms": None},
            }
        )

    def _by_orcid(self, filters: str, query: dict[str, list[str]]) -> None:
        """Works carrying an ORCID iD, from the recorded items (no recording of this filter
        exists)."""
        wanted = {
            part[6:].rsplit("/", 1)[-1] for part in filters.split(",") if part.startswith("orcid:")
        }
        since = next(
            (part[16:] for part in filters.split(",") if part.startswith("from-index-date:")),
            "",
        )
        rows = int(query.get("rows", ["20"])[0])
        cursor = query.get("cursor", ["*"])[0]
        start = 0 if cursor == "*" else int(cursor.removeprefix("standin-offset-"))
        items = [
            work
            for doi, work in sorted(self.standin.catalogue.works.items())
            if any(
                str(a.get("ORCID", "")).rsplit("/", 1)[-1] in wanted for a in work.get("author", [])
            )
            and str((work.get("indexed") or {}).get("date-time", "9999"))[:10] >= since
        ]
        page = items[start : start + rows]
        self._send_works(
            {
                "total-results": len(items),
                "items": page,
                "items-per-page": rows,
                "next-cursor": f"standin-offset-{start + rows}",
            }
        )

    def _send_works(self, message: dict[str, object]) -> None:
        """A list answer built here (not recorded), in Crossref's envelope."""
        envelope = {
            "status": "ok",
            "message-type": "work-list",
            "message-version": "1.0.0",
            "message": message,
        }
        self.send_json(envelope, "list", "derived")

    def _orcid(self, path: str) -> None:
        """Recorded ORCID answers (rorcid's cassettes); else ORCID's work samples (synthetic)."""
        recording = self.standin.catalogue.orcid.get(path.lower())
        if recording is not None:
            self.send(
                recording.status,
                recording.content_type or "application/json",
                recording.body,
                "orcid",
                {"x-standin": "recorded"},
            )
            return
        match = re.fullmatch(r"/([\dX-]{19})/(works|work/(\d+))", path)
        if (
            match
            and match.group(2) == "works"
            and match.group(1) in self.standin.catalogue.orcid_works
        ):
            self.send_json(
                {"group": self.standin.catalogue.orcid_works[match.group(1)]}, "orcid", "synthetic"
            )
        elif (
            match and match.group(3) and int(match.group(3)) in self.standin.catalogue.orcid_samples
        ):
            self.send(
                200,
                "application/json",
                self.standin.catalogue.orcid_samples[int(match.group(3))],
                "orcid",
                {"x-standin": "synthetic"},
            )
        else:
            self.send(404, "application/json", b'{"error-code": 9016}', "orcid")

    def _plos(self, query: dict[str, list[str]]) -> None:
        doi = query.get("id", [""])[0].lower()
        body = self.standin.catalogue.xml.get(doi) if doi.startswith("10.1371/") else None
        if body is None:
            self.send(404, "text/html", b"<html><body>Page not found</body></html>", "plos")
        else:
            self.send(200, "application/xml", body, "plos", {"x-standin": "recorded"})

    def _europepmc(self, path: str, query: dict[str, list[str]]) -> None:
        pmcids = self.standin.catalogue.pmcids
        if path.rstrip("/") == "/europepmc/search":
            asked = [
                doi.lower() for doi in re.findall(r'DOI:"([^"]+)"', query.get("query", [""])[0])
            ]
            results = [
                {"doi": doi, "pmcid": pmcids.get(doi) or _synthetic_pmcid(doi), "isOpenAccess": "Y"}
                for doi in asked
                if doi in pmcids or self._archived_synthetic(doi)
            ]
            self.send_json(
                {"hitCount": len(results), "resultList": {"result": results}},
                "europepmc",
                "synthetic",
            )
            return
        match = re.fullmatch(r"/europepmc/(PMCSTANDIN\d+|PMCSYNTHETIC-.+)/fullTextXML", path)
        pmcid = match.group(1) if match else ""
        if pmcid.startswith("PMCSYNTHETIC-") and "jats" in self.standin.catalogue.templates:
            doi = pmcid.removeprefix("PMCSYNTHETIC-")
            body = jats_for(self.standin.catalogue.templates["jats"], doi)
            self.send(200, "application/xml", body, "europepmc", {"x-standin": "synthetic"})
            return
        doi = next((d for d, p in pmcids.items() if p == pmcid), None)
        if doi is None:
            self.send(404, "text/plain", b"not found", "europepmc")
        else:
            self.send(
                200,
                "application/xml",
                self.standin.catalogue.xml[doi],
                "europepmc",
                {"x-standin": "recorded"},
            )

    def _archived_synthetic(self, doi: str) -> bool:
        """A synthetic '…synthetic.pmc.<n>' article is in Europe PMC (the JATS template)."""
        prefix = self.standin.synthetic_prefix
        return bool(prefix and doi.startswith(prefix) and synthetic_kind(doi) == "pmc")


def _synthetic_pmcid(doi: str) -> str:
    return f"PMCSYNTHETIC-{doi}"

"""A stand-in for Crossref, PLOS and Europe PMC on 127.0.0.1, replaying recorded real responses.

Tests and benchmarks start it; anyone can, too:

    python -m credit_tracker.standin --data tests/data/fixtures --port 8765

then point credit-tracker at it:

    CREDIT_TRACKER_CROSSREF_URL=http://127.0.0.1:8765/crossref
    CREDIT_TRACKER_PLOS_URL=http://127.0.0.1:8765/plos
    CREDIT_TRACKER_EUROPEPMC_URL=http://127.0.0.1:8765/europepmc

What it answers:
- `/crossref/works/{doi}`: the recorded response byte for byte where a cassette holds one; else a
  work message built from a recorded work item (marked `x-standin: derived`); else 404
  "Resource not found." as Crossref answers.
- For an article XML with no recorded Crossref work, a work derived from the XML's byline
  (no recording holds both for one DOI); it carries `"x-standin": "derived from the article XML"`.
- `/crossref/works?filter=doi:A,doi:B&rows=N`: a work-list of the recorded items for those DOIs
  (derived; the items are the recorded ones, in another order than asked, as Crossref does).
- `/crossref/works?filter=orcid:A,orcid:B,from-index-date:D&rows=N&cursor=*`: the recorded works
  carrying those ORCID iDs, paged with a cursor (derived: no recording of this filter exists).
- `/plos/{journal}/article/file?id={doi}&type=manuscript`: recorded PLOS article XML.
- `/europepmc/search?query=DOI:"..."` and `/europepmc/{PMCID}/fullTextXML`: recorded non-PLOS JATS,
  under a stand-in PMCID (`PMCSTANDIN{n}`, synthetic).
- `/orcid/{orcid}/person`, `/works`, `/work/{put-code}`: rorcid's recorded ORCID answers; for
  the iDs in ORCID's own work samples (orcid-model, synthetic data by ORCID), a works list and the
  sample work (marked `x-standin: synthetic`).
- With `synthetic_prefix` set, DOIs under it get generated works (marked `x-standin: synthetic`),
  for request-count tests and benchmarks that need more DOIs than were ever recorded.

It sends rate-limit headers, counts requests by kind, counts violations of the limits it
announces (and answers 429 to them when `enforce` is on), and injects faults on request.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import random
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

FAULTS = (
    "429",
    "500",
    "502",
    "503",
    "504",
    "reset",
    "timeout",
    "truncated",
    "html",
    "wrong-doi",
    "slow",
    "not-jats",
)


@dataclass
class Fault:
    """One injected fault: which requests it hits, what it does, how many times."""

    kind: str
    """'429', '500', '502', '503', '504', 'reset', 'timeout', 'truncated', 'html', 'wrong-doi', 'slow', 'not-jats'."""
    where: str = ""
    """Hits requests whose kind ('list', 'single', 'plos', 'europepmc') or path contains this; '' hits all."""
    times: int = 1
    """How many requests it hits; -1 for every one."""
    retry_after: str | None = None
    seconds: float = 2.0


@dataclass
class Limits:
    """The limits the stand-in announces per request kind, like Crossref's polite pool in 2026."""

    rate: dict[str, int] = field(default_factory=lambda: {"list": 3, "single": 10})
    interval: float = 1.0
    concurrency: int = 3
    pool: str = "polite"


@dataclass
class Recording:
    status: int
    content_type: str
    body: bytes


def load_cassette(path: Path) -> list[tuple[str, Recording]]:
    """Return (url, recording) for every GET in a vcrpy, Ruby VCR or R vcr cassette."""
    data = yaml_load(path.read_text(encoding="utf-8"))
    interactions = data.get("interactions") or data.get("http_interactions") or []
    out = []
    for interaction in interactions:
        request, response = interaction["request"], interaction["response"]
        if str(request.get("method", "get")).lower() != "get":
            continue
        status = response.get("status") or {"code": response.get("status_code")}  # httpx-era vcrpy
        code = (
            int(status.get("code") or status.get("status_code"))
            if isinstance(status, dict)
            else int(status)
        )
        headers = {
            k.lower(): (v[0] if isinstance(v, list) else v)
            for k, v in (response.get("headers") or {}).items()
        }
        out.append(
            (
                request["uri"],
                Recording(
                    code,
                    str(headers.get("content-type", "")),
                    _body(response.get("body") or {"string": response.get("content", "")}),
                ),
            )
        )
    return out


def yaml_load(text: str) -> Any:
    import yaml  # the stand-in alone needs YAML; the tool itself never loads it

    class Loader(yaml.SafeLoader):
        pass

    # Ruby's VCR writes `!binary` (base64) where vcrpy writes the standard `!!binary`.
    Loader.add_constructor(
        "!binary", lambda loader, node: base64.b64decode(loader.construct_scalar(node))
    )
    return yaml.load(text, Loader=Loader)


def _body(body: dict[str, Any]) -> bytes:
    value = body.get("string", body.get("base64_string", b""))
    if "base64_string" in body and isinstance(value, str):
        value = base64.b64decode(value)
    raw = value.encode("utf-8") if isinstance(value, str) else bytes(value)
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def _path_key(url: str) -> str:
    parts = urlsplit(url)
    return unquote(parts.path).lower() + ("?" + unquote(parts.query) if parts.query else "")


class Catalogue:
    """Everything the stand-in knows, read from a folder of recordings and article XML."""

    def __init__(self) -> None:
        self.recorded: dict[str, Recording] = {}
        self.works: dict[str, dict[str, Any]] = {}
        self.xml: dict[str, bytes] = {}
        self.pmcids: dict[str, str] = {}
        self.orcid: dict[str, Recording] = {}
        self.orcid_samples: dict[int, bytes] = {}
        self.orcid_works: dict[str, list[dict[str, Any]]] = {}

    @classmethod
    def from_folder(cls, folder: Path) -> Catalogue:
        catalogue = cls()
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml"):
                catalogue.add_cassette(path)
            elif path.suffix in (".xml", ".nxml"):
                catalogue.add_xml(path.read_bytes())
            elif path.suffix == ".json" and "orcid" in str(path):
                catalogue.add_orcid_work_sample(path.read_bytes())
        catalogue.derive_works_from_xml()
        return catalogue

    def add_cassette(self, path: Path) -> None:
        for url, recording in load_cassette(path):
            if "pub.orcid.org/v3.0" in url:
                self.orcid.setdefault(urlsplit(url).path.removeprefix("/v3.0").lower(), recording)
            if "api.crossref.org" not in url:
                continue
            self.recorded.setdefault(_path_key(url), recording)
            self._index_works(recording)

    def add_orcid_work_sample(self, data: bytes) -> None:
        """ORCID's own (synthetic) work samples: each contributor's record lists the work."""
        try:
            work = json.loads(data)
        except ValueError:
            return
        if not isinstance(work, dict) or "contributors" not in work:
            return
        put_code = 900000 + len(self.orcid_samples)
        self.orcid_samples[put_code] = data
        dois = [
            i
            for i in (work.get("external-ids") or {}).get("external-id", [])
            if i.get("external-id-type") == "doi"
        ]
        for entry in work["contributors"].get("contributor", []):
            path = (entry.get("contributor-orcid") or {}).get("path")
            if not path:
                continue
            groups = self.orcid_works.setdefault(path, [])
            same = next(
                (
                    g
                    for g in groups
                    if _self_doi(g["external-ids"]["external-id"]) == _self_doi(dois)
                ),
                None,
            )
            if same is None:  # ORCID groups the versions of one work (one per source) together
                groups.append(
                    {
                        "external-ids": {"external-id": dois},
                        "work-summary": [{"put-code": put_code}],
                    }
                )
            elif {"put-code": put_code} not in same["work-summary"]:
                same["work-summary"].append({"put-code": put_code})

    def _index_works(self, recording: Recording) -> None:
        if recording.status != 200 or not recording.body.lstrip().startswith(b"{"):
            return
        try:
            data = json.loads(recording.body)
        except ValueError:
            return
        message = data.get("message") or {}
        items = message.get("items") if data.get("message-type") == "work-list" else [message]
        for item in items or []:
            if isinstance(item, dict) and item.get("DOI"):
                self.works.setdefault(item["DOI"].lower(), item)

    def add_xml(self, data: bytes) -> None:
        match = re.search(rb'<article-id pub-id-type="doi">([^<]+)</article-id>', data)
        if match:
            doi = match.group(1).decode().strip().lower()
            self.xml.setdefault(doi, data)
            if not doi.startswith("10.1371/"):
                self.pmcids.setdefault(doi, f"PMCSTANDIN{len(self.pmcids) + 1}")

    def derive_works_from_xml(self) -> None:
        """Give each article XML without a recorded Crossref work a work derived from its byline.

        No recording holds a Crossref record and a publisher XML for the same DOI; these derived
        works (names, order, ORCID iDs as the XML prints them) fill that gap for tests.
        """
        from credit_tracker.parse.jats import (
            parse_jats,
        )  # the stand-in reuses the tool's own safe parser

        for doi, data in self.xml.items():
            if doi in self.works:
                continue
            article = parse_jats(data, doi)
            authors = []
            for author in article.authors:
                entry: dict[str, Any] = {
                    "sequence": "first" if author.position == 1 else "additional",
                    "affiliation": [],
                }
                if author.organisation or author.name is None:
                    entry["name"] = author.raw
                else:
                    entry.update(given=author.name.given, family=author.name.family_full)
                if author.orcid:
                    entry.update(
                        {
                            "ORCID": f"http://orcid.org/{author.orcid}",
                            "authenticated-orcid": bool(author.orcid_authenticated),
                        }
                    )
                authors.append(entry)
            self.works[doi] = {
                "DOI": doi,
                "type": "journal-article",
                "title": [article.title or ""],
                "author": authors,
                "container-title": [article.journal or ""],
                "deposited": {"date-time": "2020-01-01T00:00:00Z"},
                "x-standin": "derived from the article XML",
            }


def _self_doi(ids: list[dict[str, Any]]) -> str | None:
    return next(
        (
            str(i.get("external-id-value")).lower()
            for i in ids
            if i.get("external-id-relationship") == "self"
        ),
        None,
    )


def synthetic_work(doi: str) -> dict[str, Any]:
    """Return a generated Crossref work for a synthetic DOI: deterministic, and says it is synthetic."""
    rng = random.Random(doi)
    given = ["Ana", "Bo", "Chen", "Dara", "Eli", "Femi", "Gita", "Hugo", "Ines", "Jun"]
    family = [
        "Alves",
        "Berg",
        "Costa",
        "Dahl",
        "Ekwueme",
        "Fischer",
        "García",
        "Høst",
        "Ivanova",
        "Jansen",
    ]
    authors = [
        {
            "given": rng.choice(given),
            "family": rng.choice(family),
            "sequence": "first" if i == 0 else "additional",
            "affiliation": [],
        }
        for i in range(rng.randint(2, 8))
    ]
    return {
        "DOI": doi,
        "type": "journal-article",
        "title": [f"Synthetic work {doi} (generated by the credit-tracker stand-in, not real)"],
        "container-title": ["Synthetic Journal"],
        "author": authors,
        "deposited": {"date-time": "2026-01-01T00:00:00Z"},
        "indexed": {"date-time": "2026-01-02T00:00:00Z"},
    }


class StandIn:
    """The server. Use as a context manager, or call start() and stop()."""

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        limits: Limits | None = None,
        enforce: bool = False,
        synthetic_prefix: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.catalogue = catalogue
        self.limits = limits or Limits()
        self.enforce = enforce
        self.synthetic_prefix = synthetic_prefix
        self.faults: list[Fault] = []
        self.counts: dict[str, int] = {}
        self.log: list[tuple[str, str]] = []
        self.violations = 0
        self._lock = threading.Lock()
        self._arrivals: dict[str, deque[float]] = {}
        self._in_flight = 0
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def base_urls(self) -> dict[str, str]:
        """Return the environment that points credit-tracker at this stand-in."""
        return {
            "CREDIT_TRACKER_CROSSREF_URL": f"{self.url}/crossref",
            "CREDIT_TRACKER_PLOS_URL": f"{self.url}/plos",
            "CREDIT_TRACKER_EUROPEPMC_URL": f"{self.url}/europepmc",
            "CREDIT_TRACKER_ORCID_URL": f"{self.url}/orcid",
        }

    def start(self) -> StandIn:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def inject(self, kind: str, where: str = "", times: int = 1, **options: Any) -> None:
        """Queue a fault: `inject('429', where='list', retry_after='1')`."""
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(FAULTS)}")
        self.faults.append(Fault(kind=kind, where=where, times=times, **options))

    def reset_counts(self) -> None:
        with self._lock:
            self.counts.clear()
            self.log.clear()
            self.violations = 0

    # -- bookkeeping, called by the handler -----------------------------------------------------

    def _arrive(self, kind: str, path: str) -> bool:
        """Count a request; return True when it breaks the announced limits."""
        now = time.monotonic()
        with self._lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.log.append((kind, path))
            self._in_flight += 1
            broken = self._in_flight > self.limits.concurrency
            limit = self.limits.rate.get(kind)
            if limit:
                window = self._arrivals.setdefault(kind, deque())
                while window and window[0] <= now - self.limits.interval:
                    window.popleft()
                window.append(now)
                broken |= len(window) > limit
            if broken:
                self.violations += 1
            return broken

    def _depart(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _take_fault(self, kind: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times != 0 and (
                    not fault.where or fault.where == kind or fault.where in path
                ):
                    if fault.times > 0:
                        fault.times -= 1
                    return fault
        return None

    def rate_headers(self, kind: str) -> dict[str, str]:
        limit = self.limits.rate.get(kind)
        headers = {"x-api-pool": self.limits.pool}
        if limit:
            headers["x-rate-limit-limit"] = str(limit)
            headers["x-rate-limit-interval"] = f"{self.limits.interval:g}s"
            headers["x-concurrency-limit"] = str(self.limits.concurrency)
        return headers


def _kind(path: str, query: dict[str, list[str]]) -> str:
    if path.startswith("/orcid/"):
        return "orcid"
    if path.startswith("/crossref/works/"):
        return "single"
    if path.startswith("/crossref/"):
        return "list"
    if path.startswith("/plos/"):
        return "plos"
    return "europepmc"


def _handler_for(standin: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # quiet: tests read counts, not logs
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path, query = unquote(parts.path), parse_qs(parts.query)
            kind = _kind(path, query)
            broken = standin._arrive(kind, self.path)
            try:
                fault = standin._take_fault(kind, self.path)
                if broken and standin.enforce:
                    self._send(
                        429,
                        "text/plain",
                        b"Too many requests (stand-in enforcing its limits)",
                        kind,
                    )
                elif fault is not None and self._fault(fault, kind, path, query):
                    pass
                else:
                    self._route(kind, path, query, parts.query)
            finally:
                standin._depart()

        def _send(
            self,
            status: int,
            content_type: str,
            body: bytes,
            kind: str,
            extra: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in {**standin.rate_headers(kind), **(extra or {})}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, data: Any, kind: str, marker: str) -> None:
            body = json.dumps(data, ensure_ascii=False).encode("utf-8")
            self._send(200, "application/json;charset=utf-8", body, kind, {"x-standin": marker})

        def _fault(self, fault: Fault, kind: str, path: str, query: dict[str, list[str]]) -> bool:
            """Act out a fault; return False when the request should then be answered normally."""
            if fault.kind in ("429", "500", "502", "503", "504"):
                extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                # Crossref's real 429 was an HTML page without rate-limit headers
                self._send(
                    int(fault.kind), "text/html", b"<html><body>Too busy</body></html>", kind, extra
                )
            elif fault.kind == "reset":
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                self.connection.close()
                self.close_connection = True
            elif fault.kind == "timeout":
                time.sleep(fault.seconds)
                self.close_connection = True
            elif fault.kind == "slow":
                time.sleep(fault.seconds)
                return False
            elif fault.kind == "truncated":
                self._send(
                    200,
                    "application/json",
                    b'{"status":"ok","message-type":"work-list","message":{"items":[{"DOI"',
                    kind,
                )
            elif fault.kind == "html":
                self._send(
                    200,
                    "text/html",
                    b"<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>",
                    kind,
                )
            elif fault.kind == "wrong-doi":
                self._json(
                    {
                        "status": "ok",
                        "message-type": "work",
                        "message": synthetic_work("10.5555/someone-else"),
                    },
                    kind,
                    "fault",
                )
            elif fault.kind == "not-jats":
                self._send(
                    200,
                    "application/xml",
                    b"<?xml version='1.0'?><html><body>not an article</body></html>",
                    kind,
                )
            return True

        def _route(self, kind: str, path: str, query: dict[str, list[str]], raw_query: str) -> None:
            if kind == "single":
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
                self._send(404, "text/plain", b"Resource not found.", kind)

        def _work(self, doi: str) -> dict[str, Any] | None:
            if doi in standin.catalogue.works:
                return standin.catalogue.works[doi]
            if standin.synthetic_prefix and doi.startswith(standin.synthetic_prefix):
                return synthetic_work(doi)
            return None

        def _single(self, doi: str, path: str, raw_query: str) -> None:
            key = path.removeprefix("/crossref").lower()
            recording = standin.catalogue.recorded.get(key)
            if recording is not None:
                self._send(
                    recording.status,
                    recording.content_type,
                    recording.body,
                    "single",
                    {"x-standin": "recorded"},
                )
                return
            work = self._work(doi)
            if work is None:
                self._send(404, "text/plain", b"Resource not found.", "single")
                return
            marker = "derived" if doi in standin.catalogue.works else "synthetic"
            self._json(
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
            recording = standin.catalogue.recorded.get(
                f"/works?filter={filters.lower()}&rows={rows}"
            )
            if recording is not None:  # the recorded answer to exactly this list query
                self._send(
                    recording.status,
                    recording.content_type,
                    recording.body,
                    "list",
                    {"x-standin": "recorded"},
                )
                return
            items = [work for doi in dois if (work := self._work(doi)) is not None]
            items.reverse()  # Crossref answers in its own order, not the order asked
            message = {
                "total-results": len(items),
                "items": items[:rows],
                "items-per-page": rows,
                "query": {"start-index": 0, "search-terms": None},
            }
            self._json(
                {
                    "status": "ok",
                    "message-type": "work-list",
                    "message-version": "1.0.0",
                    "message": message,
                },
                "list",
                "derived",
            )

        def _by_orcid(self, filters: str, query: dict[str, list[str]]) -> None:
            """Works carrying an ORCID iD, from the recorded items (no recording of this filter exists)."""
            wanted = {
                part[6:].rsplit("/", 1)[-1]
                for part in filters.split(",")
                if part.startswith("orcid:")
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
                for doi, work in sorted(standin.catalogue.works.items())
                if any(
                    str(a.get("ORCID", "")).rsplit("/", 1)[-1] in wanted
                    for a in work.get("author", [])
                )
                and str((work.get("indexed") or {}).get("date-time", "9999"))[:10] >= since
            ]
            page = items[start : start + rows]
            message = {
                "total-results": len(items),
                "items": page,
                "items-per-page": rows,
                "next-cursor": f"standin-offset-{start + rows}",
            }
            self._json(
                {
                    "status": "ok",
                    "message-type": "work-list",
                    "message-version": "1.0.0",
                    "message": message,
                },
                "list",
                "derived",
            )

        def _orcid(self, path: str) -> None:
            """Recorded ORCID answers (rorcid's cassettes); ORCID's own work samples (synthetic) otherwise."""
            recording = standin.catalogue.orcid.get(path.lower())
            if recording is not None:
                self._send(
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
                and match.group(1) in standin.catalogue.orcid_works
            ):
                self._json(
                    {"group": standin.catalogue.orcid_works[match.group(1)]}, "orcid", "synthetic"
                )
            elif (
                match and match.group(3) and int(match.group(3)) in standin.catalogue.orcid_samples
            ):
                self._send(
                    200,
                    "application/json",
                    standin.catalogue.orcid_samples[int(match.group(3))],
                    "orcid",
                    {"x-standin": "synthetic"},
                )
            else:
                self._send(404, "application/json", b'{"error-code": 9016}', "orcid")

        def _plos(self, query: dict[str, list[str]]) -> None:
            doi = query.get("id", [""])[0].lower()
            body = standin.catalogue.xml.get(doi) if doi.startswith("10.1371/") else None
            if body is None:
                self._send(404, "text/html", b"<html><body>Page not found</body></html>", "plos")
            else:
                self._send(200, "application/xml", body, "plos", {"x-standin": "recorded"})

        def _europepmc(self, path: str, query: dict[str, list[str]]) -> None:
            if path.rstrip("/") == "/europepmc/search":
                asked = [
                    doi.lower() for doi in re.findall(r'DOI:"([^"]+)"', query.get("query", [""])[0])
                ]
                results = [
                    {"doi": doi, "pmcid": standin.catalogue.pmcids[doi], "isOpenAccess": "Y"}
                    for doi in asked
                    if doi in standin.catalogue.pmcids
                ]
                self._json(
                    {"hitCount": len(results), "resultList": {"result": results}},
                    "europepmc",
                    "synthetic",
                )
                return
            match = re.fullmatch(r"/europepmc/(PMCSTANDIN\d+)/fullTextXML", path)
            doi = next(
                (d for d, p in standin.catalogue.pmcids.items() if match and p == match.group(1)),
                None,
            )
            if doi is None:
                self._send(404, "text/plain", b"not found", "europepmc")
            else:
                self._send(
                    200,
                    "application/xml",
                    standin.catalogue.xml[doi],
                    "europepmc",
                    {"x-standin": "recorded"},
                )

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Serve recorded Crossref, PLOS and Europe PMC answers on 127.0.0.1."
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("tests/data/fixtures"),
        help="folder of cassettes and JATS files",
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--enforce",
        action="store_true",
        help="answer 429 to requests that break the announced limits",
    )
    parser.add_argument(
        "--synthetic-prefix", default=None, help="generate works for DOIs under this prefix"
    )
    args = parser.parse_args()
    standin = StandIn(
        Catalogue.from_folder(args.data),
        enforce=args.enforce,
        synthetic_prefix=args.synthetic_prefix,
        port=args.port,
    )
    print(
        f"stand-in serving {len(standin.catalogue.works)} works and {len(standin.catalogue.xml)} XML files at {standin.url}"
    )
    for name, value in standin.base_urls().items():
        print(f"  export {name}={value}")
    standin.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        standin.stop()


if __name__ == "__main__":
    main()

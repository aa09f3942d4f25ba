"""The stand-in's request handler: counts each request, enforces limits, acts out faults."""

from __future__ import annotations

import select
import socket
import time
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from credit_tracker.standin.answers import Answers
from credit_tracker.standin.synthetic import synthetic_work

if TYPE_CHECKING:
    from credit_tracker.standin.contract import Fault, Host

SLOW_SECONDS = 2.0
HOLD_LIMIT = 60.0  # a safety limit: a held request ends sooner, when its client gives up
ERROR_STATUSES = ("401", "403", "404", "429", "500", "502", "503", "504")
# The publishers' keyed APIs, by the stand-in's path for each, and the host each stands for.
API_HOSTS = {
    "/springer/": "api.springernature.com",
    "/elsevier/": "api.elsevier.com",
    "/wiley/": "api.wiley.com",
}


def handler_for(standin: Host) -> type[Handler]:
    """Return a handler class bound to `standin`, for its ThreadingHTTPServer."""
    return type("HostHandler", (Handler,), {"standin": standin})


def request_kind(path: str) -> str:
    """Return the kind a request is counted and limited as: 'single', 'list', 'plos', …, or a
    publisher's host ('/links/peerj.com/…' is 'peerj.com', '/elsevier/…' 'api.elsevier.com')."""
    if path.startswith("/links/"):
        return path.removeprefix("/links/").split("/", 1)[0].lower()
    for prefix, host in API_HOSTS.items():
        if path.startswith(prefix):
            return host
    if path.startswith("/orcid/"):
        return "orcid"
    if path.startswith("/crossref/works/"):
        return "single"
    if path.startswith("/crossref/"):
        return "list"
    if path.startswith("/plos/"):
        return "plos"
    return "europepmc"


class Handler(Answers):
    """Counts each request, refuses those over the limits when enforcing, else answers it."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        kind = request_kind(path)
        self.kind = kind
        self.departed = False
        headers = {name.lower(): value for name, value in self.headers.items()}
        late = self.standin.take_fault(kind, self.path, late=True)
        if late is not None:  # counted as it would be had it reached the server this late
            time.sleep(SLOW_SECONDS if late.seconds is None else late.seconds)
        broken = self.standin.arrive(kind, self.path, headers)
        try:
            fault = self.standin.take_fault(kind, self.path)
            if broken and self.standin.enforce:
                body = b"Too many requests (stand-in enforcing its limits)"
                self.send(429, "text/plain", body, kind)
            elif fault is None or not self._fault(fault, kind):
                self.route(kind, path, query, parts.query)
        finally:
            self.depart()

    def _fault(self, fault: Fault, kind: str) -> bool:
        """Act out a fault; return False when the request should then be answered normally."""
        if fault.kind in ERROR_STATUSES:
            extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            # Crossref's real 429 was an HTML page without rate-limit headers; no recording of a
            # publisher's refusal exists, so theirs are the same page
            body = b"<html><body>Too busy</body></html>"
            self.send(int(fault.kind), "text/html", body, kind, extra)
        elif fault.kind == "reset":
            self.depart()
            linger = b"\x01\x00\x00\x00\x00\x00\x00\x00"  # on, 0 s: close with a TCP reset
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            self.connection.close()
            self.close_connection = True
        elif fault.kind == "timeout":
            self._hold(HOLD_LIMIT if fault.seconds is None else fault.seconds)
            self.close_connection = True
        elif fault.kind in ("trickle", "huge", "endless"):
            self._unbounded(fault.kind, kind)
        elif fault.kind == "slow":
            time.sleep(SLOW_SECONDS if fault.seconds is None else fault.seconds)
            return False
        else:
            self._bad_answer(fault.kind, kind, fault.doi)
        return True

    def _hold(self, limit: float) -> None:
        """Never answer: wait until the client gives up and closes the connection.

        A client's timeout then fires however fast or slow the machine is; `limit` and the
        stand-in stopping only keep a forgotten request from holding a thread forever.
        """
        deadline = time.monotonic() + limit
        while not self.standin.stopping.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            readable, _, _ = select.select([self.connection], [], [], min(remaining, 0.2))
            if readable:  # the client closed the connection (or, against HTTP, sent more)
                self.depart()
                return

    def _unbounded(self, fault: str, kind: str) -> None:
        """Send a 200 whose body never ends, until the client gives up or the stand-in stops.

        'trickle' announces a modest length and sends a byte every few milliseconds; 'huge'
        announces 1.5 GiB; 'endless' announces nothing and sends 64 KiB pieces as fast as they
        are read. `HOLD_LIMIT` only keeps a forgotten request from holding a thread forever.
        """
        length = {"trickle": "100000", "huge": str(3 * 2**29)}.get(fault)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length" if length else "Connection", length or "close")
        for name, value in self.standin.rate_headers(kind).items():
            self.send_header(name, value)
        self.end_headers()
        self.depart()
        self.close_connection = True
        piece = b" " if fault == "trickle" else b" " * 65536
        deadline = time.monotonic() + HOLD_LIMIT
        try:
            self.wfile.write(b'{"status":"ok","message":')
            while not self.standin.stopping.is_set() and time.monotonic() < deadline:
                self.wfile.write(piece)
                self.wfile.flush()
                if fault == "trickle":
                    time.sleep(0.01)
        except OSError:  # the client closed the connection: what the fault waits for
            return

    def _bad_answer(self, fault: str, kind: str, doi: str | None = None) -> None:
        """Answer with something unusable: truncated JSON, an HTML page, another DOI, not JATS."""
        if fault == "truncated":
            body = b'{"status":"ok","message-type":"work-list","message":{"items":[{"DOI"'
            self.send(200, "application/json", body, kind)
        elif fault == "html":
            body = b"<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>"
            self.send(200, "text/html", body, kind)
        elif fault == "wrong-doi":
            work = synthetic_work("10.5555/someone-else")
            work["DOI"] = doi or work["DOI"]
            self.send_json({"status": "ok", "message-type": "work", "message": work}, kind, "fault")
        elif fault == "not-jats":
            body = b"<?xml version='1.0'?><html><body>not an article</body></html>"
            self.send(200, "application/xml", body, kind)

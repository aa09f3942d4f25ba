"""How the stand-in sends an answer: the status, the limit headers, and the body last."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from credit_tracker.standin.contract import Host


class Replier(BaseHTTPRequestHandler):
    """A request handler bound to one stand-in (set on the subclass `handler_for` makes)."""

    protocol_version = "HTTP/1.1"
    standin: ClassVar[Host]
    departed = False
    kind = ""

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read counts, not logs
        pass

    def depart(self) -> None:
        """Count this request as no longer in flight (once)."""
        if not self.departed:
            self.departed = True
            self.standin.depart(self.kind)

    def send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        kind: str,
        extra: dict[str, str] | None = None,
    ) -> None:
        """Send a whole answer with the limit headers for `kind`."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**self.standin.rate_headers(kind), **(extra or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        # Out of flight before the last bytes leave: the client can start its next request only
        # after it has read them, so it is never counted as over the concurrency limit for a
        # request that the stand-in had not yet marked as finished.
        self.depart()
        self.wfile.write(body)

    def send_json(self, data: Any, kind: str, marker: str) -> None:
        """Send `data` as a JSON answer marked with `x-standin: marker`."""
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send(200, "application/json;charset=utf-8", body, kind, {"x-standin": marker})

"""Why a request got no answer, in a few plain words, whatever the library raised.

requests wraps urllib3, which wraps the socket's error, and each layer's message quotes the one
below: `str()` of a refused connection is `HTTPConnectionPool(host=…): Max retries exceeded …
(Caused by NewConnectionError("…: [Errno 111] Connection refused"))`, and cutting that text
anywhere leaves quotes and brackets behind. The causes are walked instead (`__cause__`,
`__context__`, urllib3's `.reason`, exceptions passed as arguments), and the phrase is chosen
from the innermost cause that names the failure.
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator
from http.client import IncompleteRead, RemoteDisconnected
from typing import TypeVar

import requests
import urllib3.exceptions

# The first kind found among an exception's causes, in this order, names the failure: the
# specific before the general (a refused proxy is a proxy failure first).
_PHRASES: tuple[tuple[type[BaseException], str], ...] = (
    (requests.exceptions.ProxyError, "the proxy could not be reached"),
    (urllib3.exceptions.ProxyError, "the proxy could not be reached"),
    (socket.gaierror, "the host name could not be resolved"),
    (urllib3.exceptions.NameResolutionError, "the host name could not be resolved"),
    (ConnectionRefusedError, "connection refused"),
    # before ConnectionResetError, which it is a kind of
    (RemoteDisconnected, "the server closed the connection without answering"),
    (ConnectionResetError, "connection reset by the server"),
    (ConnectionAbortedError, "connection aborted"),
    (IncompleteRead, "the connection broke off in the middle of the answer"),
    (requests.exceptions.ChunkedEncodingError, "the answer's chunks were broken off"),
    (requests.exceptions.TooManyRedirects, "too many redirects"),
    (requests.exceptions.InvalidURL, "the address is not a valid URL"),
    (requests.exceptions.InvalidSchema, "the address is not an http(s) URL"),
    (requests.exceptions.MissingSchema, "the address is not an http(s) URL"),
)
E = TypeVar("E", bound=BaseException)
_UNREACHABLE = {
    errno.ENETUNREACH: "the network is unreachable",
    errno.EHOSTUNREACH: "the host is unreachable",
    errno.ETIMEDOUT: "the connection timed out",
}


def failure_reason(exc: BaseException, timeout: float | None = None) -> str:
    """One clean phrase for a request that brought no answer: 'connection refused', 'no answer
    within 30 s', 'TLS handshake failed (certificate verify failed)'…; never a quoted repr."""
    causes = list(_causes(exc))
    for kind, phrase in _PHRASES:
        if any(isinstance(cause, kind) for cause in causes):
            return phrase
    certificate = _first(causes, ssl.SSLCertVerificationError)
    if certificate is not None:
        return f"the server's TLS certificate was refused ({certificate.verify_message})"
    if _first(causes, ssl.SSLError) or _first(causes, requests.exceptions.SSLError):
        return "the TLS handshake failed"
    if _first(causes, requests.exceptions.ConnectTimeout):
        return _within("no connection", timeout)
    if any(_is_timeout(cause) for cause in causes):
        return _within("no answer", timeout)
    for cause in causes:
        if isinstance(cause, OSError) and cause.errno in _UNREACHABLE:
            return _UNREACHABLE[cause.errno]
    return _innermost_words(causes)


def _within(what: str, timeout: float | None) -> str:
    return f"{what} within {timeout:g} s" if timeout else f"{what} in time"


def _is_timeout(cause: BaseException) -> bool:
    return isinstance(
        cause, (TimeoutError, requests.exceptions.Timeout, urllib3.exceptions.TimeoutError)
    )


def _first(causes: list[BaseException], kind: type[E]) -> E | None:
    return next((c for c in causes if isinstance(c, kind)), None)


def _innermost_words(causes: list[BaseException]) -> str:
    """For a failure none of the known kinds names: the innermost OS error's own words (no
    quoting layer), else the outermost exception's type."""
    for cause in reversed(causes):
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror[:1].lower() + cause.strerror[1:]
    return f"the request failed ({type(causes[0]).__name__})"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it wraps, outermost first, each once."""
    seen: set[int] = set()
    queue = [exc]
    while queue:
        current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        wrapped += list(current.args)
        queue += [w for w in wrapped if isinstance(w, BaseException)]

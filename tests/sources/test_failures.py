"""Why a request failed, in plain words: every transport failure requests and urllib3 raise, made
on loopback sockets, read to one clean phrase (no quoted repr, no brackets left by a cut)."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import requests

from credit_tracker.domain.errors import TransportFailure
from credit_tracker.sources.failures import failure_reason
from credit_tracker.sources.settings import user_agent
from credit_tracker.sources.transport import PoliteClient

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"


@contextmanager
def _server(serve: Callable[[socket.socket], None]) -> Iterator[str]:
    """A loopback server that handles each connection with `serve`; yields its http URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    done = threading.Event()

    def loop() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                serve(conn)

    threading.Thread(target=loop, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/works"
    finally:
        done.set()
        listener.close()


def _closed_port() -> str:
    """An address on loopback where nothing listens: connecting is refused."""
    with socket.create_server(("127.0.0.1", 0)) as held:
        port = held.getsockname()[1]
    return f"http://127.0.0.1:{port}/works"


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")


def _end_unanswered(conn: socket.socket) -> None:
    conn.shutdown(socket.SHUT_WR)  # the end of the answer, before any of it (no reset)
    conn.recv(1)


def _hold(conn: socket.socket) -> None:
    conn.recv(1)  # until the client gives up and closes


def _half_then_close(conn: socket.socket) -> None:
    conn.sendall(HEADERS + b'{"message":')


def _half_then_hold(conn: socket.socket) -> None:
    conn.sendall(HEADERS + b'{"message":')
    conn.recv(1)


def _raised(call: Callable[[], object]) -> BaseException:
    with pytest.raises(Exception) as caught:
        call()
    return caught.value


def _no_dns(*_: object, **__: object) -> list[object]:
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


CLEAN = str.maketrans("", "", "\"'()[]<>")


@pytest.mark.parametrize(
    ("serve", "phrase"),
    [
        (None, "connection refused"),
        (_end_unanswered, "the server closed the connection without answering"),
        (_reset, "connection reset by the server"),
        (_hold, "no answer within 0.5 s"),
    ],
    ids=["refused", "closed", "reset", "timeout"],
)
def test_each_failure_before_an_answer_is_one_clean_phrase(serve, phrase: str) -> None:
    if serve is None:
        error = _raised(lambda: requests.get(_closed_port(), timeout=0.5))
    else:
        with _server(serve) as url:
            error = _raised(lambda: requests.get(url, timeout=0.5))
    assert failure_reason(error, 0.5) == phrase


def test_a_name_that_cannot_be_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _no_dns)  # no resolver is asked
    error = _raised(lambda: requests.get("http://api.crossref.invalid/works", timeout=0.5))
    assert failure_reason(error) == "the host name could not be resolved"


def test_tls_to_a_server_that_speaks_none() -> None:
    with _server(lambda conn: conn.sendall(b"not TLS at all\r\n")) as url:
        error = _raised(lambda: requests.get(url.replace("http:", "https:"), timeout=0.5))
    assert isinstance(error, requests.exceptions.SSLError)
    assert failure_reason(error) == "the TLS handshake failed"


def test_a_refused_certificate_says_why() -> None:
    cause = ssl.SSLCertVerificationError(1, "certificate verify failed")
    cause.verify_message = "self-signed certificate"
    error = requests.exceptions.SSLError(cause)
    assert failure_reason(error) == (
        "the server's TLS certificate was refused (self-signed certificate)"
    )


def test_a_proxy_that_cannot_be_reached() -> None:
    proxy = _closed_port().removesuffix("/works")
    error = _raised(
        lambda: requests.get("http://example.org/", proxies={"http": proxy}, timeout=0.5)
    )
    assert failure_reason(error) == "the proxy could not be reached"


def _client() -> PoliteClient:
    return PoliteClient(user_agent(None, "test"), timeout=0.5, backoff_base=0.001)


@pytest.mark.parametrize(
    ("serve", "phrase"),
    [
        (_half_then_close, "the connection broke off in the middle of the answer"),
        (_half_then_hold, "no answer within 0.5 s"),
    ],
    ids=["broken-off", "stalled"],
)
def test_a_body_that_fails_half_way_is_a_failure_with_a_clean_reason(serve, phrase) -> None:
    """The body is read after the request returned: what fails then is urllib3's or the socket's
    own error, not requests'. It is retried and reported as any other failure."""
    with _server(serve) as url:
        client = _client()
        with pytest.raises(TransportFailure) as caught:
            client.get(url, kind="list")
    assert caught.value.reason == f"{phrase}, after 5 tries"
    assert client.counters.requests == 5


def test_the_transport_reports_a_refused_connection_cleanly() -> None:
    client = _client()
    with pytest.raises(TransportFailure) as caught:
        client.get(_closed_port(), kind="list")
    assert caught.value.reason == "connection refused, after 5 tries"
    assert caught.value.reason.translate(CLEAN) == caught.value.reason

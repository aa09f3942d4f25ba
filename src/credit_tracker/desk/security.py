"""The desk's guard: the token, the Host and Origin checks, CSRF tokens and security headers.

Every request must carry the token (first in the URL the command prints, then in a cookie);
a Host other than 127.0.0.1 or localhost on the desk's port is refused (DNS rebinding); every
POST must come from the desk's own origin and carry the CSRF token in its form (checked by
`checked_form`, which every action reads its input through).

Every answer leaves through the guard, with the security headers: its own refusals, the pages,
and the 500 page of an error the app did not expect (sent here, before the error goes on to the
server's log). A token or CSRF value is compared as bytes, so one holding any character (a
cookie or a query decoded from Latin-1 or UTF-8) is refused like any other wrong value.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import FormData, Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "ct_desk"
"""The cookie's name, with the port after it: cookies are not kept apart by port, two desks are."""
CSRF_FIELD = "csrf"
MAX_UPLOAD = 64 * 1024 * 1024
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    # same-origin: the Origin header of a POST stays set; no address leaves for another site
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
}


class Refused(Exception):
    """A request the guard turns away with 403 and a one-line reason."""


def csrf_token(token: str) -> str:
    """Return the CSRF token the desk's forms carry: derived from the access token."""
    return hmac.new(token.encode(), b"csrf", hashlib.sha256).hexdigest()


def allowed_hosts(port: int) -> set[str]:
    """The Host values the desk answers to."""
    return {f"127.0.0.1:{port}", f"localhost:{port}"}


class Guard:
    """ASGI middleware: token, Host and Origin checks before the app; headers on every answer."""

    def __init__(self, app: ASGIApp, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.hosts = allowed_hosts(port)
        self.origins = {f"http://{host}" for host in self.hosts}
        self.cookie = f"{COOKIE}_{port}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = _Sent(send)
        send = _with_headers(sent)
        try:
            response = self._check(scope)
        except Refused as exc:
            response = PlainTextResponse(f"refused: {exc}\n", status_code=403)
        if response is not None:
            await response(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except Exception:
            if not sent.started:  # the error page leaves through this door too
                failed = PlainTextResponse("internal error: see the desk's console\n", 500)
                await failed(scope, receive, send)
            raise  # on to the server, which logs it

    def _check(self, scope: Scope) -> Response | None:
        """Refuse, redirect (a token in the URL becomes a cookie), or None to go on."""
        headers = Headers(scope=scope)
        if headers.get("host", "") not in self.hosts:
            raise Refused("this desk answers only at 127.0.0.1 or localhost on its port")
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.get("token")
        if given is not None and same(given, self.token):
            return _to_cookie(scope, query, self.cookie, self.token)
        if not same(_cookie(headers, self.cookie), self.token):
            raise Refused("no valid token; open the address 'credit-tracker serve' printed")
        method = scope["method"]
        if method not in ("GET", "HEAD", "POST"):
            raise Refused(f"{method} is not used by the desk")
        if method == "POST":
            self._check_origin(headers)
        return None

    def _check_origin(self, headers: Headers) -> None:
        origin = headers.get("origin")
        if origin is None:
            referer = headers.get("referer", "")
            origin = next((o for o in self.origins if referer.startswith(f"{o}/")), None)
        if origin not in self.origins:
            raise Refused("a change must come from the desk's own pages")


def same(given: str, expected: str) -> bool:
    """Whether a value sent equals the secret, in constant time; any character may be sent
    (`hmac.compare_digest` raises TypeError for str holding a non-ASCII character)."""
    return hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )


class _Sent:
    """The server's `send`, noting whether an answer has started."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


def _cookie(headers: Headers, cookie: str) -> str:
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == cookie:
            return value
    return ""


def _to_cookie(scope: Scope, query: dict[str, str], cookie: str, token: str) -> Response:
    """Answer the printed address: set the cookie, and send the browser on without the token."""
    rest = urlencode({k: v for k, v in query.items() if k != "token"})
    target = scope["path"] + (f"?{rest}" if rest else "")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(cookie, token, httponly=True, samesite="strict", path="/")
    return response


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            raw = [(k, v) for k, v in message.get("headers", []) if k.decode() not in HEADERS]
            raw += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
            message = {**message, "headers": raw}
        await send(message)

    return sending


async def checked_form(request: Request, token: str) -> FormData:
    """Return the POST's form once its CSRF token is checked; Refused when it is missing."""
    form = await request.form(max_files=1, max_fields=5000, max_part_size=MAX_UPLOAD)
    given = form.get(CSRF_FIELD)
    if not isinstance(given, str) or not same(given, csrf_token(token)):
        raise Refused("the form's CSRF token is missing or wrong; reload the page")
    return form

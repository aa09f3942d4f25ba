"""`credit-tracker serve`: the review desk in a browser, on 127.0.0.1 only, behind a fresh token."""

from __future__ import annotations

import secrets
import socket

import click

from credit_tracker.cli.base import _store, cli
from credit_tracker.domain.errors import OutputError


@cli.command("serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free port).",
)
@click.option("--read-only", is_flag=True, help="Serve the views alone: no form changes anything.")
@click.pass_context
def serve_command(ctx: click.Context, port: int, read_only: bool) -> None:
    """Serve the review desk: the records in a browser, with forms for what the commands do.

    Binds 127.0.0.1 only and prints an address with a fresh random token; a request without
    it is refused. Opens nothing else. Stop it with Ctrl-C.

    \b
    Examples:
      credit-tracker serve
      credit-tracker serve --port 9000 --read-only
    """
    import uvicorn

    from credit_tracker.desk import DeskSettings, create_app

    store = _store(ctx)
    store.load_team()  # refuses a folder that holds no records, before anything listens
    sock = _bind(port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(32)
    app = create_app(DeskSettings(records=store.root, token=token, port=port, read_only=read_only))
    click.echo(f"the review desk of {store.root}{' (read-only)' if read_only else ''}:", err=True)
    click.echo(f"http://127.0.0.1:{port}/?token={token}")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])


def _bind(port: int) -> socket.socket:
    """The listening socket on 127.0.0.1 (never another interface); OutputError if taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise OutputError(
            f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); choose another --port"
        ) from None
    return sock

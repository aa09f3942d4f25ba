"""The command group, its error translation and the helpers every command uses.

cli/ is the only package that uses click, prints or exits.

Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage or input error;
3 could not complete (an unverified DOI, a store or network failure); 130 interrupted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from credit_tracker import __version__
from credit_tracker.domain.errors import CreditTrackerError, InputError, OutputError
from credit_tracker.domain.verdict import ExitCode, Verdict

if TYPE_CHECKING:
    from credit_tracker.store.folder import Store

# A path that cannot name a file is the user's input (exit 2); any other refusal is exit 3.
_BAD_PATH = {errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG, errno.ELOOP}


class _Cli(click.Group):
    """Translates the core's typed errors into one-line messages and exit codes, once."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CreditTrackerError as exc:
            click.echo(f"credit-tracker: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt as exc:
            # a plain Ctrl-C says nothing more; a fetch says how far it got
            detail = str(exc) or "work completed before the interrupt was saved"
            click.echo(f"credit-tracker: interrupted; {detail}", err=True)
            ctx.exit(ExitCode.INTERRUPTED)


def finish(ctx: click.Context, verdict: Verdict) -> None:
    """End the command with the exit code its run's verdict decides (domain/verdict.py)."""
    ctx.exit(verdict.exit_code)


def _store(ctx: click.Context) -> Store:
    from credit_tracker.store.folder import Store

    return Store(ctx.obj["records"], on_upgrade=_say)


def _say(line: str) -> None:
    """A line about the records themselves (not a command's output), to stderr."""
    click.echo(f"credit-tracker: {line}", err=True)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--records",
    "records_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="CREDIT_TRACKER_RECORDS",
    default=Path("records"),
    show_default=True,
    help="The records folder (env CREDIT_TRACKER_RECORDS).",
)
@click.version_option(__version__, prog_name="credit-tracker")
@click.pass_context
def cli(ctx: click.Context, records_dir: Path) -> None:
    """Keep the team's record of who did what on each paper and check it against the publishers.

    \b
    Examples:
      credit-tracker init
      credit-tracker records import 10.1371/journal.pone.0185809 contributors.csv
      credit-tracker fetch --mailto office@example.org
      credit-tracker check --format junit --output report.xml

    \b
    Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage or input error;
    3 could not complete (unverified DOIs, store or network failure); 130 interrupted.
    """
    ctx.ensure_object(dict)
    ctx.obj["records"] = records_dir


def _normal_dois(dois: Iterable[str]) -> list[str]:
    from credit_tracker.domain.identifiers import normalize_doi

    return [normalize_doi(doi) for doi in dois]


def use_color(stream: IO[str], environ: Mapping[str, str]) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in environ


def _emit(text: str, output: Path | None) -> None:
    """Write to stdout, or to `output` only once the whole text exists (no half-written report)."""
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text)


def write_output(path: Path, text: str | bytes) -> None:
    """Put `text` (or bytes: a workbook) in the file at `path`: a reader sees the old report or
    the new one, never half.

    Reports are not the store: no `.bak` is kept. A symlink is written through (its target gets
    the new text and the link stays a link); a device or pipe (/dev/stdout) is written directly.
    Raises InputError (exit 2) for a path that cannot name a file, OutputError (exit 3) when the
    system refuses the write (permissions, a full or read-only disk).
    """
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        if path.exists() and not path.is_file():  # a device or FIFO: nothing to rename over
            with open(path, "wb") as handle:
                handle.write(data)
            return
        _replace_file(Path(os.path.realpath(path)), data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno in _BAD_PATH:
            raise InputError(
                f"cannot create a file there ({reason}); give a path in an existing folder",
                path=str(path),
            ) from exc
        raise OutputError(f"{path}: could not write ({reason}); nothing was written") from exc


def _replace_file(target: Path, data: bytes) -> None:
    """Write a temporary file beside `target`, then rename it over `target` in one step."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # O_EXCL: never follow or reuse a file someone else put at the temporary name.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):  # keep the permissions of the report replaced
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise

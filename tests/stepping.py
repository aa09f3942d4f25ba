"""Run credit-tracker in a child process in lockstep with its test hook, to stop it at checkpoints.

See credit_tracker.store.checkpoints: at each checkpoint the child reports where it is and waits
for an answer, so a test kills or interrupts it at a moment defined by the program's progress.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
from contextlib import suppress
from pathlib import Path

import pytest

from credit_tracker.store.checkpoints import ENV

# A safety limit only, never what a test measures: a child that reports nothing for this long
# is stuck, and the test fails saying so.
SAFETY_SECONDS = 120.0

# Started through this line rather than `-m credit_tracker`: a test runner started in the
# background ignores SIGINT and its children inherit that; a terminal's Ctrl-C is not ignored.
_LAUNCH = (
    "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "runpy.run_module('credit_tracker', run_name='__main__', alter_sys=True)"
)


class Stepped:
    """A credit-tracker process that stops at every checkpoint until the test answers."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        report_read, report_write = os.pipe()
        control_read, control_write = os.pipe()
        env = {**env, ENV: f"{report_write}:{control_read}"}
        env.pop("PYTEST_CURRENT_TEST", None)
        self.process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH, *args],
            env=env,
            pass_fds=(report_write, control_read),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        # stderr is drained all along: a full pipe would stall the child between checkpoints
        self._stderr: list[bytes] = []
        assert self.process.stderr is not None
        stream = self.process.stderr
        self._drain = threading.Thread(target=lambda: self._stderr.append(stream.read()))
        self._drain.start()
        os.close(report_write)
        os.close(control_read)
        self._report: int | None = report_read
        self._control: int | None = control_write
        self._pending = b""
        self._ended = False  # the child closed its end of the report pipe: it has ended
        self.passed: list[tuple[str, str]] = []
        """Every checkpoint reached so far, as (name, detail), the current one last."""

    def __enter__(self) -> Stepped:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()  # a test that failed half-way leaves no child waiting at a checkpoint

    def next(self) -> tuple[str, str] | None:
        """Let the child run to its next checkpoint and return it; None once the child ended."""
        if self.passed and self._control is not None:
            with suppress(BrokenPipeError):  # the child has ended: the read below says so
                os.write(self._control, b"g")
        line = self._read_line()
        if line is None:
            return None
        name, _, detail = line.partition(" ")
        self.passed.append((name, detail))
        return name, detail

    def run_to(self, name: str, nth: int = 1) -> bool:
        """Run until the `nth` time checkpoint `name` is reached; False if the child ended first."""
        seen = sum(1 for passed, _ in self.passed if passed == name)
        while seen < nth:
            reached = self.next()
            if reached is None:
                return False
            seen += reached[0] == name
        return True

    def output(self) -> str:
        """The child's stderr so far (complete once it has ended), for failure messages."""
        if self._ended or self.process.poll() is not None:
            self.process.wait(timeout=SAFETY_SECONDS)
            self._drain.join(timeout=SAFETY_SECONDS)
        return b"".join(self._stderr).decode("utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL the child where it stands (stopped at the current checkpoint)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=SAFETY_SECONDS)
        self._close()

    def finish(self) -> tuple[int, str]:
        """Let the child run through every further checkpoint; return its exit code and stderr."""
        while self.next() is not None:
            pass
        code = self.process.wait(timeout=SAFETY_SECONDS)
        self._close()
        return code, self.output()

    def _read_line(self) -> str | None:
        assert self._report is not None
        while b"\n" not in self._pending:
            ready, _, _ = select.select([self._report], [], [], SAFETY_SECONDS)
            if not ready:
                self.process.kill()
                pytest.fail(f"no checkpoint in {SAFETY_SECONDS:g} s after {self.passed[-3:]}")
            chunk = os.read(self._report, 4096)
            if not chunk:
                self._ended = True
                return None
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line.decode("utf-8")

    def _close(self) -> None:
        for fd in (self._report, self._control):
            if fd is not None:
                os.close(fd)
        self._report = self._control = None
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=SAFETY_SECONDS)
        self._drain.join(timeout=SAFETY_SECONDS)
        assert self.process.stderr is not None
        self.process.stderr.close()


def cli_args(folder: Path, *args: str) -> list[str]:
    """The arguments of a credit-tracker command on the records in `folder`."""
    return ["--records", str(folder), *args]

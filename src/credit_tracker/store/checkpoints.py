"""Test-only checkpoints: named moments at which a test may stop or interrupt the program.

Only tests set `CREDIT_TRACKER_TEST_HOOK`; nothing else should. Unset, `checkpoint` is one
lookup in the environment and returns, so the hook costs nothing in real runs.

Set to `"<report-fd>:<control-fd>"` (the ends of two pipes the test passed to the process), the
program runs in lockstep with the test: at each checkpoint it writes one line,
`"<name> <detail>\\n"`, to report-fd and waits for one byte on control-fd before going on. The
test reads where the program is and then either answers (go on) or kills or interrupts it right
there, so kill and interrupt tests act at moments defined by the program's progress, never by the
clock. Once control-fd reaches its end (the test closed it) or report-fd breaks, the program runs
on without stopping.

The checkpoints:
- `write:temp-written PATH`, `write:temp-synced PATH`: the new text is in the temporary file
  (before and after fsync); PATH itself is untouched.
- `write:backup-kept PATH`: `PATH.bak` holds the previous file; PATH is still the previous file.
- `write:renamed PATH`, `write:done PATH`: PATH is the new file (before and after the folder's
  fsync).
- `write:removed PATH`: PATH (a shard left with nothing) is gone; `PATH.bak` holds it.
- `fetch:batch-saved DONE/TOTAL`: a fetch saved a batch; DONE DOIs are now saved.

A write of several files passes them batch-wise: every file's `temp-written`, then every
`temp-synced`, then each file's `backup-kept` and `renamed` (or `removed`), then every `done`.
"""

from __future__ import annotations

import os
import threading

ENV = "CREDIT_TRACKER_TEST_HOOK"

_lock = threading.Lock()
_let_go: set[str] = set()  # specs whose test closed the control pipe: run on without stopping


def checkpoint(name: str, detail: str = "") -> None:
    """Report reaching `name` and wait for the test's answer, when a test set the hook."""
    spec = os.environ.get(ENV)
    if spec and spec not in _let_go:
        _step(spec, f"{name} {detail}".rstrip())


def _step(spec: str, line: str) -> None:
    report, control = _descriptors(spec)
    with _lock:  # one checkpoint at a time, so that each line gets its own answer
        try:
            os.write(report, f"{line}\n".encode())
            answered = os.read(control, 1)
        except OSError:
            answered = b""
        if not answered:
            _let_go.add(spec)


def _descriptors(spec: str) -> tuple[int, int]:
    report, _, control = spec.partition(":")
    if not (report.isdigit() and control.isdigit()):
        raise ValueError(f'{ENV}={spec!r}: expected "<report-fd>:<control-fd>" (tests only)')
    return int(report), int(control)

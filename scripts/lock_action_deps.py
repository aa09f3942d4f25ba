"""Write the hashed locks that CI installs from: requirements/action.txt and release.txt.

- `requirements/action.txt`: every runtime dependency of credit-tracker, transitively, from
  pyproject.toml's [project].dependencies, plus its [build-system].requires (the action builds
  the tool from its own checkout without an isolated build environment, so setuptools is locked
  too). The composite action installs it with `pip install --require-hashes` and then the tool
  alone with `--no-deps`: every night resolves the same files, byte for byte.
- `requirements/release.txt`: the release workflow's build tools (requirements/release.in) and
  the same [build-system].requires, so what is published is built by locked tools.

The resolution is uv's universal one (`uv pip compile --universal --generate-hashes`): one file
for every platform and every Python from 3.11 on, with environment markers where a dependency
applies only somewhere (colorama on Windows), and the hash of every file PyPI serves for each
pinned version, so a runner on Linux, macOS or Windows finds its wheel in the lock. It asks
https://pypi.org/simple only, ignoring any local index or uv configuration: the action installs
from PyPI, so its hashes must be PyPI's.

Run from the project root after changing a dependency (needs network and uv: `pip install uv`):

    python scripts/lock_action_deps.py

tests/test_lock.py checks, offline, that the locks still satisfy pyproject.toml.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
COMMAND = "python scripts/lock_action_deps.py"
PYTHON = "3.11"  # the oldest Python the project supports (requires-python), the action's default


def build_requires() -> list[str]:
    """pyproject.toml's [build-system].requires: what building the tool itself needs."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(pyproject["build-system"]["requires"])


def compile_lock(sources: list[str], output: Path) -> None:
    """Resolve `sources` (requirement files, `-` for standard input) into a hashed lock."""
    command = [
        *(sys.executable, "-m", "uv", "pip", "compile", "--quiet", "--no-config"),
        *("--index-url", "https://pypi.org/simple"),
        *("--universal", "--python-version", PYTHON, "--generate-hashes"),
        *("--custom-compile-command", COMMAND),
        *("--output-file", str(output.relative_to(ROOT))),
        *sources,
    ]
    stdin = "\n".join(build_requires()) + "\n"
    subprocess.run(command, cwd=ROOT, input=stdin, text=True, check=True)
    print(f"wrote {output.relative_to(ROOT)}")


def main() -> None:
    compile_lock(["pyproject.toml", "-"], REQUIREMENTS / "action.txt")
    compile_lock(["requirements/release.in", "-"], REQUIREMENTS / "release.txt")


if __name__ == "__main__":
    main()

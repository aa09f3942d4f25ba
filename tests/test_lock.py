"""The hashed locks CI installs from still satisfy pyproject.toml (offline).

requirements/action.txt (the composite action's dependencies) and requirements/release.txt (the
release workflow's build tools) are written by scripts/lock_action_deps.py. Each line must pin
one version by `==` with at least one sha256 hash, and every requirement they lock for (the
project's dependencies, its build backend, the release tools) must be pinned at a version its
specifier allows. Whether the lock is complete, transitively, is checked here as far as this
environment can tell offline (the packages installed here at the locked version), and wholly
by pip itself when the action installs it with --require-hashes (`pytest --registry`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import ROOT

ACTION_LOCK = ROOT / "requirements" / "action.txt"
RELEASE_LOCK = ROOT / "requirements" / "release.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class Locked:
    """One requirement of a lock: a pinned version, its marker, its hashes."""

    requirement: Requirement
    hashes: tuple[str, ...]

    @property
    def name(self) -> str:
        return canonicalize_name(self.requirement.name)

    @property
    def version(self) -> str:
        (spec,) = self.requirement.specifier
        return spec.version


def read_lock(text: str) -> list[Locked]:
    """The requirements of a lock file; AssertionError on a line that pins nothing."""
    joined = re.sub(r"\\\n", " ", text)
    locked = []
    for line in joined.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        spec = HASH.sub("", line).strip()
        requirement = Requirement(spec)
        pins = [s for s in requirement.specifier if s.operator == "=="]
        assert len(pins) == 1 and len(requirement.specifier) == 1, f"not pinned: {line}"
        assert not requirement.url and not requirement.extras, f"not a plain pin: {line}"
        hashes = tuple(HASH.findall(line))
        assert hashes, f"no hash: {line}"
        locked.append(Locked(requirement, hashes))
    return locked


def problems(lock: list[Locked], wanted: list[str]) -> list[str]:
    """What in `wanted` (requirement strings) the lock does not satisfy, one line each."""
    found = []
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        pinned = [entry for entry in lock if entry.name == name]
        if not pinned:
            found.append(f"{text}: not in the lock")
        for entry in pinned:
            if not requirement.specifier.contains(entry.version, prereleases=True):
                found.append(f"{text}: the lock pins {entry.version}")
    return found


def _release_tools() -> list[str]:
    lines = (ROOT / "requirements" / "release.in").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


LOCKS = {
    "action": (ACTION_LOCK, PYPROJECT["project"]["dependencies"]),
    "release": (RELEASE_LOCK, _release_tools()),
}


@pytest.mark.parametrize("which", sorted(LOCKS))
def test_the_lock_pins_every_requirement_with_hashes(which: str) -> None:
    path, wanted = LOCKS[which]
    text = path.read_text(encoding="utf-8")
    assert "#    python scripts/lock_action_deps.py" in text.splitlines()[:3]  # how to redo it
    lock = read_lock(text)
    # the project's dependencies (or the release tools) and the build backend, which the
    # action and the release both build the tool with, without an isolated environment
    assert problems(lock, [*wanted, *PYPROJECT["build-system"]["requires"]]) == []
    assert len({(e.name, str(e.requirement.marker)) for e in lock}) == len(lock)  # no twice


def test_a_stale_lock_is_caught() -> None:
    lock = read_lock(ACTION_LOCK.read_text(encoding="utf-8"))
    (requests,) = [e.version for e in lock if e.name == "requests"]
    assert problems(lock, ["requests>=999", "not-a-dependency-yet>=1"]) == [
        f"requests>=999: the lock pins {requests}",
        "not-a-dependency-yet>=1: not in the lock",
    ]
    with pytest.raises(AssertionError, match="no hash"):
        read_lock("requests==2.32.3\n")
    with pytest.raises(AssertionError, match="not pinned"):
        read_lock("requests>=2.31 --hash=sha256:" + "0" * 64 + "\n")


@pytest.mark.parametrize("which", sorted(LOCKS))
def test_what_the_locked_packages_need_is_locked_too(which: str) -> None:
    """Each locked package installed here at its locked version declares its own requirements:
    those that apply here must be locked too (pip would refuse the lock otherwise)."""
    lock = read_lock(LOCKS[which][0].read_text(encoding="utf-8"))
    here = {
        e.name: e for e in lock if e.requirement.marker is None or e.requirement.marker.evaluate()
    }
    checked = 0
    for entry in here.values():
        try:
            installed = metadata.distribution(entry.name)
        except metadata.PackageNotFoundError:
            continue
        if installed.version != entry.version:
            continue
        checked += 1
        for text in installed.requires or []:
            needed = Requirement(text)
            if needed.marker is None or needed.marker.evaluate({"extra": ""}):
                assert canonicalize_name(needed.name) in here, f"{entry.name} needs {text}"
    if not checked:
        pytest.skip("no package of this lock is installed here at its locked version")

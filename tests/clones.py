"""An office's records repository in a test: a bare `origin` and clones of it, real git run as a
subprocess (never mocked), the commands run through the CLI on each clone's records folder.

git is isolated from the machine's own configuration (no global or system config, a fixed
identity, `main` as the first branch), so the tests run the same everywhere; the merge driver
git starts is the credit-tracker of the Python running the tests (see git-setup).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from credit_tracker.cli import cli

GIT_ENV = {
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Research Office",
    "GIT_AUTHOR_EMAIL": "office@example.org",
    "GIT_COMMITTER_NAME": "Research Office",
    "GIT_COMMITTER_EMAIL": "office@example.org",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_MERGE_AUTOEDIT": "no",
}


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give every git this test runs (its own and the commands') the isolated environment."""
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("CREDIT_TRACKER_RECORDS", raising=False)


def git(where: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in `where`; CalledProcessError (with git's output) when `check` and it fails."""
    done = subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


@dataclass
class Pull:
    """What a `git pull` did: merged cleanly, or stopped with conflicts."""

    code: int
    output: str
    conflicted: list[str]
    """The files git left unmerged."""

    def driver_lines(self) -> list[str]:
        """The lines the records' merge driver printed."""
        return [line for line in self.output.splitlines() if line.startswith("credit-tracker:")]


@dataclass
class Clone:
    """One clone of the records repository, with its records in `records/`."""

    path: Path
    runner: CliRunner

    @property
    def records(self) -> Path:
        return self.path / "records"

    def ct(self, *args: str, codes: tuple[int, ...] = (0,)) -> Result:
        """Run a credit-tracker command on this clone's records; assert its exit code."""
        result = self.runner.invoke(cli, ["--records", str(self.records), *args])
        assert result.exit_code in codes, f"{args}: {result.output}"
        return result

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return git(self.path, *args, check=check)

    def commit(self, message: str) -> str | None:
        """Commit everything changed in the records; return the commit, None when nothing was."""
        self.git("add", "--all", "records")
        if self.git("diff", "--cached", "--quiet", check=False).returncode == 0:
            return None
        self.git("commit", "--quiet", "-m", message)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").stdout.strip()

    def pull(self) -> Pull:
        """`git pull` (a merge, never a rebase); on conflicts the merge is left in progress."""
        done = self.git("pull", "--no-rebase", "--no-edit", "origin", "main", check=False)
        unmerged = self.git("diff", "--name-only", "--diff-filter=U").stdout.split()
        return Pull(done.returncode, done.stdout + done.stderr, unmerged)

    def push(self) -> bool:
        """`git push`; False when the remote has commits this clone has not merged yet."""
        done = self.git("push", "--quiet", "origin", "HEAD:main", check=False)
        if done.returncode != 0 and "rejected" not in done.stderr:
            raise AssertionError(f"git push failed:\n{done.stderr}")
        return done.returncode == 0

    def check(self, as_of: str = "2026-01-12") -> dict:
        """The check of this clone's records, as JSON (articles not fetched yet: unverified)."""
        args = ("check", "--format", "json", "--as-of", as_of, "--fail-on", "never")
        return json.loads(self.ct(*args, codes=(0, 3)).stdout)


@dataclass
class Office:
    """A bare `origin` and the clones made of it."""

    folder: Path
    runner: CliRunner

    @property
    def origin(self) -> Path:
        return self.folder / "origin.git"

    def start(self, name: str) -> Clone:
        """The first clone: `init` (which sets the clone up for the records' merges), committed
        and pushed as the repository's first commit."""
        self.folder.mkdir(parents=True, exist_ok=True)
        git(self.folder, "init", "--quiet", "--bare", "--initial-branch=main", str(self.origin))
        clone = self.clone(name, setup=False)
        clone.ct("init")
        clone.commit("the records")
        assert clone.push()
        return clone

    def clone(self, name: str, setup: bool = True) -> Clone:
        """Another clone; `setup`: run git-setup in it, as every clone must."""
        git(self.folder, "clone", "--quiet", str(self.origin), name)
        clone = Clone(self.folder / name, self.runner)
        clone.git("symbolic-ref", "HEAD", "refs/heads/main")  # the first clone's is unborn
        if setup and clone.records.exists():
            clone.ct("git-setup")
        return clone

"""Every action the workflows, the templates and the composite action use is pinned by the full
SHA of a commit, its version in a comment, and zizmor (GitHub Actions' static analyser, run
offline) finds nothing of medium or high severity in them.

The SHAs were read from the actions' own repositories; anyone can check one with
`git ls-remote https://github.com/OWNER/REPO refs/tags/VERSION` (an annotated tag's commit is
the line ending in `^{}`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from .conftest import ROOT

FILES = [
    ROOT / "action.yml",
    *sorted((ROOT / "templates").glob("*.yml")),
    *sorted((ROOT / ".github" / "workflows").glob("*.yml")),
]
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PINNED = re.compile(r"(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})")
VERSION_COMMENT = re.compile(r"\s+# (?P<version>v\d+(?:\.\d+){1,2})")
# The templates name credit-tracker's own action at a placeholder commit: what to put there
# (a fork's commit before the first release, the release's commit after) is said above it.
PLACEHOLDER = "credit-tracker/credit-tracker@" + "0" * 40
ZIZMOR = Path(sys.executable).parent / "zizmor"


def _uses() -> list[tuple[str, int, str, str]]:
    """Every `uses:` in the files: (file, line number, reference, the rest of the line)."""
    found = []
    for path in FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = USES.match(line)
            if match:
                found.append((path.relative_to(ROOT).as_posix(), number, *match.groups()))
    return found


def test_every_action_is_pinned_by_a_commit_with_its_version_beside_it() -> None:
    uses = _uses()
    assert len(uses) > 10
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for where, number, reference, rest in uses:
        if reference == "./" or reference == PLACEHOLDER:
            assert reference == "./" or "see above" in rest, f"{where}:{number}"
            continue
        pinned, version = PINNED.fullmatch(reference), VERSION_COMMENT.fullmatch(rest)
        assert pinned and version, f"{where}:{number}: {reference}{rest}"
        seen[pinned["action"]].add((pinned["sha"], version["version"]))
    # one commit per action everywhere, so an update is never half made
    assert {action: len(pins) for action, pins in seen.items()} == dict.fromkeys(seen, 1)
    assert "pypa/gh-action-pypi-publish" in seen and "actions/checkout" in seen
    # and the README's table of pins says the same
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for action, ((sha, version),) in seen.items():
        assert f"| {action} | {version} | `{sha}` |" in readme, action


def _zizmor(*paths: Path) -> list[dict]:
    # offline: no audit that asks GitHub (impostor commits, known-vulnerable actions)
    options = ["--offline", "--format", "json", "--min-severity", "medium"]
    done = subprocess.run(
        [str(ZIZMOR), *options, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip(), done.stderr
    return json.loads(done.stdout)


def test_zizmor_finds_nothing_of_medium_or_high_severity() -> None:
    findings = _zizmor(*FILES)
    assert [
        (f["ident"], f["determinations"]["severity"], f["locations"][0]["symbolic"]["key"])
        for f in findings
    ] == []


def test_zizmor_would_find_an_unpinned_action(tmp_path: Path) -> None:
    template = (ROOT / "templates" / "nightly.yml").read_text(encoding="utf-8")
    unpinned = tmp_path / "nightly.yml"
    unpinned.write_text(re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v4", template))
    assert [(f["ident"], f["determinations"]["severity"]) for f in _zizmor(unpinned)] == [
        ("unpinned-uses", "High")
    ]

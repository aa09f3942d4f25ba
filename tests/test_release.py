"""The release workflow: each job holds only its own permission, and its build job's steps, run
here offline in a copy of the project, build an sdist and a wheel that `twine check --strict`
accepts and that carry the package's data files. (Its schema is checked with the others in
test_workflow.py.)
"""

from __future__ import annotations

import fnmatch
import os
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import yaml

from .conftest import ROOT
from .project import copy_project
from .test_workflow import Runner

RELEASE = ROOT / ".github" / "workflows" / "release.yml"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
PACKAGE = ROOT / "src" / "credit_tracker"
# What the build job needs from the network: here the test extra has installed it already.
OFFLINE_SKIPPED = frozenset({"Install the build tools"})


def _release() -> dict[str, Any]:
    return yaml.safe_load(RELEASE.read_text(encoding="utf-8"))


def test_a_tag_starts_it_and_each_job_holds_only_its_own_permission() -> None:
    workflow = _release()
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads `on:` as True
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert {name: job["permissions"] for name, job in jobs.items()} == {
        "build": {"contents": "read"},
        "pypi": {"id-token": "write"},
        "github-release": {"contents": "write"},
    }
    assert jobs["pypi"]["needs"] == "build" and jobs["github-release"]["needs"] == "pypi"
    # trusted publishing: an environment PyPI can be told to trust, and no stored secret
    assert jobs["pypi"]["environment"]["name"] == "pypi"
    assert "secrets." not in RELEASE.read_text(encoding="utf-8")
    uses = [step.get("uses", "").split("@")[0] for step in jobs["pypi"]["steps"]]
    assert uses == ["actions/download-artifact", "pypa/gh-action-pypi-publish"]  # no script
    assert "checkout" not in str(jobs["pypi"]) + str(jobs["github-release"])


def _build_job(tmp_path: Path, tag: str) -> Runner:
    project = copy_project(tmp_path / "project")
    (tmp_path / "temp").mkdir()
    runner = Runner(
        workdir=project,
        temp=tmp_path / "temp",
        env={
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(tmp_path),
        },
        contexts={"github": {"ref_name": tag}},
        artifacts=tmp_path / "artifacts",
        skip=OFFLINE_SKIPPED,
    )
    runner.code = runner.run_job(_release()["jobs"]["build"]["steps"])
    return runner


def test_the_build_job_builds_an_sdist_and_a_wheel_that_twine_accepts(tmp_path: Path) -> None:
    runner = _build_job(tmp_path, f"v{VERSION}")
    assert runner.code == 0, runner.log
    assert runner.ran == [
        ("The tag names the version being built", 0),
        ("Build the sdist and the wheel", 0),
        ("Check them", 0),
    ]
    wheel_name = f"credit_tracker-{VERSION}-py3-none-any.whl"
    sdist_name = f"credit_tracker-{VERSION}.tar.gz"
    assert runner.artifacts is not None
    dist = runner.artifacts / "dist"  # what the build job uploaded for the two others
    assert sorted(p.name for p in dist.iterdir()) == [wheel_name, sdist_name]
    assert runner.log.count("PASSED") == 2, runner.log  # twine check, each file
    # every file of the package that is not Python (the CRediT translations, the report's and
    # the desk's templates, style and scripts) is in the wheel, as in the sdist it came from
    data = {
        f"credit_tracker/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix not in {".py", ".pyc"}
        and not path.name.startswith(".")
        and "__pycache__" not in path.parts
    }
    with zipfile.ZipFile(dist / wheel_name) as wheel:
        in_wheel = set(wheel.namelist())
    assert data and data <= in_wheel, sorted(data - in_wheel)
    for pattern in ("*.tsv", "*html/templates/*", "*desk/templates/*", "*desk/static/*"):
        assert fnmatch.filter(in_wheel, f"credit_tracker/{pattern}"), pattern
    assert f"credit_tracker-{VERSION}.dist-info/entry_points.txt" in in_wheel
    with tarfile.open(dist / sdist_name) as sdist:
        prefix = f"credit_tracker-{VERSION}/src/"
        in_sdist = {name.removeprefix(prefix) for name in sdist.getnames()}
    assert data <= in_sdist


def test_a_tag_that_does_not_name_the_version_builds_nothing(tmp_path: Path) -> None:
    runner = _build_job(tmp_path, "v0.0.0-not-this-one")
    assert runner.code == 1
    assert runner.ran == [("The tag names the version being built", 1)]
    assert "::error::the tag v0.0.0-not-this-one does not name the version" in runner.log
    assert f"({VERSION})" in runner.log
    assert runner.artifacts is not None and not runner.artifacts.exists()

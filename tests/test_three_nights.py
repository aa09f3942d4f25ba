"""Three nights of the shipped nightly job, run step by step in a records repository.

The template and the action run as in test_workflow.py (bash, in order, in a clone of a bare
`origin`), against the stand-in, with the tool as a user's job gets it: built into a wheel here
from the action's files, and installed from that wheel into a new Python environment.

- Night 1, the first: `baseline: bootstrap` finds no baseline, tonight's findings become it,
  the run passes, and the baseline is committed with the snapshots.
- Night 2: the publisher drops a role the team records from its XML: one new finding fails
  the run (exit 1), annotated, while the known ones stay quiet.
- Night 3: Crossref refuses every connection: one annotation says so with a clean reason, the
  publisher's XML is read all the same, the reports are published and the snapshots committed,
  and the run exits 3.

Offline, the new environment takes the tool's dependencies from the test environment (a `.pth`
line; the tool itself comes from the wheel, which the test checks). Installing them from PyPI
through the hashed lock with --require-hashes needs the network: `--registry` runs these three
nights after the action's own install step instead (.ci/run does).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from .conftest import ROOT
from .project import copy_project
from .test_lock import read_lock
from .test_workflow import (
    PONE,
    TEMPLATE,
    Runner,
    _action_steps,
    _git,
    _job,
    _records_repository,
    _runner,
)

# the first author's first role, which the team records too (Hallmann, Conceptualization)
REMOVED = b'<role content-type="http://credit.casrai.org/">Conceptualization</role>'


def _wheel_environment(tmp_path: Path) -> Path:
    """A new Python environment with the tool installed from a wheel built here, offline; its
    dependencies are the test environment's. Returns the environment's bin folder."""
    project = copy_project(tmp_path / "action")
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    build = [*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run([*build, "--wheel-dir", str(wheels), str(project)], check=True)
    (wheel,) = wheels.glob("credit_tracker-*.whl")
    env = tmp_path / "runner-python"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    install = [*pip, "--python", str(python), "install", "--quiet", "--no-deps", "--no-index"]
    subprocess.run([*install, str(wheel)], check=True)
    # the dependencies: the test environment's site-packages, after the new one's own. Written
    # after the install: where the test environment holds the tool itself (installed, not
    # editable, as from a clean clone), pip would otherwise find it there and install nothing.
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env / "bin"


def _closed_port() -> str:
    with socket.create_server(("127.0.0.1", 0)) as held:
        port = held.getsockname()[1]
    return f"http://127.0.0.1:{port}/crossref"


def _night(tmp_path: Path, name: str, origin: Path, standin, tool: Path) -> Runner:
    """One night: a new checkout of main, as CI makes it, and the template's nightly job."""
    (tmp_path / name).mkdir()
    work = tmp_path / name / "work"
    _git(tmp_path, "clone", "--quiet", str(origin), str(work))
    runner = _runner(tmp_path / name, work, standin)
    runner.env["PATH"] = f"{tool}{os.pathsep}{runner.env['PATH']}"
    runner.env["CREDIT_TRACKER_BACKOFF"] = "0.001"
    return runner


def _report(runner: Runner) -> dict:
    return json.loads(Path(runner.outputs["credit-tracker"]["json"]).read_text())


def _publish(tmp_path: Path, night: Runner) -> Runner:
    """The template's publish job after the night's: it finds the JUnit report uploaded."""
    import yaml

    publish = yaml.safe_load(TEMPLATE.read_text())["jobs"]["publish"]
    folder = tmp_path / "publish"
    folder.mkdir()
    reader = Runner(workdir=folder, temp=night.temp, env={}, artifacts=night.artifacts)
    reader.code = reader.run_job(publish["steps"])
    return reader


def run_three_nights(tmp_path: Path, standin, tool: Path, monkeypatch: pytest.MonkeyPatch):
    """The three nights; `tool` is the bin folder of the environment the tool is installed in."""
    origin, _ = _records_repository(tmp_path, standin)

    # Night 1: no baseline yet; tonight's findings become it, and the run passes.
    first = _night(tmp_path, "night-1", origin, standin, tool)
    assert first.run_job(_job()) == 0, first.log
    assert "no records/baseline.json yet: tonight's findings become the baseline" in first.log
    assert "first night: no baseline yet, so records/baseline.json was written" in first.log
    assert any("**first night: no baseline yet" in s for s in first.summaries)
    known = json.loads(_git(origin, "show", "main:records/baseline.json"))["findings"]
    assert known and {e["note"] for e in known.values()} == {
        "known on the first night (nightly --bootstrap-baseline)"
    }
    head = _git(origin, "log", "-1", "--format=%an|%s", "main").strip()
    assert head.startswith("credit-tracker[bot]|credit-tracker nightly ")
    committed = _git(origin, "show", "--name-only", "--format=", "main").split()
    assert "records/baseline.json" in committed and "::error" not in first.log
    assert _publish(tmp_path / "night-1", first).code == 0

    # Night 2: the publisher drops a role from the XML: one new finding, the known ones quiet.
    original = standin.catalogue.xml[PONE]
    assert original.count(REMOVED) >= 1
    monkeypatch.setitem(standin.catalogue.xml, PONE, original.replace(REMOVED, b"", 1))
    second = _night(tmp_path, "night-2", origin, standin, tool)
    assert second.run_job(_job()) == 1, second.log
    assert "--bootstrap-baseline" not in second.log
    (new,) = [f for f in _report(second)["findings"] if f["severity"] != "info"]
    assert new["id"] not in known and new["rule"] == "role-missing"
    assert new["message"] == "Caspar A. Hallmann: jats does not list Conceptualization"
    annotations = [line for line in second.log.splitlines() if line.startswith("::error")]
    assert annotations == [f"::error title={new['rule']} {PONE}::{new['message']} ({new['id']})"]
    assert "fetch: 1 fetched, 1 changed" in second.log
    assert second.ran[-1] == ("Fail on new findings or an incomplete run", 1)

    # Night 3: Crossref refuses every connection. One annotation, a clean reason, the XML read.
    third = _night(tmp_path, "night-3", origin, standin, tool)
    third.env["CREDIT_TRACKER_CROSSREF_URL"] = _closed_port()
    standin.reset_counts()
    assert third.run_job(_job()) == 3, third.log
    annotations = [line for line in third.log.splitlines() if line.startswith("::error")]
    outage = (
        "::error title=Crossref unreachable::Crossref unreachable: 1 article(s) not verified "
        "tonight (connection refused, after 5 tries); last good reading kept"
    )
    assert annotations[0] == outage and not [a for a in annotations if "unverified" in a]
    assert standin.counts.get("plos") == 1  # the publisher's XML, read without Crossref
    assert [rc for _, rc in third.ran][-2:] == [0, 3]  # committed, then the run fails with 3
    assert _report(third)["outages"][0]["service"] == "Crossref"
    assert _publish(tmp_path / "night-3", third).code == 0
    return first, second, third


def test_three_nights_of_the_template_with_the_tool_built_as_a_wheel(
    fast_xml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = _wheel_environment(tmp_path)
    where = subprocess.run(
        [str(tool / "python"), "-c", "import credit_tracker; print(credit_tracker.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(tool.parent))  # the wheel's copy, not the test environment's
    run_three_nights(tmp_path, fast_xml, tool, monkeypatch)


def _locked_environment(tmp_path: Path, standin) -> Path:
    """A new Python environment, as setup-python leaves it, where the action's own install step
    ran: every dependency from PyPI through requirements/action.txt with --require-hashes, then
    the tool built into a wheel from the action's files and installed with --no-deps, then
    `pip check`. Returns its bin folder."""
    python = tmp_path / "runner-python"
    subprocess.run([sys.executable, "-m", "venv", str(python)], check=True)
    (tmp_path / "install").mkdir()
    runner = _runner(tmp_path / "install", tmp_path / "install", standin)
    tools = {str(Path(shutil.which(name) or name).parent) for name in ("git", "bash", "base64")}
    runner.env["PATH"] = os.pathsep.join([str(python / "bin"), *sorted(tools)])
    runner.env["PIP_CACHE_DIR"] = str(Path.home() / ".cache" / "pip")
    runner.contexts["github"]["action_path"] = str(copy_project(tmp_path / "action"))
    (install,) = [s for s in _action_steps() if s.get("name") == "Install credit-tracker"]
    assert runner._script(install, {"version": ""}, None) == 0, runner.log
    return python / "bin"


def _installed(tool: Path) -> dict[str, str]:
    listed = subprocess.run(
        [str(tool / "python"), "-m", "pip", "list", "--format=json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {canonicalize_name(p["name"]): p["version"] for p in json.loads(listed.stdout)}


@pytest.mark.registry
def test_three_nights_with_the_tool_installed_through_the_hashed_lock(
    fast_xml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same three nights, the tool installed by the action's own step from PyPI: each
    dependency at its locked version (pip checked every file's hash), the tool at this
    commit's version."""
    tool = _locked_environment(tmp_path, fast_xml)
    versions = _installed(tool)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert versions.pop("credit-tracker") == version
    locked = read_lock((ROOT / "requirements" / "action.txt").read_text())
    here = {
        e.name: e.version
        for e in locked
        if not e.requirement.marker or e.requirement.marker.evaluate()
    }
    assert {name: versions.get(name) for name in here} == here  # each at its locked version
    run_three_nights(tmp_path, fast_xml, tool, monkeypatch)

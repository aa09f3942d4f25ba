"""The nightly workflow templates and the composite action: valid against GitHub's schemas, and
their `run:` steps run in order, with bash as the runner runs them, in a temporary records
repository whose `origin` is a bare repository on disk.

The schemas are the ones check-jsonschema ships (vendored: nothing is downloaded). The runner
is imitated only as far as these files need: `${{ ... }}` for inputs (their defaults too),
github, vars, secrets and step outputs; `if:` of the form `inputs.NAME == 'VALUE'` or
`${{ !cancelled() }}`; GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files per step; after a failing
step only the steps whose `if:` asks for it run. Uploading and downloading artifacts is
imitated with a folder, so the publish job reads what the nightly job uploaded. Steps that
`uses:` another action (checkout, setup-python, publishing the JUnit report) are skipped, and so
is the action's "Install credit-tracker" step: the tool under test is installed already (its
console script is on PATH); test_three_nights.py builds it into a wheel, and with `--registry`
runs that step for real, from PyPI through the hashed lock. The test checks out the
repository itself.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT

TEMPLATE = ROOT / "templates" / "nightly.yml"
PR_TEMPLATE = ROOT / "templates" / "nightly-pr.yml"
OWN_WORKFLOW = ROOT / ".github" / "workflows" / "nightly.yml"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = ROOT / "action.yml"
ACTION_NAME = "credit-tracker/credit-tracker@"
UPLOAD = "actions/upload-artifact@"
DOWNLOAD = "actions/download-artifact@"
DATA_BRANCH = "credit-tracker-data"
PONE = "10.1371/journal.pone.0185809"
# the actions the nightly job uses that the imitation skips, each pinned by a commit's SHA
SKIPPED_USES = {"actions/checkout", "actions/setup-python"}
PINNED = re.compile(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Research Office",
    "GIT_AUTHOR_EMAIL": "office@example.org",
    "GIT_COMMITTER_NAME": "Research Office",
    "GIT_COMMITTER_EMAIL": "office@example.org",
}


def _schema_check(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, "--no-cache"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_workflows_and_the_action_are_valid_against_githubs_schemas(tmp_path: Path) -> None:
    assert OWN_WORKFLOW in WORKFLOWS and len(WORKFLOWS) > 1  # the release workflow too
    workflows = _schema_check("vendor.github-workflows", TEMPLATE, PR_TEMPLATE, *WORKFLOWS)
    assert workflows.returncode == 0, workflows.stdout + workflows.stderr
    action = _schema_check("vendor.github-actions", ACTION)
    assert action.returncode == 0, action.stdout + action.stderr
    # the check can fail: a step that both runs a script and uses an action is refused
    broken = yaml.safe_load(TEMPLATE.read_text())
    broken["jobs"]["nightly"]["steps"][0]["run"] = "true"
    bad = tmp_path / "broken.yml"
    bad.write_text(yaml.safe_dump(broken))
    assert _schema_check("vendor.github-workflows", bad).returncode == 1


def test_the_template_asks_only_for_what_each_step_needs() -> None:
    workflow = yaml.safe_load(TEMPLATE.read_text())
    assert workflow["permissions"] == {}
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}  # YAML 1.1 reads `on:` as True
    job, publish = workflow["jobs"]["nightly"], workflow["jobs"]["publish"]
    # the job that commits can write contents and nothing else; the third-party JUnit
    # publisher runs in a job that can write checks and nothing else, and never the other way
    assert job["permissions"] == {"contents": "write"}
    assert publish["permissions"] == {"checks": "write"}
    # the reports are published even when the nightly job failed, unless the run was cancelled
    assert publish["needs"] == "nightly" and publish["if"] == "${{ !cancelled() }}"
    (upload,) = [s for s in job["steps"] if s.get("uses", "").startswith(UPLOAD)]
    assert upload["if"] == "${{ !cancelled() }}"
    # no secret in any job's environment: the checkout keeps no credentials for later steps
    assert "env" not in workflow and not [n for n, j in workflow["jobs"].items() if "env" in j]
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"persist-credentials": False}
    (ours,) = [s for s in job["steps"] if s.get("uses", "").startswith(ACTION_NAME)]
    assert PINNED.fullmatch(ours["uses"])  # pinned by a commit, not a tag that can move
    assert ours["with"]["mailto"] == "${{ vars.CREDIT_TRACKER_MAILTO }}"
    assert ours["with"]["baseline"] == "bootstrap"
    # the Crossref token is given to our action alone, which gives it to its check alone
    secret = "${{ secrets.CREDIT_TRACKER_CROSSREF_TOKEN }}"
    assert ours["with"]["crossref-token"] == secret
    assert TEMPLATE.read_text().count("secrets.") == 1
    assert _env_holders("inputs.crossref-token") == ["Check the records"]
    assert _env_holders("inputs.token") == [
        "Restore the snapshots from the data branch",
        "Commit the snapshots",
    ]
    install = _action_steps()[1]
    assert install["name"] == "Install credit-tracker"
    assert '--require-hashes -r "$ACTION_PATH/requirements/action.txt"' in install["run"]
    assert '--no-deps --no-build-isolation "$ACTION_PATH"' in install["run"]
    assert "pip install ." not in TEMPLATE.read_text() + ACTION.read_text()
    # the committed snapshots are the evidence: no cache can restore older ones over them
    assert "actions/cache" not in TEMPLATE.read_text() + ACTION.read_text()
    # inputs reach scripts only through env: no expression is pasted into a script
    assert not [s for s in _action_steps() if "${{" in s.get("run", "")]
    # the commit-back merges the records by key if it must pull first: git-setup runs before
    (commit,) = [s for s in _action_steps() if s.get("name") == "Commit the snapshots"]
    script = commit["run"]
    assert 'credit-tracker --records "$RECORDS" git-setup' in script
    assert script.index("git-setup") < script.index("git commit") < script.index("--rebase")


def test_the_readme_shows_the_whole_template() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Nightly CI", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```yaml\n(.*?)```", section, re.S)
    assert yaml.safe_load(block) == yaml.safe_load(TEMPLATE.read_text())


def test_the_pull_request_variant_reads_and_never_pushes() -> None:
    workflow = yaml.safe_load(PR_TEMPLATE.read_text())
    assert set(workflow[True]) == {"pull_request"} and workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert job["steps"][0]["with"] == {"persist-credentials": False}
    (ours,) = [s for s in job["steps"] if s.get("uses", "").startswith(ACTION_NAME)]
    assert ours["with"]["commit"] == "false" and ours["with"]["baseline"] == ""
    assert "secrets." not in PR_TEMPLATE.read_text()
    (upload,) = [s for s in job["steps"] if s.get("uses", "").startswith(UPLOAD)]
    assert upload["if"] == "${{ !cancelled() }}"


def _action_steps() -> list[dict[str, Any]]:
    return yaml.safe_load(ACTION.read_text())["runs"]["steps"]


def _env_holders(expression: str) -> list[str]:
    """The names of the action's steps whose environment is given `expression`."""
    return [s["name"] for s in _action_steps() if expression in str(s.get("env", {}))]


@dataclass
class Runner:
    """Runs a job's steps the way GitHub's runner does, as far as these files need."""

    workdir: Path
    temp: Path
    env: dict[str, str]
    contexts: dict[str, Any] = field(default_factory=dict)
    artifacts: Path | None = None
    """The run's artifact storage: a folder per uploaded artifact."""
    skip: frozenset[str] = frozenset({"Install credit-tracker"})
    """The names of `run:` steps not run (what they install is installed already)."""
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    ran: list[tuple[str, int]] = field(default_factory=list)
    envs: dict[str, dict[str, str]] = field(default_factory=dict)
    """The environment each `run:` step ran with, by name."""
    skipped: list[str] = field(default_factory=list)
    summaries: list[str] = field(default_factory=list)
    log: str = ""
    """Everything the steps printed, for assertions and for a failing test's message."""
    code: int = 0
    """The job's exit code, once run."""

    def value(self, text: str, inputs: dict[str, str]) -> str:
        def resolve(match: re.Match[str]) -> str:
            name = match.group(1).strip()
            head, _, rest = name.partition(".")
            if head == "inputs":
                return inputs[rest]
            if head == "steps":
                step, _, key = rest.partition(".outputs.")
                return self.outputs.get(step, {}).get(key, "")
            return str(self.contexts[head].get(rest, ""))

        return re.sub(r"\$\{\{(.+?)\}\}", resolve, text)

    def condition(self, expression: str | None, inputs: dict[str, str], failed: bool) -> bool:
        """Whether a step runs: as GitHub's implied `success() &&`, unless it asks otherwise."""
        if expression is None:
            return not failed
        expression = expression.strip().removeprefix("${{").removesuffix("}}").strip()
        if expression == "!cancelled()":
            return True  # nothing cancels an imitated run
        match = re.fullmatch(r"inputs\.([\w-]+) == '([^']*)'", expression)
        assert match, f"the imitation runner does not know the condition {expression!r}"
        return not failed and inputs[match.group(1)] == match.group(2)

    def run_job(self, steps: list[dict[str, Any]]) -> int:
        """Run the job's steps in order; return the exit code of the first failing one, or 0."""
        code = 0
        for step in steps:
            if not self.condition(step.get("if"), {}, failed=code != 0):
                continue
            uses = step.get("uses", "")
            if uses.startswith(ACTION_NAME):
                done = self._composite(step)
            elif uses.startswith(UPLOAD):
                done = self._upload({k: self.value(str(v), {}) for k, v in step["with"].items()})
            elif uses.startswith(DOWNLOAD):
                done = self._download({k: self.value(str(v), {}) for k, v in step["with"].items()})
            elif uses or step.get("name") in self.skip:
                self.skipped.append(uses or step["name"])
                continue
            else:
                done = self._script(step, {}, step.get("id"))
            code = code or done
        return code

    def _upload(self, given: dict[str, str]) -> int:
        """actions/upload-artifact: the files and folders named in `path`, one a line, stored
        under the deepest folder holding them all, as the action stores them."""
        assert self.artifacts is not None, "this run has no artifact storage"
        paths = [self.workdir / line.strip() for line in given["path"].splitlines() if line.strip()]
        found = [p for p in paths if p.exists()]
        if not found:
            return 1 if given.get("if-no-files-found") == "error" else 0
        root = Path(os.path.commonpath([p if p.is_dir() else p.parent for p in found]))
        store = self.artifacts / given.get("name", "artifact")
        for path in found:
            for file in path.rglob("*") if path.is_dir() else [path]:
                if file.is_file():
                    (store / file.relative_to(root)).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(file, store / file.relative_to(root))
        return 0

    def _download(self, given: dict[str, str]) -> int:
        """actions/download-artifact of one artifact by name, into `path`."""
        assert self.artifacts is not None, "this run has no artifact storage"
        store = self.artifacts / given["name"]
        if not store.is_dir():
            return 1
        shutil.copytree(store, self.workdir / given.get("path", "."), dirs_exist_ok=True)
        return 0

    def _composite(self, step: dict[str, Any]) -> int:
        action = yaml.safe_load(ACTION.read_text())
        given = {k: self.value(str(v), {}) for k, v in (step.get("with") or {}).items()}
        unknown = set(given) - set(action["inputs"])
        assert not unknown, f"inputs the action does not declare: {unknown}"
        inputs = {
            k: given.get(k, self.value(str(spec.get("default", "")), {}))
            for k, spec in action["inputs"].items()
        }
        for inner in action["runs"]["steps"]:
            if inner.get("uses"):
                self.skipped.append(inner["uses"])
            elif inner.get("name") in self.skip:
                self.skipped.append(inner["name"])  # installed already: the tool under test
            elif self.condition(inner.get("if"), inputs, failed=False):
                code = self._script(inner, inputs, inner.get("id"))
                if code:
                    return code
        outer = step.get("id")
        if outer:
            values = action.get("outputs", {})
            self.outputs[outer] = {k: self.value(v["value"], inputs) for k, v in values.items()}
        return 0

    def _script(self, step: dict[str, Any], inputs: dict[str, str], step_id: str | None) -> int:
        n = len(self.ran)
        output, summary = self.temp / f"output-{n}", self.temp / f"summary-{n}.md"
        output.touch()
        env = dict(self.env, GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary))
        env |= {k: self.value(str(v), inputs) for k, v in (step.get("env") or {}).items()}
        script = self.temp / f"step-{n}.sh"
        script.write_text(step["run"])
        # GitHub's default for `shell: bash`: bash --noprofile --norc -eo pipefail {0}
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workdir,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.ran.append((step.get("name", step["run"][:30]), done.returncode))
        self.envs[step.get("name", step["run"][:30])] = env
        if summary.exists():
            self.summaries.append(summary.read_text())
        if step_id:
            lines = output.read_text().splitlines()
            self.outputs[step_id] = dict(line.split("=", 1) for line in lines if "=" in line)
        self.log += done.stdout + done.stderr
        return done.returncode


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, **GIT_ENV)
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    ).stdout


def _git_bytes(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout


def _records_repository(tmp_path: Path, standin) -> tuple[Path, Path]:
    """A bare `origin` and a clone of it holding the team's records, committed and pushed."""
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    _git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    _git(tmp_path, "clone", "--quiet", str(origin), str(work))
    env = dict(os.environ, **standin.base_urls(), CREDIT_TRACKER_RECORDS=str(work / "records"))
    tool = [str(Path(sys.executable).parent / "credit-tracker")]
    for args in (
        ["init"],
        ["records", "add", PONE, "--members", "Caspar A. Hallmann"],
        ["records", "set-roles", PONE, "Hallmann", "Conceptualization", "Funding acquisition"],
    ):
        subprocess.run([*tool, *args], env=env, check=True, capture_output=True)
    _git(work, "add", "records")
    _git(work, "commit", "--quiet", "-m", "The team's records")
    _git(work, "push", "--quiet", "origin", "main")
    return origin, work


def _runner(tmp_path: Path, work: Path, standin) -> Runner:
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "RUNNER_TEMP": str(temp),
        "GITHUB_REF_NAME": "main",
        "GITHUB_WORKSPACE": str(work),
        **standin.base_urls(),
    }
    return Runner(
        workdir=work,
        temp=temp,
        env=env,
        contexts={
            "github": {
                "action_path": str(ROOT),
                "event_name": "schedule",
                "server_url": "https://github.com",
                "token": "",
            },
            "runner": {"temp": str(temp)},
            "vars": {"CREDIT_TRACKER_MAILTO": "office@example.org"},
            "secrets": {},
        },
        artifacts=tmp_path / "artifacts",
    )


def _job(branch: str | None = None, template: Path = TEMPLATE) -> list[dict[str, Any]]:
    (job, *_) = yaml.safe_load(template.read_text())["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    if branch is not None:
        for step in steps:
            if step.get("uses", "").startswith(ACTION_NAME):
                step["with"]["branch"] = branch
    return steps


def test_the_template_run_in_a_records_repository_commits_the_snapshots(
    fast_xml, tmp_path: Path
) -> None:
    origin, work = _records_repository(tmp_path, fast_xml)
    _empty_baseline(work)
    before = _git(origin, "rev-parse", "main").strip()
    runner = _runner(tmp_path, work, fast_xml)
    code = runner.run_job(_job())
    # the last step fails the job on the new finding, after the snapshots were committed
    assert code == 1, runner.log
    assert [name for name, _ in runner.ran] == [
        "Settings",
        "Restore the snapshots from the data branch",
        "Check the records",
        "Commit the snapshots",
        "Fail on new findings or an incomplete run",
    ]
    assert [rc for _, rc in runner.ran] == [0, 0, 0, 0, 1]
    assert sorted(u.split("@")[0] for u in runner.skipped if "@" in u) == sorted(SKIPPED_USES)
    assert all(PINNED.fullmatch(u) for u in runner.skipped if "@" in u)
    assert "Install credit-tracker" in runner.skipped
    assert runner.outputs["credit-tracker"]["exit-code"] == "1"
    assert "::error title=role-missing 10.1371/journal.pone.0185809::" in runner.log
    assert any(s.startswith("# credit-tracker check") for s in runner.summaries)
    junit = Path(runner.outputs["credit-tracker"]["junit"]).read_text()
    report = json.loads(Path(runner.outputs["credit-tracker"]["json"]).read_text())
    assert report["summary"]["failing"] > 0
    assert f'failures="{report["summary"]["failing"]}"' in junit  # the same check, both reports
    # the commit the job made: on main, by the bot, only snapshots, its parent the team's commit
    head = _git(origin, "log", "-1", "--format=%an|%s|%P", "main").strip()
    author, subject, parent = head.split("|")
    assert author == "credit-tracker[bot]" and parent == before
    assert re.fullmatch(r"credit-tracker nightly \d{4}-\d{2}-\d{2}: publisher snapshots", subject)
    changed = _git(origin, "show", "--name-only", "--format=", "main").split()
    assert changed and all(re.fullmatch(r"records/snapshots/[0-9a-f]{3}\.json", p) for p in changed)
    assert _git(work, "status", "--porcelain", "--untracked-files=no") == ""
    # the publish job, run although the nightly job failed, finds the JUnit report it uploaded
    # where the publisher reads it
    publish = yaml.safe_load(TEMPLATE.read_text())["jobs"]["publish"]
    (tmp_path / "publish").mkdir()
    reader = Runner(
        workdir=tmp_path / "publish", temp=runner.temp, env={}, artifacts=runner.artifacts
    )
    assert reader.run_job(publish["steps"]) == 0
    (publisher,) = [s for s in publish["steps"] if s.get("uses", "").startswith("mikepenz/")]
    assert reader.skipped == [publisher["uses"]]
    (read,) = reader.workdir.glob(publisher["with"]["report_paths"])
    assert read.read_text() == junit


def test_the_nights_commit_takes_in_the_offices_by_key_before_it_pushes(
    fast_xml, tmp_path: Path
) -> None:
    """Someone in the office fetched the same article while the job ran: both changed its
    snapshot shard. The job's push is refused, it pulls with --rebase, and git-setup (run by the
    action: a new checkout has no merge driver in its config) makes that a merge by key."""
    origin, work = _records_repository(tmp_path, fast_xml)
    _empty_baseline(work)
    _git(work, "config", "--unset-all", "merge.credit-tracker.driver")  # as a new checkout
    office = tmp_path / "office"
    _git(tmp_path, "clone", "--quiet", str(origin), str(office))
    xml = ROOT / "tests" / "data" / "fixtures" / "allofplos" / "journal.pone.0185809.xml"
    env = dict(os.environ, CREDIT_TRACKER_RECORDS=str(office / "records"))
    tool = str(Path(sys.executable).parent / "credit-tracker")
    subprocess.run([tool, "git-setup"], env=env, check=True, capture_output=True)
    subprocess.run([tool, "fetch", PONE, "--jats", str(xml)], env=env, check=True)
    _git(office, "add", "records")
    _git(office, "commit", "--quiet", "-m", "PLOS's XML, read by hand")
    _git(office, "push", "--quiet", "origin", "main")
    runner = _runner(tmp_path, work, fast_xml)
    runner.run_job(_job())
    assert dict(runner.ran)["Commit the snapshots"] == 0, runner.log
    assert "git config merge.credit-tracker.driver: set in this clone" in runner.log
    assert _git(origin, "log", "-1", "--format=%an", "main").strip() == "credit-tracker[bot]"
    (shard,) = _git(origin, "ls-tree", "--name-only", "main", "records/snapshots/").split()
    history = json.loads(_git(origin, "show", f"main:{shard}"))["snapshots"][PONE]["history"]
    urls = {(shot["source"], (shot.get("url") or "").split(":")[0]) for shot in history}
    assert ("jats", "file") in urls and ("crossref", "http") in urls  # the office's, the bot's


def test_a_failed_commit_still_publishes_the_reports(fast_xml, tmp_path: Path) -> None:
    """The commit-back fails (the remote is gone): the action's step fails, and the upload runs
    all the same, from where the action wrote the reports, so the publish job has them."""
    _, work = _records_repository(tmp_path, fast_xml)
    _empty_baseline(work)
    _git(work, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    runner = _runner(tmp_path, work, fast_xml)
    assert runner.run_job(_job()) != 0
    (name, code) = runner.ran[-1]
    assert name == "Commit the snapshots" and code != 0, runner.log
    assert sorted(p.name for p in (runner.artifacts / "credit-tracker-reports").iterdir()) == [
        "credit-tracker.json",
        "credit-tracker.xml",
    ]


def _empty_baseline(work: Path) -> None:
    """A night after the first: the baseline exists, and knows nothing, so the template's
    `baseline: bootstrap` makes an ordinary run and every finding is new."""
    (work / "records" / "baseline.json").write_text('{"version": 1, "findings": {}}\n')
    _git(work, "add", "records/baseline.json")
    _git(work, "commit", "--quiet", "-m", "An empty baseline")
    _git(work, "push", "--quiet", "origin", "main")


def _baselined_repository(tmp_path: Path, standin) -> Path:
    """A records repository whose main branch holds the team's records and a baseline of every
    finding today, and no snapshots (they are to live on a dedicated branch)."""
    origin, work = _records_repository(tmp_path, standin)
    env = dict(os.environ, **standin.base_urls(), CREDIT_TRACKER_RECORDS=str(work / "records"))
    tool = str(Path(sys.executable).parent / "credit-tracker")
    subprocess.run([tool, "fetch", "--quiet"], env=env, check=True, capture_output=True)
    baseline = ["check", "--baseline", "records/baseline.json", "--update-baseline"]
    subprocess.run([tool, *baseline], env=env, cwd=work, check=True, capture_output=True)
    _git(work, "add", "records/baseline.json")
    _git(work, "commit", "--quiet", "-m", "The baseline")
    _git(work, "push", "--quiet", "origin", "main")
    return origin


def _night(tmp_path: Path, name: str, origin: Path, standin) -> Runner:
    """One run of the job with a dedicated branch, in a new checkout of main as CI makes."""
    night = tmp_path / name
    night.mkdir()
    _git(night, "clone", "--quiet", str(origin), str(night / "work"))
    assert not (night / "work" / "records" / "snapshots").exists()
    runner = _runner(night, night / "work", standin)
    runner.code = runner.run_job(_job(DATA_BRANCH))
    return runner


def test_a_dedicated_branch_keeps_the_snapshots_and_the_fix_dates_off_main(
    fast_xml, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    origin = _baselined_repository(tmp_path, fast_xml)
    main = _git(origin, "rev-parse", "main").strip()
    baseline = json.loads(_git(origin, "show", "main:records/baseline.json"))["findings"]
    (missing,) = [i for i, e in baseline.items() if e["rule"] == "role-missing"]
    # Night 1: the publisher fixes the XML alone; everything else is known: the job passes
    original = fast_xml.catalogue.xml[PONE]
    role = b'<role content-type="http://credit.casrai.org/">Funding acquisition</role>\n'
    name = b"<given-names>Caspar A.</given-names></name>\n"
    monkeypatch.setitem(fast_xml.catalogue.xml, PONE, original.replace(name, name + role, 1))
    first = _night(tmp_path, "night-1", origin, fast_xml)
    assert first.code == 0, first.log
    assert "no branch credit-tracker-data yet: the first run creates it" in first.log
    data = _git(origin, "rev-parse", DATA_BRANCH).strip()
    assert (
        _git(origin, "log", "-1", "--format=%an|%P", data).strip() == f"credit-tracker[bot]|{main}"
    )
    dated = json.loads(_git(origin, "show", f"{data}:records/baseline.json"))["findings"]
    assert dated[missing]["fixed"] and "fixed" not in baseline[missing]
    assert _git(origin, "ls-tree", "--name-only", data, "records/snapshots/").strip()
    assert _git(origin, "rev-parse", "main").strip() == main  # untouched
    # Night 2: the publisher puts the old XML back. The new checkout of main has neither the
    # snapshots nor the fix date: both come from the data branch, so the undo is seen.
    monkeypatch.setitem(fast_xml.catalogue.xml, PONE, original)
    second = _night(tmp_path, "night-2", origin, fast_xml)
    assert second.code == 1, second.log
    assert "restored records/snapshots from credit-tracker-data" in second.log
    assert "restored records/baseline.json from credit-tracker-data" in second.log
    report = json.loads(Path(second.outputs["credit-tracker"]["json"]).read_text())
    assert [r["finding"]["id"] for r in report["regressed"]] == [missing]
    parents = _git(origin, "log", "-1", "--format=%P", DATA_BRANCH).split()
    assert parents == [data, main]
    # The team rewrites the baseline on main: from then on, main's copy is the one read.
    team = tmp_path / "team"
    _git(tmp_path, "clone", "--quiet", str(origin), str(team))
    edited = json.loads((team / "records" / "baseline.json").read_text())
    edited["findings"][missing]["note"] = "asked PLOS again"
    (team / "records" / "baseline.json").write_text(json.dumps(edited, indent=2) + "\n")
    _git(team, "commit", "--quiet", "-am", "The baseline, rewritten")
    _git(team, "push", "--quiet", "origin", "main")
    third = _night(tmp_path, "night-3", origin, fast_xml)
    assert "restored records/snapshots" in third.log
    assert "restored records/baseline.json" not in third.log
    assert third.code == 0, third.log  # main's entry has no fix date: the finding is known


@pytest.mark.parametrize("fail", ["true", "false"])
def test_the_action_fails_its_own_step_only_when_asked(fail: str, fast_xml, tmp_path: Path) -> None:
    origin, work = _records_repository(tmp_path, fast_xml)
    runner = _runner(tmp_path, work, fast_xml)
    steps = [
        {"uses": ACTION_NAME + "v0.1.0", "id": "ct", "with": {"fail": fail, "commit": "false"}}
    ]
    assert runner.run_job(steps) == (1 if fail == "true" else 0), runner.log
    assert "commit is off: nothing committed" in runner.log
    assert _git(origin, "log", "--format=%an", "main").splitlines() == ["Research Office"]


def _stand_in_tool(folder: Path) -> Path:
    """A `credit-tracker` that records its arguments and writes what `nightly` would (a snapshot
    with the lock and temporary file a run leaves beside it; the baseline when asked to bootstrap
    it), and does nothing for `git-setup`: the action's wiring, tested without the CLI."""
    folder.mkdir()
    tool = folder / "credit-tracker"
    tool.write_text(
        f"#!{sys.executable}\n"
        "import json, pathlib, sys\n"
        "args = sys.argv[1:]\n"
        f"with open({str(folder / 'calls.jsonl')!r}, 'a') as calls:\n"
        "    calls.write(json.dumps(args) + '\\n')\n"
        "if 'git-setup' in args:\n"
        "    sys.exit(0)\n"
        "def given(flag): return pathlib.Path(args[args.index(flag) + 1])\n"
        "(given('--records') / 'snapshots').mkdir(exist_ok=True)\n"
        "(given('--records') / 'snapshots' / '000.json').write_text('{}\\n')\n"
        "(given('--records') / 'snapshots' / '000.json.tmp').write_text('')\n"
        "(given('--records') / 'snapshots' / '.lock').write_text('')\n"
        "if '--bootstrap-baseline' in args:\n"
        "    given('--baseline').write_text('{\"version\": 1, \"findings\": {}}\\n')\n"
        "for flag in ('--junit', '--json'):\n"
        "    given(flag).write_text('')\n"
    )
    tool.chmod(0o755)
    return folder


def _calls(tool: Path, command: str = "nightly") -> list[list[str]]:
    """The stand-in tool's calls of one command, in order."""
    calls = [json.loads(line) for line in (tool / "calls.jsonl").read_text().splitlines()]
    return [args for args in calls if command in args]


@pytest.mark.parametrize("branch", ["", DATA_BRANCH])
def test_the_first_night_bootstraps_the_baseline_and_the_next_reads_it(
    branch: str, fast_xml, tmp_path: Path
) -> None:
    """`baseline: bootstrap` (the template's) passes `--bootstrap-baseline` to nightly only while
    no baseline exists, and the baseline that night writes is committed with the snapshots,
    where the next night's new checkout finds it (restored from the data branch if there is
    one). What nightly does with the flag is the CLI's own test."""
    origin, _ = _records_repository(tmp_path, fast_xml)
    tool = _stand_in_tool(tmp_path / "tool")
    nights = []
    for name in ("night-1", "night-2"):
        (tmp_path / name).mkdir()
        work = tmp_path / name / "work"
        _git(tmp_path, "clone", "--quiet", str(origin), str(work))
        runner = _runner(tmp_path / name, work, fast_xml)
        runner.env["PATH"] = f"{tool}{os.pathsep}{runner.env['PATH']}"
        assert runner.run_job(_job(branch)) == 0, runner.log
        nights.append(runner)
    first, second = _calls(tool)
    assert first[first.index("--baseline") :][:3] == [
        "--baseline",
        "records/baseline.json",
        "--bootstrap-baseline",
    ]
    assert "no records/baseline.json yet: tonight's findings become the baseline" in nights[0].log
    assert "--bootstrap-baseline" not in second
    assert second[second.index("--baseline") + 1] == "records/baseline.json"
    target = branch or "main"
    assert _git(origin, "show", f"{target}:records/baseline.json") == (
        '{"version": 1, "findings": {}}\n'
    )
    if branch:
        assert "restored records/baseline.json from credit-tracker-data" in nights[1].log


@pytest.mark.parametrize(
    ("event", "commits"),
    [("schedule", True), ("workflow_dispatch", True), ("pull_request", False), ("push", False)],
)
def test_only_scheduled_and_dispatched_runs_commit(
    event: str, commits: bool, fast_xml, tmp_path: Path
) -> None:
    origin, work = _records_repository(tmp_path, fast_xml)
    before = _git(origin, "for-each-ref", "--format=%(refname) %(objectname)")
    runner = _runner(tmp_path, work, fast_xml)
    tool = _stand_in_tool(tmp_path / "tool")
    runner.env["PATH"] = f"{tool}{os.pathsep}{runner.env['PATH']}"
    runner.contexts["github"]["event_name"] = event
    if event == "pull_request":
        runner.env["GITHUB_REF_NAME"] = "7/merge"  # what a pull request's checkout is
    assert runner.run_job(_job()) == 0, runner.log
    after = _git(origin, "for-each-ref", "--format=%(refname) %(objectname)")
    if commits:
        assert "committed the snapshots to main" in runner.log
        assert _git(origin, "log", "-1", "--format=%an", "main").strip() == "credit-tracker[bot]"
        # the first night's baseline and the snapshot, not the lock or the temporary file
        changed = _git(origin, "show", "--name-only", "--format=", "main").split()
        assert changed == ["records/baseline.json", "records/snapshots/000.json"]
    else:
        assert f"a {event} run commits nothing" in runner.log
        assert after == before


def test_each_secret_reaches_only_the_step_that_uses_it(fast_xml, tmp_path: Path) -> None:
    origin, work = _records_repository(tmp_path, fast_xml)
    _empty_baseline(work)
    runner = _runner(tmp_path, work, fast_xml)
    crossref, token = "crossref-plus-secret", "ghs-repository-token"
    runner.contexts["secrets"] = {"CREDIT_TRACKER_CROSSREF_TOKEN": crossref}
    runner.contexts["github"] |= {"token": token, "server_url": "https://github.example"}
    # a `git` in front of git's, noting which credentials each fetch and push is made with
    shim, log = tmp_path / "git-shim", tmp_path / "git-credentials.log"
    shim.mkdir()
    (shim / "git").write_text(
        "#!/bin/bash\n"
        'case "$1" in fetch | push)\n'
        f'  echo "$1 $({shutil.which("git")} config --get-all '
        f'http.https://github.example/.extraheader)" >> {log} ;;\n'
        "esac\n"
        f'exec {shutil.which("git")} "$@"\n'
    )
    (shim / "git").chmod(0o755)
    runner.env["PATH"] = f"{shim}{os.pathsep}{runner.env['PATH']}"
    assert runner.run_job(_job(DATA_BRANCH)) == 1, runner.log

    def holders(secret: str) -> list[str]:
        return [name for name, env in runner.envs.items() if secret in env.values()]

    assert holders(crossref) == ["Check the records"]
    assert holders(token) == ["Restore the snapshots from the data branch", "Commit the snapshots"]
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    assert log.read_text().splitlines() == [
        f"fetch AUTHORIZATION: basic {basic}",
        f"push AUTHORIZATION: basic {basic}",
    ]
    assert f"::add-mask::{basic}" in runner.log
    # nothing is left where a later process could read it
    assert token not in (work / ".git" / "config").read_text()
    assert basic not in (work / ".git" / "config").read_text()
    assert _git(origin, "log", "-1", "--format=%an", DATA_BRANCH).strip() == "credit-tracker[bot]"


def test_the_pull_request_variant_checks_a_branch_and_pushes_nothing(
    fast_xml, tmp_path: Path
) -> None:
    origin, work = _records_repository(tmp_path, fast_xml)
    before = _git(origin, "for-each-ref", "--format=%(refname) %(objectname)")
    runner = _runner(tmp_path, work, fast_xml)
    runner.contexts["github"]["event_name"] = "pull_request"
    runner.env["GITHUB_REF_NAME"] = "7/merge"
    assert runner.run_job(_job(template=PR_TEMPLATE)) == 1, runner.log
    assert "::error title=role-missing 10.1371/journal.pone.0185809::" in runner.log
    assert "commit is off: nothing committed" in runner.log
    assert sorted(p.name for p in (runner.artifacts / "credit-tracker-reports").iterdir()) == [
        "credit-tracker.json",
        "credit-tracker.xml",
    ]
    assert _git(origin, "for-each-ref", "--format=%(refname) %(objectname)") == before

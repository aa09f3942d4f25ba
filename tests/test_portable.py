"""Where fcntl does not exist (Windows), every module still imports and the store still works."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import credit_tracker

# Run in a fresh interpreter, so that hiding fcntl touches no module this test process shares.
CHILD = """
import importlib, json, pkgutil, sys, warnings
from pathlib import Path

sys.modules["fcntl"] = None  # `import fcntl` now fails, as it does on Windows

import credit_tracker

imported = []
for module in pkgutil.walk_packages(credit_tracker.__path__, "credit_tracker."):
    if module.name.rsplit(".", 1)[-1] != "__main__":  # __main__ runs the program
        importlib.import_module(module.name)
        imported.append(module.name)

from credit_tracker.domain.models import Person
from credit_tracker.domain.names import PersonName
from credit_tracker.store.folder import Store

store = Store(Path(sys.argv[1]))
store.init()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # filelock says it fell back to its portable lock
    with store.transaction() as records:
        records.people["a"] = Person(id="a", name=PersonName(given="Ana", family="Alwan"))
print(json.dumps({"imported": imported, "people": sorted(Store(Path(sys.argv[1])).load().people)}))
"""


def _modules(package: Path, prefix: str) -> set[str]:
    names = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).with_suffix("").parts
        if parts[-1] == "__main__":
            continue
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        names.add(".".join((prefix, *parts)) if parts else prefix)
    return names


def test_every_module_imports_and_the_store_works_without_fcntl(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "records")],
        capture_output=True,
        text=True,
        timeout=300,  # a safety limit only
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    package = Path(credit_tracker.__file__).parent
    expected = _modules(package, "credit_tracker") - {"credit_tracker"}
    assert set(report["imported"]) == expected
    assert "credit_tracker.store.lock" in expected
    assert report["people"] == ["a"]

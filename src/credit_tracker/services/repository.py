"""The records in a git repository: a clone set up to merge them by key (`git-setup`, and `init`
in a work tree), and the merge of one records file that git asks of the driver.

git takes a merge driver's name from `.gitattributes` (committed, so every clone has it) and its
command from the clone's own config (never copied by `git clone`), so every clone runs
`git-setup` once. A clone that has not merges the records as text: additions on adjacent lines
then stop it with conflicts no edit caused.
"""

from __future__ import annotations

import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from credit_tracker.domain.errors import InputError, StoreError
from credit_tracker.domain.merging import Conflict
from credit_tracker.store.documents import (
    ARTICLES,
    BASELINE,
    FORMAT,
    OFFICE,
    SNAPSHOTS,
    TEAM,
    current_form,
    stored_text,
)
from credit_tracker.store.folder import FORMAT_FILE, TEAM_FILE, Store
from credit_tracker.store.git_repo import add_lines, get_config, require_git, set_config, work_tree
from credit_tracker.store.lock import LOCK_FILE
from credit_tracker.store.merge import merge_records
from credit_tracker.store.office_file import OFFICE_FILE
from credit_tracker.store.records_index import INDEX

DRIVER = "credit-tracker"
BASELINE_FILE = "baseline.json"
# The records' files, by their pattern in the records folder's .gitattributes (anchored there),
# and what each is.
MERGED = {
    f"/{TEAM_FILE}": TEAM,
    f"/{OFFICE_FILE}": OFFICE,
    f"/{FORMAT_FILE}": FORMAT,
    f"/{BASELINE_FILE}": BASELINE,
    f"/{ARTICLES}/*.json": ARTICLES,
    f"/{SNAPSHOTS}/*.json": SNAPSHOTS,
}
ATTRIBUTES = [f"{pattern} merge={DRIVER}" for pattern in MERGED]
# What the tool keeps beside the records and nobody commits: the lock, the copies from before
# the last write, a killed write's temporary files, the index (rebuilt from the files).
IGNORED = [LOCK_FILE, "*.bak", "*.tmp", f"{INDEX}/"]
_SHARD = re.compile(r"^[0-9a-f]{3}\.json$")


@dataclass
class GitSetup:
    """What `git-setup` did in one clone."""

    top: Path
    """The top of the work tree."""
    attributes: list[str] = field(default_factory=list)
    """Lines added to the records' .gitattributes."""
    ignored: list[str] = field(default_factory=list)
    """Lines added to the records' .gitignore."""
    driver: str | None = None
    """The driver's command, when this clone's config was changed to it."""


def git_setup(store: Store) -> GitSetup:
    """Set up the clone the records folder is in to merge the records by key: the records'
    .gitattributes and .gitignore (lines added, none removed), and the driver in the clone's
    config. Raises InputError (no work tree), StoreError (no records; a file not writable)."""
    store.load_team()  # refuses a folder that holds no records
    done = GitSetup(top=require_git(store.root))
    heading = "# written by credit-tracker git-setup: the records' JSON files merged by key"
    done.attributes = add_lines(store.root / ".gitattributes", heading, ATTRIBUTES)
    heading = "# written by credit-tracker git-setup: beside the records, never committed"
    done.ignored = add_lines(store.root / ".gitignore", heading, IGNORED)
    command = driver_command()
    if get_config(store.root, f"merge.{DRIVER}.driver") != command:
        set_config(store.root, f"merge.{DRIVER}.name", "credit-tracker records, merged by key")
        set_config(store.root, f"merge.{DRIVER}.driver", command)
        done.driver = command
    return done


def setup_if_in_git(store: Store) -> GitSetup | None:
    """`git_setup` when the records folder is inside a git work tree; None otherwise."""
    return git_setup(store) if work_tree(store.root) is not None else None


def driver_command() -> str:
    """The command git runs to merge a records file: this Python's credit-tracker, so that it
    works whatever PATH git is started with (an editor's, a desktop client's)."""
    return f"{shlex.quote(sys.executable)} -m credit_tracker merge-driver %O %A %B %P"


def merge_file(base: Path, ours: Path, theirs: Path, name: str) -> list[Conflict]:
    """Merge the three versions of the records file `name` (its path in the repository) into
    `ours`, as git asks of a merge driver; return the conflicts (the file then keeps this side's
    value of each). Raises InputError, with `ours` untouched, for a file that is not a records
    file or a version that is not valid."""
    kind = kind_of(name)
    versions = []
    sides = (("the common ancestor's", base), ("this side's", ours), ("the other side's", theirs))
    for side, path in sides:
        try:
            versions.append(current_form(kind, f"{name} ({side} version)", path.read_bytes()))
        except (StoreError, OSError) as exc:
            raise InputError(f"cannot merge by key: {exc}; merge it by hand") from exc
    merged, conflicts = merge_records(kind, *versions)
    try:
        ours.write_text(stored_text(kind, merged), encoding="utf-8", newline="\n")
    except OSError as exc:
        raise StoreError(f"{ours}: could not write the merge of {name} ({exc})") from exc
    return conflicts


def kind_of(name: str) -> str:
    """What kind of records file `name` (a path in the repository) is; InputError for a file
    the driver does not merge."""
    parts = Path(name).parts
    if len(parts) >= 2 and parts[-2] in (ARTICLES, SNAPSHOTS) and _SHARD.match(parts[-1]):
        return parts[-2]
    for pattern, kind in MERGED.items():
        if pattern.count("/") == 1 and parts and parts[-1] == pattern.lstrip("/"):
            return kind
    raise InputError(
        "not a records file credit-tracker merges (team.json, office.json, format.json, "
        "baseline.json, articles/<shard>.json, snapshots/<shard>.json); merge it by hand",
        path=name,
    )

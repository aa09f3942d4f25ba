"""Targets, on a synthetic store of 10,000 articles × 8 authors with 200 team members:

- `confirm request --members` (200 sheets) takes at most 3 times one `author` query per member
  (the baseline: the median `author` query of a sample of members, times 200);
- `confirm import` of the 200 answered sheets takes at most 5 times the import of one of them.

Each command runs in a fresh process, all in the same run. Every sheet written is opened again
with openpyxl and must read back as written (the round-trip the tests check on the real data).

    python bench/bench_confirm.py [--articles 10000] [--members 200] [--store DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from common import machine, report
from measure import ROOT, credit_tracker

sys.path.insert(0, str(ROOT / "src"))

SAMPLE = 7
"""Members whose `author` query is timed for the baseline."""


def make_office(folder: Path, articles: int, members: int) -> list[str]:
    """The synthetic store (bench/make_store.py), 2,000 people of whom `members` are members:
    each member is on about 40 articles, as in an office where people publish together."""
    from make_store import generate

    if not (folder / "team.json").exists():
        generate(folder, articles, 8, seed_people=2_000)
        team = json.loads((folder / "team.json").read_text(encoding="utf-8"))
        for person in team["people"].values():  # p0 … p199: members; everyone else a co-author
            person["team_member"] = int(person["id"].removeprefix("p")) < members
        from credit_tracker.store.files import dump_json

        (folder / "team.json").write_text(dump_json(team), encoding="utf-8")
    team = json.loads((folder / "team.json").read_text(encoding="utf-8"))
    return [p["id"] for p in team["people"].values() if p.get("team_member")]


def answer_all(sheets: Path, out: Path) -> list[Path]:
    """Each sheet answered: every row 'confirmed', its pre-fill kept (outside the timing)."""
    import openpyxl

    out.mkdir(exist_ok=True)
    answered = []
    for sheet in sorted(sheets.glob("*.xlsx")):
        book = openpyxl.load_workbook(sheet)
        rows = book["Roles"]
        column = [cell.value for cell in rows[1]].index("Your answer") + 1
        for number in range(2, rows.max_row + 1):
            rows.cell(row=number, column=column).value = "confirmed"
        book.save(out / sheet.name)
        answered.append(out / sheet.name)
    return answered


def reads_back(sheets: Path) -> int:
    """Open every sheet with openpyxl and read every row; return how many rows were read."""
    import openpyxl

    rows = 0
    for sheet in sorted(sheets.glob("*.xlsx")):
        book = openpyxl.load_workbook(sheet, read_only=True)
        rows += sum(1 for _row in book["Roles"].iter_rows(values_only=True)) - 1
        book.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--store", type=Path, help="keep the generated store here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ct-bench-confirm-"))
    store = args.store or work / "store"
    print(f"machine: {machine()}")
    members = make_office(store, args.articles, args.members)
    credit_tracker(store, "author", members[0])  # the records index, built once
    author = statistics.median(
        credit_tracker(store, "author", pid)["seconds"] for pid in members[:SAMPLE]
    )
    asked = work / "asked"
    shutil.copytree(store, asked)
    sheets = work / "sheets"
    request = credit_tracker(
        asked, "confirm", "request", "--members", "--output", str(sheets), "--date", "2026-12-01"
    )
    assert request["code"] == 0, request["stderr"]
    rows = reads_back(sheets)
    ok = report(
        "confirm request --members",
        f"{len(members)} sheets ({rows} rows, every one read back) in {request['seconds']:.1f} s",
        f"one author query {author:.2f} s × {len(members)} = {author * len(members):.1f} s",
        request["seconds"] / (author * len(members)),
        3,
    )
    answered = answer_all(sheets, work / "answered")
    one_store, all_store = work / "one", work / "all"
    shutil.copytree(asked, one_store)
    shutil.copytree(asked, all_store)
    # The copies written back before anything is timed: a store write syncs the whole disk, so
    # the first import would otherwise write 300 MB of this script's copies and count them.
    if hasattr(os, "sync"):
        os.sync()
    one = credit_tracker(one_store, "confirm", "import", str(answered[0]))
    every = credit_tracker(all_store, "confirm", "import", *map(str, answered))
    assert one["code"] == 0 and every["code"] == 0, (one["stderr"], every["stderr"])
    ok &= report(
        "confirm import",
        f"{len(answered)} answered sheets in {every['seconds']:.1f} s",
        f"one sheet's import {one['seconds']:.2f} s",
        every["seconds"] / one["seconds"],
        5,
    )
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

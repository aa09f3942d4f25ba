"""A week of an office, simulated: two staff and the nightly job's bot, each in a clone of one
records repository (a bare `origin` on disk; real git, never mocked; tests/clones.py).

Five days. Each morning both staff pull; then their edits (imports of tenzing tables,
`records add` against the stand-in, person edits, roles, acknowledgements, correction requests
drafted and marked, a statement read by hand), each committed at once, interleaved with pulls
and pushes in an order drawn from a seeded random generator; each evening both push (pulling
first when refused). Each night the bot pulls, runs `nightly` against the stand-in, and commits
and pushes its snapshots; a staff member working late may push first, and the bot then pulls
with --rebase, as the action does.

What it counts: merges git could not finish alone. There is exactly one, on the day both staff
set one person's ORCID iD to two different values: the driver names it in one line, and the
office keeps the later edit. After every pull, merge or rebase, `check` in that clone equals
`check` on a folder where every edit the clone now holds was made one after another (the
union of the edits, replayed in the order they were made); and at the end the three clones
hold the same records.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from credit_tracker.services import snapshots
from credit_tracker.store.folder import Store
from tests.clones import Clone, Office, Pull, isolate_git
from tests.conftest import FIXTURES, ROOT
from tests.ticking_clock import TickingClock

SEED = 20260105
DAYS = ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"]
AS_OF = "2026-01-12"
TENZING = FIXTURES / "tenzing" / "contributors_table_example.csv"  # Smith, Kovacs, Luthor
AIMMS = ROOT / "records" / "sources" / "aimms-mentoring.contributors.csv"  # 15 others
PONE = "10.1371/journal.pone.0185809"  # Crossref and PLOS JATS in the stand-in
PBIO = "10.1371/journal.pbio.2002399"  # Crossref and PLOS JATS in the stand-in
PLUIJM = "10.1371/journal.pbio.0050002"  # Crossref in the stand-in: 17 authors
SYNTHETIC = "10.5555/synthetic.week"  # a work the stand-in makes up
ORCID_A, ORCID_B = "0000-0002-1825-0097", "0000-0001-5109-3700"  # ORCID's documented examples
NIGHTLY_CODES = (0, 1, 3)


@dataclass
class Step:
    """One edit, as made in one clone and committed there: replayed for the reference."""

    index: int
    args: tuple[str, ...]
    sha: str
    codes: tuple[int, ...] = (0,)


@dataclass
class Week:
    """The office's week: the clones, the edits made, the merges git could not finish."""

    office: Office
    folder: Path
    rng: random.Random
    staff: dict[str, Clone] = field(default_factory=dict)
    bot: Clone | None = None
    steps: list[Step] = field(default_factory=list)
    conflicts: list[tuple[str, Pull]] = field(default_factory=list)
    """(whose clone, the pull) for each merge git could not finish."""
    merges: list[str] = field(default_factory=list)
    """git's output of every pull that merged or rebased something."""
    rebases: int = 0
    """The bot's pulls with --rebase: someone pushed while it ran."""
    references: dict[tuple[int, ...], Clone] = field(default_factory=dict)
    compared: int = 0

    # ---- edits ------------------------------------------------------------------------------

    def edit(self, who: str, *args: str, codes: tuple[int, ...] = (0,)) -> Step:
        """Run a command in a staff member's clone and commit what it changed."""
        clone = self.staff[who]
        clone.ct(*args, codes=codes)
        sha = clone.commit(f"{who}: {' '.join(args[:2])}")
        assert sha is not None, f"{who} {args}: changed nothing"
        step = Step(len(self.steps), args, sha, codes)
        self.steps.append(step)
        return step

    def finding(self, who: str, doi: str, person: str) -> str:
        """The id of an open finding about `person` on `doi`, as the clone checks it now."""
        report = self.staff[who].check(AS_OF)
        return next(
            f["id"]
            for f in report["findings"]
            if f["doi"] == doi and (f.get("author") or {}).get("person") == person
        )

    # ---- syncing ----------------------------------------------------------------------------

    def pull(self, clone: Clone, rebased: Step | None = None) -> None:
        """Pull (a merge; with `rebased`, the bot's unpushed night, a rebase as the action's) and
        compare the clone's check with the union of the edits it then holds."""
        before = clone.head()
        if rebased is not None:
            done = clone.git("pull", "--rebase", "origin", "main", check=False)
            pulled = Pull(done.returncode, done.stdout + done.stderr, [])
            assert done.returncode == 0, pulled.output  # the bot's snapshots never conflict
            rebased.sha = clone.head()  # the night's commit, now on top of what was pushed
            self.rebases += 1
        else:
            pulled = clone.pull()
        if pulled.conflicted:
            self.resolve(clone, pulled)
        else:
            assert pulled.code == 0, pulled.output
        if clone.head() != before:
            self.merges.append(pulled.output)
            self.compare(clone)

    def push(self, clone: Clone) -> None:
        while not clone.push():
            self.pull(clone)

    def resolve(self, clone: Clone, pulled: Pull) -> None:
        """The office's decision on the one conflict the week holds: the later edit stands."""
        self.conflicts.append((clone.path.name, pulled))
        assert pulled.conflicted == ["records/team.json"], pulled.output
        if clone is self.staff["a"]:  # this side's value is the earlier edit: take the other
            clone.ct("person", "set-orcid", "Lex W Luthor", ORCID_B)
        clone.git("add", "records/team.json")
        clone.git("commit", "--quiet", "--no-edit")

    # ---- the night --------------------------------------------------------------------------

    def night(self, day: str, late: tuple[str, tuple[str, ...]] | None = None) -> None:
        """The bot's night; someone may work late and push before the bot does (`late`: that
        edit, else by chance an accepted spelling)."""
        bot = self.bot
        assert bot is not None
        self.pull(bot)
        dois = sorted(Store(bot.records).load().articles)
        if not dois:
            return
        args = ("nightly", "--as-of", day, "--no-harvest", *dois)
        bot.ct(*args, codes=NIGHTLY_CODES)
        if late is not None:
            self.edit(late[0], *late[1])
            self.push(self.staff[late[0]])
        elif self.rng.random() < 0.5:
            who = self.rng.choice(sorted(self.staff))
            self.late_edit(who, day)
            self.push(self.staff[who])
        sha = bot.commit(f"credit-tracker nightly {day}: publisher snapshots")
        assert sha is not None
        step = Step(len(self.steps), args, sha, NIGHTLY_CODES)
        self.steps.append(step)
        while not bot.push():
            self.pull(bot, rebased=step)

    def late_edit(self, who: str, day: str) -> None:
        """An accepted spelling nobody else is editing tonight (one for each night and person)."""
        spelling = f"Lex {'W' if who == 'a' else 'V'}{DAYS.index(day) + 1} Luthor"
        self.edit(who, "person", "add-spelling", "Lex W Luthor", spelling)

    # ---- the reference ----------------------------------------------------------------------

    def compare(self, clone: Clone) -> None:
        """The clone's check is the check of the union of the edits it now holds."""
        reachable = set(clone.git("rev-list", "HEAD").stdout.split())
        included = tuple(s.index for s in self.steps if s.sha in reachable)
        mine, union = clone.check(AS_OF), self.reference(included).check(AS_OF)
        assert mine == union, _differences(clone, included, mine, union)
        self.compared += 1

    def reference(self, included: tuple[int, ...]) -> Clone:
        """A folder (no git) where the included edits were made one after another, built from
        the longest one already made."""
        if included in self.references:
            return self.references[included]
        start = max((k for k in self.references if included[: len(k)] == k), key=len, default=None)
        made = Clone(self.folder / f"reference-{len(self.references)}", self.office.runner)
        if start is None:
            made.ct("init")
            start = ()
        else:
            shutil.copytree(self.references[start].path, made.path)
        for index in included[len(start) :]:
            step = self.steps[index]
            made.ct(*step.args, codes=step.codes)
        self.references[included] = made
        return made

    # ---- the days ---------------------------------------------------------------------------

    def day(
        self,
        date: str,
        edits: dict[str, list[tuple[str, ...]]],
        first: list[tuple[str, tuple[str, ...]]] | None = None,
        late: tuple[str, tuple[str, ...]] | None = None,
    ) -> None:
        """Morning pulls, the edits (`first`: made before anyone syncs) interleaved with random
        pulls and pushes, evening pushes, the night."""
        for who in self.rng.sample(sorted(self.staff), 2):
            self.pull(self.staff[who])
        for who, args in first or []:  # made before anyone syncs
            self.edit(who, *args)
        events = [("edit", who, args) for who, todo in edits.items() for args in todo]
        events += [
            (self.rng.choice(["pull", "push"]), self.rng.choice(sorted(self.staff)), ())
            for _ in range(3)
        ]
        self.rng.shuffle(events)
        # each person's edits stay in their own order
        queues = {who: list(todo) for who, todo in edits.items()}
        for kind, who, _args in events:
            if kind == "edit":
                self.edit(who, *queues[who].pop(0))
            elif kind == "pull":
                self.pull(self.staff[who])
            else:
                self.push(self.staff[who])
        for who in self.rng.sample(sorted(self.staff), 2):
            self.push(self.staff[who])
        self.night(date, late)


def _differences(clone: Clone, included: tuple[int, ...], mine: dict, union: dict) -> str:
    """What a failing comparison shows: the findings only one side has, and the summaries."""

    def found(report: dict) -> set[tuple[str, str, str]]:
        return {(f["doi"], f["id"], f["message"]) for f in report["findings"]}

    return (
        f"{clone.path.name} holding edits {included}:\n"
        f"only in the clone: {sorted(found(mine) - found(union))}\n"
        f"only in the union: {sorted(found(union) - found(mine))}\n"
        f"summaries: {mine['summary']} / {union['summary']}"
    )


@pytest.fixture
def week(tmp_path: Path, fast_xml, monkeypatch: pytest.MonkeyPatch) -> Week:
    isolate_git(monkeypatch)
    monkeypatch.setattr(snapshots, "datetime", TickingClock)  # snapshots seconds apart
    monkeypatch.setenv("CREDIT_TRACKER_BACKOFF", "0")
    office = Office(tmp_path / "office", CliRunner())
    week = Week(office, tmp_path, random.Random(SEED))
    week.staff["a"] = office.start("a")
    week.staff["b"] = office.clone("b")
    week.bot = office.clone("bot")
    return week


def test_a_week_of_an_office_merges_without_a_hand_edit_but_the_one_real_conflict(
    week: Week, tmp_path: Path
) -> None:
    statement = tmp_path / "pone-statement.txt"
    statement.write_text("Marton Kovacs: Conceptualization. John Smith: Data curation.\n")
    mon, tue, wed, thu, fri = DAYS
    week.day(
        mon,
        {
            "a": [("records", "import", PONE, str(TENZING), "--members", "Marton Kovacs")],
            "b": [("records", "import", PBIO, str(AIMMS), "--members", "Jane Illés")],
        },
    )
    week.day(
        tue,
        {
            "a": [("person", "add-spelling", "Lex W Luthor", "Lex W. Luthor")],
            "b": [("records", "add", PLUIJM, "--members", "Ingrid van der Pluijm")],
        },
        first=[  # both before either syncs: one article's byline, two of its authors
            ("a", ("records", "set-roles", PONE, "Kovacs", "Conceptualization", "Methodology")),
            ("b", ("records", "set-roles", PONE, "Luthor", "Software")),
        ],
    )
    smith = week.finding("a", PONE, "john-mohammad-smith")
    woodrow = week.finding("b", PBIO, "mirembe-woodrow")
    week.day(
        wed,
        {
            "a": [("ack", smith, "--note", "Smith's roles: asked him", "--date", wed)],
            "b": [
                ("person", "set-member", "Mirembe Woodrow"),
                ("ack", woodrow, "--note", "PLOS has her as printed", "--date", wed),
                ("correction", "draft", PBIO, "--author", "Jane Illés"),
                ("correction", "mark", PBIO, "sent", "--author", "Jane Illés", "--date", wed),
            ],
        },
    )
    week.day(
        thu,
        {
            "a": [("person", "set-member", "John Mohammad Smith")],
            "b": [("person", "add-former-name", "Jane Illés", "Jane Smith-Illés")],
        },
        first=[  # both before either syncs: the week's one real conflict
            ("a", ("person", "set-orcid", "Lex W Luthor", ORCID_A)),
            ("b", ("person", "set-orcid", "Lex W Luthor", ORCID_B)),
        ],
    )
    week.day(
        fri,
        {
            "a": [("records", "add", SYNTHETIC, "--members", "Marton Kovacs")],
            "b": [
                (
                    "correction",
                    "mark",
                    PBIO,
                    "acknowledged",
                    "--author",
                    "Jane Illés",
                    "--date",
                    fri,
                )
            ],
        },
        # read while the bot fetches the same article: both change its snapshot history
        late=("b", ("fetch", PONE, "--statement", str(statement))),
    )
    # the office ends the week in step: everyone pulls
    for clone in (week.staff["a"], week.staff["b"], week.bot):
        week.pull(clone)
    assert week.bot is not None
    heads = {clone.head() for clone in (week.staff["a"], week.staff["b"], week.bot)}
    assert len(heads) == 1

    # one conflict all week, the one both sides made, named in one line
    ((where, conflict),) = week.conflicts
    kept, other = (ORCID_A, ORCID_B) if where == "a" else (ORCID_B, ORCID_A)
    assert conflict.driver_lines() == [
        "credit-tracker: records/team.json: people lex-w-luthor: field orcid changed on both "
        f'sides; kept "{kept}", the other side has "{other}"'
    ]
    team = Store(week.bot.records).load_team()
    assert team.people["lex-w-luthor"].orcid == ORCID_B  # the later edit stands
    # the merges were real ones: two staff's edits of team.json and of one article's byline
    # joined by the driver; the bot's night rebased onto a snapshot history read meanwhile
    merged = "\n".join(week.merges)
    assert "Auto-merging records/team.json" in merged
    assert "Auto-merging records/articles/" in merged
    assert week.rebases >= 2
    history = Store(week.bot.records).load().snapshots[PONE]
    assert {shot.source.value for shot in history} == {"crossref", "jats", "statement"}
    assert week.compared >= 15
    # and the week's records are what the edits, made one after another, make
    everything = tuple(step.index for step in week.steps)
    assert week.bot.check(AS_OF) == week.reference(everything).check(AS_OF)

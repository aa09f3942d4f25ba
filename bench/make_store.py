"""Generate a large SYNTHETIC records folder for benchmarks: seeded, deterministic.

    python bench/make_store.py --articles 100000 --authors 8 --out /tmp/ct-bench-store

Every article is made up (DOIs under the example prefix 10.5555, titles that say "Synthetic");
the folder gets a SYNTHETIC.md saying so. About 1 article in 20 carries a deliberate
difference (a role missing, an accent dropped, two authors swapped) so the check has findings;
`flawed_every=4` makes it 3 articles in 4 (a report that cannot list everything).
The files are written in the store's own format (the same shards, tables and canonical JSON);
tests load a small generated store through credit_tracker.store.folder to prove it.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from credit_tracker.domain.credit import ROLES
from credit_tracker.store.files import dump_json
from credit_tracker.store.folder import ARTICLES, FORMAT_FILE, SNAPSHOTS, STORE_FORMAT, shard_of

GIVEN = [
    "Ana",
    "Bo",
    "Chen",
    "Dara",
    "Eli",
    "Femi",
    "Gita",
    "Hugo",
    "Inès",
    "Jun",
    "Kofi",
    "Lena",
    "Marta",
    "Nils",
    "Olga",
    "Pål",
]
FAMILY = [
    "Alves",
    "Berg",
    "Costa",
    "Dahl",
    "Ekwueme",
    "Fischer",
    "García",
    "Høst",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "López",
    "Müller",
    "Nguyen",
    "Okafor",
    "Petrović",
    "Quispe",
    "Rossi",
    "Sato",
    "Tanaka",
]
WHEN = "2026-11-01T00:00:00Z"
# A Crossref reading that failed, a day after the good one.
UNREAD = {
    "fetched_at": "2026-11-02T00:00:00Z",
    "reason": "HTTP 503, after 5 tries",
    "source": "crossref",
    "state": "failed",
}


def person(n: int) -> dict:
    rng = random.Random(n)
    return {
        "family": f"{rng.choice(FAMILY)}-{n % 997}" if n % 3 else rng.choice(FAMILY),
        "given": rng.choice(GIVEN),
    }


def article(
    n: int, authors: int, people: int, flawed_every: int = 20, unread_every: int = 0
) -> tuple[dict, dict]:
    rng = random.Random(f"article-{n}")
    doi = f"10.5555/synthetic.{n}"
    ids = rng.sample(range(people), authors)
    team_authors, printed, roles = [], [], []
    for pid in ids:
        name = person(pid)
        slugs = sorted(rng.sample(range(len(ROLES)), rng.randint(1, 4)))
        team_authors.append(
            {
                "person": f"p{pid}",
                "printed": name,
                "roles": [{"role": ROLES[i].slug} for i in slugs],
            }
        )
        printed.append(dict(name))
        roles.append([ROLES[i].slug for i in slugs])
    flaw = n % flawed_every
    if flaw == 1:
        roles[0] = roles[0][1:]  # a role missing in the publisher's XML
    elif flaw == 2:
        printed[1]["given"] = (
            printed[1]["given"].replace("è", "e").replace("å", "a") + "x"
        )  # a misspelling
    elif flaw == 3:
        printed[0], printed[1] = printed[1], printed[0]  # two authors swapped in the byline
        roles[0], roles[1] = roles[1], roles[0]
    record = {
        "doi": doi,
        "title": f"Synthetic article {n} (generated for benchmarks, not real)",
        "journal": "Synthetic Journal",
        "authors": team_authors,
    }
    history = [_snapshot(doi, "crossref", printed, None), _snapshot(doi, "jats", printed, roles)]
    if unread_every and n % unread_every == 0:
        history.append(UNREAD | {"doi": doi})  # the last good reading is kept
    return record, {"doi": doi, "history": history}


def _snapshot(doi: str, source: str, names: list[dict], roles: list[list[str]] | None) -> dict:
    authors = []
    for position, name in enumerate(names, start=1):
        entry = {"position": position, "raw": f"{name['given']} {name['family']}", "name": name}
        if roles is not None:
            entry["roles"] = [
                {"label": slug, "origin": "vocab-term", "role": slug}
                for slug in roles[position - 1]
            ]
        authors.append(entry)
    digest = hashlib.sha256(repr((source, names, roles)).encode()).hexdigest()
    return {
        "authors": authors,
        "content_hash": digest,
        "doi": doi,
        "fetched_at": WHEN,
        "first_seen": WHEN,
        "source": source,
        "state": "ok",
    }


def generate(
    out: Path,
    articles: int,
    authors: int,
    seed_people: int | None = None,
    flawed_every: int = 20,
    unread_every: int = 0,
) -> Path:
    """Write the store; return its folder. Articles n with n % flawed_every in 1, 2, 3 carry a
    flaw (1 in 20 by default); with `unread_every`, every such n-th article's newest Crossref
    reading failed (it is unverified)."""
    people = seed_people or max(authors * 2, articles * authors // 3)
    shards: dict[str, tuple[dict, dict]] = {}
    for n in range(articles):
        record, history = article(n, authors, people, flawed_every, unread_every)
        articles_doc, snapshots_doc = shards.setdefault(shard_of(record["doi"]), ({}, {}))
        articles_doc[record["doi"]] = record
        snapshots_doc[history["doi"]] = history
    (out / ARTICLES).mkdir(parents=True, exist_ok=True)
    (out / SNAPSHOTS).mkdir(exist_ok=True)
    for shard, (articles_doc, snapshots_doc) in shards.items():
        (out / ARTICLES / f"{shard}.json").write_text(
            dump_json({ARTICLES: articles_doc}), encoding="utf-8"
        )
        (out / SNAPSHOTS / f"{shard}.json").write_text(
            dump_json({SNAPSHOTS: snapshots_doc}), encoding="utf-8"
        )
    team = {
        "people": {f"p{i}": {"id": f"p{i}", "name": person(i)} for i in range(people)},
        "acknowledgements": {},
        "publishers": {},
        "corrections": {},
    }
    (out / "team.json").write_text(dump_json(team), encoding="utf-8")
    (out / FORMAT_FILE).write_text(dump_json({"format": STORE_FORMAT}), encoding="utf-8")
    (out / "SYNTHETIC.md").write_text(
        f"Synthetic benchmark data: {articles} made-up articles of {authors} authors, "
        "generated by bench/make_store.py. Nothing here is real.\n",
        encoding="utf-8",
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--authors", type=int, default=8)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.articles, args.authors)
    print(f"wrote {args.articles} synthetic articles to {args.out}")


if __name__ == "__main__":
    main()

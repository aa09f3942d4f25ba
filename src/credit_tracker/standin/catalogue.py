"""What the stand-in knows: recorded Crossref works, article XML and ORCID answers, by DOI; and
the publishers' full texts, by address.

The publishers' folder (`add_publishers`) holds recorded answers of publisher hosts (Wiley's full
XML and TDM PDF, Elsevier's article retrieval text) and one derived file, `works.derived.yaml`:
Crossref records built where no recording exists (each entry says from what), and which real
file answers which full-text link.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from credit_tracker.standin.cassettes import Recording, fulltext_key, load_cassette, path_key


class Catalogue:
    """Everything the stand-in knows, read from a folder of recordings and article XML."""

    def __init__(self) -> None:
        self.recorded: dict[str, Recording] = {}
        self.works: dict[str, dict[str, Any]] = {}
        self.xml: dict[str, bytes] = {}
        self.pmcids: dict[str, str] = {}
        self.orcid: dict[str, Recording] = {}
        self.orcid_samples: dict[int, bytes] = {}
        self.orcid_works: dict[str, list[dict[str, Any]]] = {}
        self.fulltext: dict[str, Recording] = {}
        """Publisher hosts' answers by `host` + path and query (lower-cased, unquoted)."""
        self.springer: dict[str, bytes] = {}
        """Springer Nature's open-access API answers, by DOI."""
        self.templates: dict[str, bytes] = {}
        """Real files synthetic articles are served from ('jats', 'pdf', 'other-xml')."""
        self.template_authors: dict[str, list[dict[str, Any]]] = {}
        """The byline a synthetic work of a kind is given: its template's ('pdf')."""

    @classmethod
    def from_folder(cls, folder: Path, publishers: Path | None = None) -> Catalogue:
        """The recordings and XML of `folder`, and the publishers' answers of `publishers`."""
        catalogue = cls()
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml"):
                catalogue.add_cassette(path)
            elif path.suffix in (".xml", ".nxml"):
                catalogue.add_xml(path.read_bytes())
            elif path.suffix == ".json" and "orcid" in str(path):
                catalogue.add_orcid_work_sample(path.read_bytes())
        catalogue.derive_works_from_xml()
        if publishers is not None:
            catalogue.add_publishers(publishers)
        return catalogue

    def add_cassette(self, path: Path) -> None:
        for url, recording in load_cassette(path):
            if "pub.orcid.org/v3.0" in url:
                self.orcid.setdefault(urlsplit(url).path.removeprefix("/v3.0").lower(), recording)
            if "api.crossref.org" not in url:
                self.fulltext.setdefault(fulltext_key(url), recording)
                continue
            self.recorded.setdefault(path_key(url), recording)
            self._index_works(recording)

    def add_publishers(self, folder: Path) -> None:
        """The publishers' recorded answers (cassettes) and the derived works and links."""
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".yaml", ".yml") and "expected" not in path.parts:
                if path.name == "works.derived.yaml":
                    self._add_derived(path)
                else:
                    self.add_cassette(path)

    def _add_derived(self, path: Path) -> None:
        """Crossref works built where none was recorded, and the real files their links serve."""
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, file in (data.get("templates") or {}).items():
            self.templates[name] = (path.parent / file).read_bytes()
        self.template_authors.update(data.get("template_authors") or {})
        for doi, file in (data.get("springer") or {}).items():
            self.springer[doi.lower()] = (path.parent / file).read_bytes()
        for entry in data.get("works") or []:
            doi = str(entry["DOI"]).lower()
            work = dict(self.works.get(doi) or {"DOI": entry["DOI"], "type": "journal-article"})
            links = [
                {
                    key: link[key]
                    for key in ("URL", "content-type", "content-version", "intended-application")
                    if key in link
                }
                for link in entry.get("link", [])
            ]
            work.update({k: v for k, v in entry.items() if k not in ("link", "note")})
            work.update({"link": links, "x-standin": f"derived: {entry.get('note', '')}"})
            self.works[doi] = work
            for link in entry.get("link", []):
                if "file" in link:
                    body = (path.parent / link["file"]).read_bytes()
                    recording = Recording(200, link["content-type"], body, {"x-standin": "derived"})
                    self.fulltext[fulltext_key(link["URL"])] = recording

    def add_orcid_work_sample(self, data: bytes) -> None:
        """ORCID's own (synthetic) work samples: each contributor's record lists the work."""
        try:
            work = json.loads(data)
        except ValueError:
            return
        if not isinstance(work, dict) or "contributors" not in work:
            return
        put_code = 900000 + len(self.orcid_samples)
        self.orcid_samples[put_code] = data
        dois = [
            i
            for i in (work.get("external-ids") or {}).get("external-id", [])
            if i.get("external-id-type") == "doi"
        ]
        for entry in work["contributors"].get("contributor", []):
            path = (entry.get("contributor-orcid") or {}).get("path")
            if not path:
                continue
            groups = self.orcid_works.setdefault(path, [])
            same = next(
                (
                    g
                    for g in groups
                    if _self_doi(g["external-ids"]["external-id"]) == _self_doi(dois)
                ),
                None,
            )
            if same is None:  # ORCID groups the versions of one work (one per source) together
                groups.append(
                    {
                        "external-ids": {"external-id": dois},
                        "work-summary": [{"put-code": put_code}],
                    }
                )
            elif {"put-code": put_code} not in same["work-summary"]:
                same["work-summary"].append({"put-code": put_code})

    def _index_works(self, recording: Recording) -> None:
        if recording.status != 200 or not recording.body.lstrip().startswith(b"{"):
            return
        try:
            data = json.loads(recording.body)
        except ValueError:
            return
        message = data.get("message") or {}
        items = message.get("items") if data.get("message-type") == "work-list" else [message]
        for item in items or []:
            if isinstance(item, dict) and item.get("DOI"):
                self.works.setdefault(item["DOI"].lower(), item)

    def add_xml(self, data: bytes) -> None:
        match = re.search(rb'<article-id pub-id-type="doi">([^<]+)</article-id>', data)
        if match:
            doi = match.group(1).decode().strip().lower()
            self.xml.setdefault(doi, data)
            if not doi.startswith("10.1371/"):
                self.pmcids.setdefault(doi, f"PMCSTANDIN{len(self.pmcids) + 1}")

    def derive_works_from_xml(self) -> None:
        """Give each article XML without a recorded Crossref work a work derived from its byline.

        No recording holds a Crossref record and a publisher XML for the same DOI; these derived
        works (names, order, ORCID iDs as the XML prints them) fill that gap for tests.
        """
        from credit_tracker.parse.jats import (
            parse_jats,
        )  # the stand-in reuses the tool's own safe parser

        for doi, data in self.xml.items():
            if doi in self.works:
                continue
            article = parse_jats(data, doi)
            authors = []
            for author in article.authors:
                entry: dict[str, Any] = {
                    "sequence": "first" if author.position == 1 else "additional",
                    "affiliation": [],
                }
                if author.organisation or author.name is None:
                    entry["name"] = author.raw
                else:
                    entry.update(given=author.name.given, family=author.name.family_full)
                if author.orcid:
                    entry.update(
                        {
                            "ORCID": f"http://orcid.org/{author.orcid}",
                            "authenticated-orcid": bool(author.orcid_authenticated),
                        }
                    )
                authors.append(entry)
            self.works[doi] = {
                "DOI": doi,
                "type": "journal-article",
                "title": [article.title or ""],
                "author": authors,
                "container-title": [article.journal or ""],
                "deposited": {"date-time": "2020-01-01T00:00:00Z"},
                "x-standin": "derived from the article XML",
            }


def _self_doi(ids: list[dict[str, Any]]) -> str | None:
    return next(
        (
            str(i.get("external-id-value")).lower()
            for i in ids
            if i.get("external-id-relationship") == "self"
        ),
        None,
    )

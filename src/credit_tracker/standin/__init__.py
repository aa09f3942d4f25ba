"""A stand-in for Crossref, PLOS and Europe PMC on 127.0.0.1, replaying recorded real responses.

Tests and benchmarks start it; anyone can, too:

    python -m credit_tracker.standin --data tests/data/fixtures --port 8765

then point credit-tracker at it:

    CREDIT_TRACKER_CROSSREF_URL=http://127.0.0.1:8765/crossref
    CREDIT_TRACKER_PLOS_URL=http://127.0.0.1:8765/plos
    CREDIT_TRACKER_EUROPEPMC_URL=http://127.0.0.1:8765/europepmc

What it answers:
- `/crossref/works/{doi}`: the recorded response byte for byte where a cassette holds one; else a
  work message built from a recorded work item (marked `x-standin: derived`); else 404
  "Resource not found." as Crossref answers.
- For an article XML with no recorded Crossref work, a work derived from the XML's byline
  (no recording holds both for one DOI); it carries `"x-standin": "derived from the article XML"`.
- `/crossref/works?filter=doi:A,doi:B&rows=N`: a work-list of the recorded items for those DOIs
  (derived; the items are the recorded ones, in another order than asked, as Crossref does).
- `/crossref/works?filter=orcid:A,orcid:B,from-index-date:D&rows=N&cursor=*`: the recorded works
  carrying those ORCID iDs, paged with a cursor (derived: no recording of this filter exists).
- `/plos/{journal}/article/file?id={doi}&type=manuscript`: recorded PLOS article XML.
- `/europepmc/search?query=DOI:"..."` and `/europepmc/{PMCID}/fullTextXML`: recorded non-PLOS JATS,
  under a stand-in PMCID (`PMCSTANDIN{n}`, synthetic).
- `/orcid/{orcid}/person`, `/works`, `/work/{put-code}`: rorcid's recorded ORCID answers; for
  the iDs in ORCID's own work samples (orcid-model, synthetic data by ORCID), a works list and the
  sample work (marked `x-standin: synthetic`).
- With `synthetic_prefix` set, DOIs under it get generated works (marked `x-standin: synthetic`),
  for request-count tests and benchmarks that need more DOIs than were ever recorded.

It sends rate-limit headers, counts requests by kind, keeps every request with its headers
(`seen`), counts violations of the limits it announces with its own clock (and answers 429 to
them when `enforce` is on), and injects faults on request.

The package: `cassettes` reads recordings, `catalogue` indexes them, `synthetic` generates works,
`server` holds the limits, faults and counts, `handler`, `answers` and `replies` serve requests.
"""

from credit_tracker.standin.cassettes import Recording, load_cassette, yaml_load
from credit_tracker.standin.catalogue import Catalogue
from credit_tracker.standin.server import FAULTS, Fault, Limits, Seen, StandIn
from credit_tracker.standin.synthetic import synthetic_work

__all__ = [
    "FAULTS",
    "Catalogue",
    "Fault",
    "Limits",
    "Recording",
    "Seen",
    "StandIn",
    "load_cassette",
    "synthetic_work",
    "yaml_load",
]

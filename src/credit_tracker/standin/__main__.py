"""`python -m credit_tracker.standin`: serve the recorded answers on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from credit_tracker.standin.catalogue import Catalogue
from credit_tracker.standin.server import StandIn


def main() -> None:
    """Serve until Ctrl-C."""
    parser = argparse.ArgumentParser(
        description="Serve recorded Crossref, PLOS and Europe PMC answers on 127.0.0.1."
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("tests/data/fixtures"),
        help="folder of cassettes and JATS files",
    )
    parser.add_argument(
        "--publishers",
        type=Path,
        default=None,
        help="folder of publishers' recorded answers (tests/data/publishers)",
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--enforce",
        action="store_true",
        help="answer 429 to requests that break the announced limits",
    )
    parser.add_argument(
        "--synthetic-prefix", default=None, help="generate works for DOIs under this prefix"
    )
    args = parser.parse_args()
    standin = StandIn(
        Catalogue.from_folder(args.data, args.publishers),
        enforce=args.enforce,
        synthetic_prefix=args.synthetic_prefix,
        port=args.port,
    )
    works, xml = len(standin.catalogue.works), len(standin.catalogue.xml)
    print(f"stand-in serving {works} works and {xml} XML files at {standin.url}")
    for name, value in standin.base_urls().items():
        print(f"  export {name}={value}")
    standin.start()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        standin.stop()


if __name__ == "__main__":
    main()

"""Allow `python -m credit_tracker`."""

from credit_tracker.cli import main

main()

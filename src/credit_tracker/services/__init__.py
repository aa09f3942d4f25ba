"""The application layer: each use case the commands and the review desk share (fetch, records
add, harvest, nightly, checks, acknowledgements, corrections, byline and people edits, imports),
returning models; the clients built once from the settings (clients.py); the edit session."""

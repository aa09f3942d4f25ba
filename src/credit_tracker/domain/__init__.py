"""The domain: the team's records, people, publisher snapshots, findings, the CRediT vocabulary, names, identifiers and errors. Pure: no I/O."""

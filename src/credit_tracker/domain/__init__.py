"""The domain: records, people, snapshots, findings, CRediT, names, identifiers, errors; no I/O."""

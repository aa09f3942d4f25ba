"""The domain: records, people, snapshots, findings and rules, CRediT, names, identifiers, exit
codes, errors, and the models that cross floors; no I/O."""

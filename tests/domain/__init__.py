"""The domain's pieces: CRediT, identifiers, names, finding people, verdicts, problems."""

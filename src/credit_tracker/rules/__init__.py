"""The rules: pairing authors, comparing records with sources, the check, correction requests, editing the records. Pure: no I/O."""

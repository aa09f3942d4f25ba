"""The rules: pairing authors, comparing sources, the check, corrections, editing; no I/O."""

"""The records folder: files, atomic writes, locks, faults, older versions."""

"""The records folder on disk: sharded JSON files, each record under its own key, written
atomically under a lock."""

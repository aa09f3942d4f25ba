"""The records folder on disk: sharded TinyDB files written atomically under a lock."""

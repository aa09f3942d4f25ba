"""The outside clients: polite transport, rate windows, bounded and untrusted answers."""

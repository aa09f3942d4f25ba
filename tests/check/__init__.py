"""The whole check: states, the baseline, the author view, the check at scale."""

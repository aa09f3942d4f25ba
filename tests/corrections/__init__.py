"""Correction requests: their life, and the drafts a journal office reads."""

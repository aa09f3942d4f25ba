"""Editing records and people, as rules and through the commands."""

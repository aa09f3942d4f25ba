"""Runs that wire sources, store and rules together: fetch and harvest."""

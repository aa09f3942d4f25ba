"""Comparing one article: the team's record against each publisher snapshot, author by author.

Pairing authors (matching), the name, ORCID and role rules, the sources' agreement, the context a
comparison collects its findings in, and the article's findings over time (history). Pure.
"""

"""Comparing one article: every rule, one finding per problem, readings lost."""

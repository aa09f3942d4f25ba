"""Correction requests: drafted from open findings in words a journal office reads, and followed
through their life (drafted, sent, what later snapshots show). Pure; nothing is ever sent.
"""

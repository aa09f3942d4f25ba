"""Editing the team's records: importing tables and exported records, linking authors to people,
small edits of one article (roles, order, printed names) and of people (merge, membership,
spellings). Pure: each edit changes the loaded records and says what it changed.
"""

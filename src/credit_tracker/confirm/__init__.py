"""Asking authors to confirm their roles: what each person is asked (questions), their answers
applied to the team's record (answers), where the round stands (status), and how far the role
check reaches (coverage). Pure: the records in, models and lines out.

What the publishers state only ever pre-fills a sheet: nothing reaches the team's record until
the author answers (confirm/answers.py).
"""

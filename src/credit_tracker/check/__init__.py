"""The whole check: every article compared, each finding's state judged (acknowledged, pending,
regressed), the policy that fails a run, the baseline, and what the report and the author view
gather besides. Pure: the process pool that spreads the comparing lives in services/.
"""

"""credit-tracker: the team's record of authorship and CRediT roles, checked against publishers."""

__version__ = "0.1.0"

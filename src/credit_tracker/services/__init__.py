"""Runs that wire sources, store and rules together: fetch, onboarding, harvest, the nightly job,
the edit session and the operations the commands and the review desk share."""

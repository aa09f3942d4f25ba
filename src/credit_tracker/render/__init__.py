"""Output: report formats, correction drafts, author views, harvest listings, exports and the
HTML report; one table per family of formats (outputs.py). Pure."""

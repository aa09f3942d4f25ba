"""Output: report formats, correction drafts, statements and exports."""

"""The outside services: polite HTTP and one client per service (Crossref, article XML, ORCID)."""

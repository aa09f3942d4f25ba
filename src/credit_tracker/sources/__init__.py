"""The outside services: polite HTTP, and one client per service (Crossref, publisher XML, ORCID)."""

"""Bytes to models: Crossref JSON, JATS, ORCID JSON, statements, tenzing tables; no network."""

"""Bytes to models: Crossref JSON, JATS, ORCID JSON, printed statements, tenzing tables, documents. Pure: no network."""

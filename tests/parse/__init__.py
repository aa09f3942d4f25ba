"""Reading outside bytes into models: Crossref, JATS, statements, tenzing tables, real files."""

"""The review desk: security, forms, jobs over HTTP, the kept survey, a browser day."""

"""Every output format and the tables the formats are chosen from."""

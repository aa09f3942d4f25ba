"""The runs that wire the rest together, against the stand-in: fetch, add, harvest, nightly."""

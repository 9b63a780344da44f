"""Articles to entries: pure parsing of one article's bytes into an ``Entry``."""

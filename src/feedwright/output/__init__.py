"""Entries to feed documents: feedgen fragments, archive pages, the checks before publishing."""

"""Deciding what a build can skip: the parse cache, the quiet stamp, the article listing."""

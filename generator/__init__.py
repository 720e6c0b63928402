"""Showcase generator: content files -> validated model -> Markdown pages -> static site."""

"""Stage 7, the site engine: everything that knows MkDocs. (The search index is our own: generator/search/.)"""

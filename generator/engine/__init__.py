"""Stage 7, the site engine and the search indexer: everything that knows MkDocs or Pagefind."""

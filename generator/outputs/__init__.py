"""Stage 6, files published beside the pages: open data and feeds."""

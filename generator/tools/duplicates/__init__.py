"""`showcase duplicates`: the editors' report of near-duplicates (terminal table, CSV, HTML page)."""

"""Stage 1, reading and checking what editors wrote: files, the content contract, reference lists, personal data."""

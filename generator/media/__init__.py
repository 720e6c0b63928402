"""Stage 5, pictures: photos checked and re-encoded, share cards drawn."""

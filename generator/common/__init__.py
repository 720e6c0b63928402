"""Helpers every stage uses: text folding and slugs, number and date formats, problems, work on every core."""

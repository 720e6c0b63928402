"""Stage 3, which pages the site has: one Page per URL with the template and data that make it."""

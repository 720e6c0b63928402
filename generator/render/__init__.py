"""Stage 4, turning pages into HTML and Markdown: templates, sanitised Markdown, charts, the map, linked data."""

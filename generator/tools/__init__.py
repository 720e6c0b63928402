"""Commands beside the build that write content: the demo data set."""

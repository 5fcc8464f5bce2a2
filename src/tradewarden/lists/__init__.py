"""Official sanctions and export-control lists: sources, parsers, loading and fetching."""

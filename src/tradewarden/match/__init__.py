"""Party matching: candidate index, explained features, weighted score."""

"""Report rendering tasks (queue: reports)."""

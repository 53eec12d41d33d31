"""Assessment run tasks."""

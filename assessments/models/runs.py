"""Assessment runs."""

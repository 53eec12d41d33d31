"""Forms of the portal shell."""

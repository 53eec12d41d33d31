"""API tokens and webhooks."""

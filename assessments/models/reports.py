"""Stored board reports of assessment runs."""

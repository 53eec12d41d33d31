"""Invitations and respondent links."""

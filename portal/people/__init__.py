"""People: invitations, members and roles, client onboarding, respondent links,
the activity log and the consultant portfolio."""

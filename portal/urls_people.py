"""Routes of the people pages: members, invitations, onboarding, activity, portfolio."""

from django.urls import path

from portal.people import onboarding, portfolio, respondents, views

urlpatterns = [
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("orgs/<slug:org_slug>/members/", views.members, name="members"),
    path("orgs/<slug:org_slug>/members/<int:pk>/role/", views.member_role, name="member-role"),
    path(
        "orgs/<slug:org_slug>/members/<int:pk>/remove/", views.member_remove, name="member-remove"
    ),
    path(
        "orgs/<slug:org_slug>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation-resend",
    ),
    path(
        "orgs/<slug:org_slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("orgs/<slug:org_slug>/activity/", views.activity, name="activity"),
    path("portfolio/", portfolio.consultant_portfolio, name="consultant-portfolio"),
    path("onboarding/", onboarding.onboarding_start, name="onboarding-start"),
    path(
        "orgs/<slug:org_slug>/onboarding/invite/",
        onboarding.onboarding_invite,
        name="onboarding-invite",
    ),
    path(
        "orgs/<slug:org_slug>/onboarding/intake/",
        onboarding.onboarding_intake,
        name="onboarding-intake",
    ),
    path(
        "orgs/<slug:org_slug>/onboarding/",
        onboarding.onboarding_checklist,
        name="onboarding-checklist",
    ),
]

urlpatterns += [
    path(
        "orgs/<slug:org_slug>/respondent-links/",
        respondents.respondent_links,
        name="respondent-links",
    ),
    path(
        "orgs/<slug:org_slug>/respondent-links/<int:pk>/revoke/",
        respondents.respondent_link_revoke,
        name="respondent-link-revoke",
    ),
    path("respond/<str:token>/", respondents.respondent_answer, name="respondent-answer"),
    path(
        "respond/<str:token>/validate/",
        respondents.respondent_validate,
        name="respondent-validate",
    ),
]

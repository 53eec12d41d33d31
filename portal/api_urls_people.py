"""API routes of people: members and invitations."""

from django.urls import path

from portal.people import api

urlpatterns = [
    path(
        "organizations/<slug:org_slug>/members/",
        api.MemberListCreate.as_view(),
        name="api-members",
    ),
]

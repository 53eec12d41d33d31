"""HTML routes of this app."""

urlpatterns: list = []

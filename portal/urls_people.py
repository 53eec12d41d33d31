"""Routes (filled in by their feature)."""

urlpatterns: list = []

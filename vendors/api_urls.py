"""REST routes of this app, mounted under /api/v1/."""

from django.urls import path

from vendors import (
    api,
    converters,  # noqa: F401  (registers the offering_key converter)
)

urlpatterns = [
    path("vendors/", api.VendorList.as_view(), name="api-vendor-list"),
    path("offerings/", api.OfferingList.as_view(), name="api-offering-list"),
    path("offerings/<offering_key:key>/", api.OfferingDetail.as_view(), name="api-offering-detail"),
]

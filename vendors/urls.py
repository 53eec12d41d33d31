"""HTML routes of this app."""

from django.urls import path

from vendors import (
    converters,  # noqa: F401  (registers the offering_key converter)
    views,
)

urlpatterns = [
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/compare/", views.compare, name="catalog-compare"),
    path("catalog/article-check/", views.article_check, name="catalog-article-check"),
    path("catalog/import/", views.import_prices, name="catalog-import"),
    path("catalog/offerings/<offering_key:key>/", views.offering_detail, name="catalog-offering"),
]

"""Staff edit the catalog here (the catalog pages and API are read-only)."""

from django.contrib import admin

from vendors.models import (
    BenchmarkNote,
    CatalogImport,
    Offering,
    OfferingCertification,
    OfferingPrice,
    OfferingRegion,
    OfferingSource,
    Restriction,
    Source,
    Vendor,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["citation", "url", "retrieved_on", "ref"]
    search_fields = ["citation", "url", "ref"]


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ["name", "hq_country", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sources"]


class RegionInline(admin.TabularInline):
    model = OfferingRegion
    extra = 0


class CertificationInline(admin.TabularInline):
    model = OfferingCertification
    extra = 0
    autocomplete_fields = ["source"]


class RestrictionInline(admin.TabularInline):
    model = Restriction
    extra = 0
    autocomplete_fields = ["source"]


class BenchmarkInline(admin.TabularInline):
    model = BenchmarkNote
    extra = 0
    autocomplete_fields = ["source"]


class FactSourceInline(admin.TabularInline):
    model = OfferingSource
    extra = 0
    autocomplete_fields = ["source"]


class PriceInline(admin.TabularInline):
    model = OfferingPrice
    extra = 0
    fields = [
        "effective_from",
        "effective_to",
        "input_per_mtok",
        "output_per_mtok",
        "cached_input_per_mtok",
        "batch_input_per_mtok",
        "batch_output_per_mtok",
        "currency",
        "source",
    ]
    autocomplete_fields = ["source"]
    ordering = ["effective_from"]


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "vendor", "host_provider", "deployment_mode", "origin"]
    list_filter = ["deployment_mode", "origin", "open_weights", "architecture", "vendor"]
    search_fields = ["key", "name", "host_provider"]
    autocomplete_fields = ["vendor"]
    inlines = [
        RegionInline,
        CertificationInline,
        RestrictionInline,
        BenchmarkInline,
        FactSourceInline,
        PriceInline,
    ]


@admin.register(OfferingPrice)
class OfferingPriceAdmin(admin.ModelAdmin):
    list_display = [
        "offering",
        "effective_from",
        "effective_to",
        "input_per_mtok",
        "output_per_mtok",
    ]
    list_filter = ["currency"]
    search_fields = ["offering__key"]
    autocomplete_fields = ["offering", "source"]
    date_hierarchy = "effective_from"


@admin.register(Restriction)
class RestrictionAdmin(admin.ModelAdmin):
    list_display = ["offering", "kind", "jurisdiction", "date"]
    list_filter = ["kind"]
    autocomplete_fields = ["offering", "source"]


@admin.register(OfferingCertification)
class OfferingCertificationAdmin(admin.ModelAdmin):
    list_display = ["offering", "code"]
    list_filter = ["code"]
    autocomplete_fields = ["offering", "source"]


@admin.register(OfferingRegion)
class OfferingRegionAdmin(admin.ModelAdmin):
    list_display = ["offering", "kind", "region"]
    list_filter = ["kind", "region"]
    autocomplete_fields = ["offering"]


@admin.register(BenchmarkNote)
class BenchmarkNoteAdmin(admin.ModelAdmin):
    list_display = ["offering", "benchmark", "score", "unit"]
    autocomplete_fields = ["offering", "source"]


@admin.register(OfferingSource)
class OfferingSourceAdmin(admin.ModelAdmin):
    list_display = ["offering", "fact", "source"]
    autocomplete_fields = ["offering", "source"]


@admin.register(CatalogImport)
class CatalogImportAdmin(admin.ModelAdmin):
    list_display = ["finished_at", "kind", "file_name", "prices_as_of", "created", "updated"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in CatalogImport._meta.fields]

    def has_add_permission(self, request):
        return False

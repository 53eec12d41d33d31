"""Admin of the assessments app (the firm's staff tool; scopes are off under /admin/)."""

from django.contrib import admin

from assessments.models import LatencySampleSet, Workload, WorkloadChange


class LatencySampleSetInline(admin.TabularInline):
    model = LatencySampleSet
    extra = 0
    fields = ["offering", "count", "p50", "p90", "p99", "uploaded_by", "created_at"]
    readonly_fields = fields


@admin.register(Workload)
class WorkloadAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "status", "use_case", "updated_at"]
    list_filter = ["status", "use_case", "organization"]
    search_fields = ["name", "description", "organization__name"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]
    inlines = [LatencySampleSetInline]


@admin.register(WorkloadChange)
class WorkloadChangeAdmin(admin.ModelAdmin):
    list_display = ["workload", "action", "actor", "actor_label", "created_at"]
    list_filter = ["action"]
    readonly_fields = [
        "organization",
        "workload",
        "action",
        "actor",
        "actor_label",
        "changes",
        "created_at",
    ]

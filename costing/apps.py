from django.apps import AppConfig


class CostingConfig(AppConfig):
    name = "costing"
    verbose_name = "Cost engine"

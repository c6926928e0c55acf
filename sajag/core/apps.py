from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sajag.core"
    label = "core"
    verbose_name = "Sajag core"
    default_auto_field = "django.db.models.BigAutoField"

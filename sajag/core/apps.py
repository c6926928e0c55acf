from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sajag.core"
    label = "core"
    verbose_name = "Sajag core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401 — registers the deployment checks

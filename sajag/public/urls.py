from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("check/", views.scam_check, name="scam-check"),
    path("officers/shared-messages/", views.shared_trends, name="shared-trends"),
]

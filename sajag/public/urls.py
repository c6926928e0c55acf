from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("rules/", views.rules, name="rules"),
    path("rules/<slug:slug>/", views.rule, name="rule"),
    path("cheated/", views.cheated, name="cheated"),
    path("cheated/<slug:branch>/", views.cheated, name="cheated-branch"),
    path("progress/", views.progress, name="progress"),
    path("check/", views.scam_check, name="scam-check"),
    path("check/screenshot/", views.scam_check_screenshot, name="scam-check-screenshot"),
    path("officers/shared-messages/", views.shared_trends, name="shared-trends"),
]

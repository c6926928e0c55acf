from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("campaign/", views.campaign_detail, name="campaign-detail"),
    path("campaign/next/", views.campaign_clone, name="clone"),
    path("campaign/compare/", views.campaign_compare, name="compare"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment-detail"),
    path("assignments/<int:pk>/report/", views.assignment_report, name="assignment-report"),
    path("assignments/<int:pk>/verify/", views.assignment_verify, name="assignment-verify"),
    path("assignments/<int:pk>/return/", views.assignment_return, name="assignment-return"),
]

from django.urls import path

from . import views

app_name = "reach"
urlpatterns = [
    path("reach/", views.coverage, name="coverage"),
    path("reach/data.json", views.coverage_data, name="coverage-data"),
    path("reach/assumptions/", views.assumptions, name="assumptions"),
]

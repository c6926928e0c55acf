from django.urls import path

from . import views

app_name = "reach"
urlpatterns = [
    path("reach/", views.coverage, name="coverage"),
    path("reach/data.json", views.coverage_data, name="coverage-data"),
    path("reach/assumptions/", views.assumptions, name="assumptions"),
    path("reach/surveys/", views.surveys, name="surveys"),
    path("reach/outcomes/", views.outcomes, name="outcomes"),
    path("reach/outcomes/template.csv", views.outcome_template, name="outcome-template"),
    path("reach/bills/", views.bill_upload, name="bill-upload"),
    path("reach/bills/<int:pk>/", views.bill_job, name="bill-job"),
    path("reach/bills/template.csv", views.bill_template, name="bill-template"),
    path("reach/bills/files/<int:pk>/", views.bill_file, name="bill-file"),
    path("reach/bills/files/<int:pk>/<str:step>/", views.bill_file_step, name="bill-file-step"),
]

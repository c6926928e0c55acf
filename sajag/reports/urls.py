from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/<int:pk>/", views.report_row, name="row"),
    path("reports/<int:pk>/<str:kind>/", views.report_file, name="file"),
]

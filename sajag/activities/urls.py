from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("field/", views.field_home, name="field-home"),
    path("field/assignments/<int:pk>/add/", views.record_add, name="record-add"),
    path("activities/assignments/<int:pk>/records/", views.assignment_records, name="assignment-records"),
    path("activities/evidence/<int:pk>/<str:variant>/", views.evidence_file, name="evidence-file"),
    path("activities/import/", views.import_start, name="import"),
    path("activities/import/<int:pk>/", views.import_status, name="import-status"),
    path("activities/import/<int:pk>/errors.xlsx", views.import_errors, name="import-errors"),
    path("activities/import/<int:pk>/again/", views.import_again, name="import-again"),
    path("activities/import/template/<str:channel>.<str:fmt>", views.import_template, name="import-template"),
    path("activities/influencers/", views.influencers, name="influencers"),
    path("activities/posts/<int:pk>/readings/", views.reading_add, name="reading-add"),
    path("activities/map/", views.map_page, name="map"),
    path("activities/map/points.geojson", views.map_points, name="map-points"),
    path("activities/map/districts.geojson", views.district_boundaries, name="map-districts"),
]

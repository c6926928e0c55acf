from django.urls import path

from . import views

app_name = "materials"
urlpatterns = [
    path("materials/", views.studio, name="studio"),
    path(
        "materials/asset/<slug:key>/<slug:topic>/<str:lang>/<str:district>.<str:fmt>",
        views.asset_file,
        name="asset",
    ),
    path("materials/topics/", views.topic_list, name="topics"),
    path("materials/topics/<slug:slug>/", views.topic_edit, name="topic"),
    path("materials/kits/", views.kit_list, name="kits"),
    path("materials/kits/<int:pk>/", views.kit_status, name="kit"),
    path("materials/kits/<int:pk>/download/", views.kit_download, name="kit-download"),
]

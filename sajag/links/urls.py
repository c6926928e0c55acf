from django.urls import path

from . import views

app_name = "links"
urlpatterns = [
    path("officers/links/", views.link_list, name="list"),
    path("officers/links/<str:code>/", views.link_detail, name="detail"),
    path("officers/links/<str:code>/qr.<str:kind>", views.link_qr, name="qr"),
]

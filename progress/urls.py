from django.urls import re_path

from progress import views

app_name = "progress"

urlpatterns = [
    re_path(r"^xapi/statements/?$", views.statements, name="statements"),
]

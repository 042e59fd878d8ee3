from django.urls import re_path

from progress import views
from progress.lrs.urls import urlpatterns as lrs_urlpatterns

app_name = "progress"

urlpatterns = [
    re_path(r"^xapi/statements/?$", views.statements, name="statements"),
    *lrs_urlpatterns,
]

from django.urls import path

from cohorts import views

app_name = "classes"  # "cohorts" is the admin screens' namespace

urlpatterns = [
    path("can-bo/lop-hoc/", views.cohort_list, name="list"),
    path("can-bo/lop-hoc/<int:pk>/", views.cohort_detail, name="detail"),
]

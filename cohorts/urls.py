from django.urls import path

from cohorts import attendance_views, dashboard_views, messaging_views, views

app_name = "classes"  # "cohorts" is the admin screens' namespace

urlpatterns = [
    path("can-bo/lop-hoc/", views.cohort_list, name="list"),
    path("can-bo/lop-hoc/<int:pk>/", views.cohort_detail, name="detail"),
    path(
        "can-bo/lop-hoc/<int:pk>/theo-doi/",
        dashboard_views.cohort_dashboard_view,
        name="dashboard",
    ),
    path(
        "can-bo/lop-hoc/<int:pk>/theo-doi/excel/",
        dashboard_views.cohort_dashboard_export,
        name="dashboard_export",
    ),
    path(
        "can-bo/lop-hoc/<int:pk>/buoi-hoc/<int:session_pk>/diem-danh/",
        attendance_views.session_attendance,
        name="attendance",
    ),
    path("can-bo/lop-hoc/<int:pk>/nhan-tin/", messaging_views.cohort_message, name="message"),
]

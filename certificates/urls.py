from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("toi/cong-dan-hoc-tap/", views.my_application, name="my_application"),
    path("toi/cong-dan-hoc-tap/dang-ky/", views.register, name="register"),
    path(
        "toi/cong-dan-hoc-tap/<int:pk>/tu-danh-gia/",
        views.self_assessment,
        name="self_assessment",
    ),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
    path(
        "can-bo/cong-dan-hoc-tap/lap-ho-so/<int:profile_id>/",
        views.assisted_register,
        name="assisted_register",
    ),
]

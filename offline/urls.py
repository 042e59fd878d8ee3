from django.urls import path

from offline import views

app_name = "offline"

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    path("ung-dung/bieu-tuong.svg", views.icon_svg, name="icon_svg"),
    path("ung-dung/bieu-tuong-<int:size>.png", views.icon_png_view, name="icon_png"),
    path("ngoai-tuyen/", views.offline_page, name="offline_page"),
    path("hoc/da-tai-ve/", views.downloads, name="downloads"),
    path("hoc/phien/", views.session_token, name="session_token"),
    path("hoc/tai-ve/<int:course_id>.json", views.course_manifest, name="course_manifest"),
]

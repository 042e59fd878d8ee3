from django.urls import path

from courses import player

app_name = "courses"

urlpatterns = [
    path("hoc/h5p/<int:lesson_id>/<str:block_id>/", player.h5p_frame, name="h5p_frame"),
    path("hoc/h5p-tep/<str:token>/<path:path>", player.h5p_file, name="h5p_file"),
    path("hoc/trang-thai/", player.activity_state, name="activity_state"),
]

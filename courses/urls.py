from django.urls import path

from courses import player, player_files

app_name = "courses"

urlpatterns = [
    path("hoc/h5p/<int:lesson_id>/<str:block_id>/", player.h5p_frame, name="h5p_frame"),
    path("hoc/h5p-tep/<str:token>/<path:path>", player.h5p_file, name="h5p_file"),
    path(
        "hoc/h5p-thu-vien/<str:folder>/<path:path>",
        player_files.h5p_library_file,
        name="h5p_library_file",
    ),
    path(
        "hoc/h5p-goi/<int:package_id>/<str:digest>.<str:kind>",
        player_files.h5p_bundle,
        name="h5p_bundle",
    ),
    path("hoc/trang-thai/", player.activity_state, name="activity_state"),
]

from django.urls import path

from progress import learner_views

app_name = "learning"

urlpatterns = [
    path("toi/hoc-tap/", learner_views.my_learning, name="my_learning"),
    path(
        "toi/hoc-tap.<str:fmt>",
        learner_views.my_learning_export,
        name="my_learning_export",
    ),
    path("khoa-hoc-tham-gia/<int:course_id>/", learner_views.course_enrol, name="enrol"),
]

from django.urls import path

from progress import evidence_views, learner_views, report_views

app_name = "learning"

urlpatterns = [
    path("toi/hoc-tap/", learner_views.my_learning, name="my_learning"),
    path(
        "toi/hoc-tap.<str:fmt>",
        learner_views.my_learning_export,
        name="my_learning_export",
    ),
    path("khoa-hoc-tham-gia/<int:course_id>/", learner_views.course_enrol, name="enrol"),
    path("can-bo/tien-do/", report_views.reports_index, name="reports"),
    path(
        "can-bo/nguoi-dan/<int:profile_id>/nang-luc-so/",
        evidence_views.evidence_add,
        name="evidence_add",
    ),
    path("can-bo/tien-do/<int:course_id>/", report_views.report_course, name="report_course"),
]

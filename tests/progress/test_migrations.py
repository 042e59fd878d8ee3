"""Migrations of progress: resume states (ActivityState) move from courses with their rows, and
back again when the migration is reversed (on SQLite and on PostgreSQL)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("courses", "0008_editors_h5p_activity_permissions"),
    ("progress", "0005_thresholds_indicator_skills_score"),
]
AFTER = [
    ("courses", "0009_activitystate_moved_to_progress"),
    ("progress", "0006_activitystate_from_courses"),
]
STATE = '{"progress": 3, "answers": ["Đúng"]}'


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_resume_states_move_to_progress_with_their_rows_and_back():
    apps = migrate(BEFORE)
    user = apps.get_model("people", "User").objects.create(username="hoc-vien-chuyen")
    apps.get_model("courses", "ActivityState").objects.create(
        learner_id=user.pk, activity_iri="https://example.org/hoat-dong/1", state=STATE
    )
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.get_or_create(app_label="courses", model="activitystate")

    apps = migrate(AFTER)
    row = apps.get_model("progress", "ActivityState").objects.get()
    assert (row.learner_id, row.state) == (user.pk, STATE)
    assert "progress_activitystate" in connection.introspection.table_names()
    assert "courses_activitystate" not in connection.introspection.table_names()
    labels = set(content_type.objects.filter(model="activitystate").values_list("app_label"))
    assert labels == {("progress",)}

    apps = migrate(BEFORE)
    assert apps.get_model("courses", "ActivityState").objects.get().state == STATE
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

"""ActivityState (learners' resume state) moves from courses to progress with its rows: the model
is taken over in the migration state on the existing table ``courses_activitystate``, which is
then renamed ``progress_activitystate``; its content type (and so its permissions) follows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _content_type_move(apps, *, source: str, target: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=target, model="activitystate").exists():
        content_type.objects.filter(app_label=source, model="activitystate").update(
            app_label=target
        )


def forwards(apps, schema_editor):
    _content_type_move(apps, source="courses", target="progress")


def backwards(apps, schema_editor):
    _content_type_move(apps, source="progress", target="courses")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0009_activitystate_moved_to_progress"),
        ("progress", "0005_thresholds_indicator_skills_score"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ActivityState",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("activity_iri", models.CharField(max_length=500)),
                        ("state", models.TextField(blank=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "learner",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="activity_states",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "trạng thái hoạt động",
                        "verbose_name_plural": "trạng thái hoạt động",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("learner", "activity_iri"), name="state_unique"
                            )
                        ],
                        "db_table": "courses_activitystate",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="activitystate", table=None),
        migrations.RunPython(forwards, backwards),
    ]

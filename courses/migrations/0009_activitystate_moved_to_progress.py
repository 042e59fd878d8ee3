"""ActivityState (learners' resume state) now belongs to progress: removed from courses' state
only; progress 0006 takes the table over (and its rows) and renames it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("courses", "0008_editors_h5p_activity_permissions")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ActivityState")],
            database_operations=[],
        )
    ]

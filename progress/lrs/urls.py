"""The LRS resources under ``/xapi/`` other than statements (``progress.views.statements``),
each with and without a trailing slash; included from ``progress.urls``."""

from django.urls import re_path

from progress.lrs import about, people, views

urlpatterns = [
    re_path(r"^xapi/about/?$", about.about, name="lrs_about"),
    re_path(r"^xapi/activities/state/?$", views.state, name="lrs_state"),
    re_path(r"^xapi/activities/profile/?$", views.activity_profile, name="lrs_activity_profile"),
    re_path(r"^xapi/agents/profile/?$", views.agent_profile, name="lrs_agent_profile"),
    re_path(r"^xapi/activities/?$", people.activities, name="lrs_activities"),
    re_path(r"^xapi/agents/?$", people.agents, name="lrs_agents"),
]

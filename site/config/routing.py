"""Websocket routes of the whole site; apps add theirs here."""

from django.urls import path

from cohorts.consumers import CohortLiveConsumer
from people.consumers import PresenceConsumer
from programme.consumers import CampaignConsumer

websocket_urlpatterns = [
    path("ws/presence/", PresenceConsumer.as_asgi()),
    path("ws/lop-hoc/<int:cohort_id>/", CohortLiveConsumer.as_asgi()),
    path("ws/bao-cao/truc-tiep/", CampaignConsumer.as_asgi()),
]

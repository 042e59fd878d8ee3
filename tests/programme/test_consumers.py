"""The live campaign view's websocket: joined only in scope, pushed when a review state moves."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.test import Client

from certificates.models import Status
from config.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
ORIGIN = (b"origin", b"http://localhost")


@pytest.fixture(autouse=True)
def memory_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def _cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = django_settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


async def _open(user):
    headers = [ORIGIN]
    if user is not None:
        headers.append((b"cookie", await sync_to_async(_cookie)(user)))
    communicator = WebsocketCommunicator(application, "/ws/bao-cao/truc-tiep/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_state_counts_reach_the_commune_officer_and_nobody_else(
    cycle, cu_chi, cu_chi_hamlet, tan_an_hoi, make_officer, make_application
):
    ours = await sync_to_async(make_officer)(cu_chi)
    theirs = await sync_to_async(make_officer)(tan_an_hoi)
    ours_socket, connected, _code = await _open(ours)
    assert connected
    theirs_socket, connected, _code = await _open(theirs)
    assert connected
    await sync_to_async(make_application)(cu_chi_hamlet, status=Status.SUBMITTED)
    seen = None
    for _ in range(5):
        message = await ours_socket.receive_json_from(timeout=5)
        assert message["commune"] == cu_chi.pk
        if message["states"]["submitted"] == 1:
            seen = message
            break
    assert seen is not None and seen["year"] == cycle.year
    assert await theirs_socket.receive_nothing(timeout=0.5)
    await ours_socket.disconnect()
    await theirs_socket.disconnect()


async def test_anonymous_and_citizens_are_refused(cu_chi_hamlet, make_citizen):
    _socket, connected, _code = await _open(None)
    assert not connected
    citizen = await sync_to_async(make_citizen)(cu_chi_hamlet)
    _socket, connected, _code = await _open(citizen.user)
    assert not connected

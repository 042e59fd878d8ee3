"""Websockets through config.asgi.application: origin check, hello, and a ping that goes round
the channel layer to its sender only (in memory, and Redis when it answers)."""

import socket
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from tests.factories import UserFactory

LOCAL_ORIGIN = [(b"origin", b"http://localhost")]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def _redis_answers() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def in_memory_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    return get_channel_layer()


@pytest.fixture
def redis_layer(settings):
    if not _redis_answers():
        pytest.skip(f"Redis does not answer on {REDIS_HOST}:{REDIS_PORT}")
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # A prefix of its own, so a development server on the same Redis is not disturbed.
            "CONFIG": {
                "hosts": [f"redis://{REDIS_HOST}:{REDIS_PORT}/0"],
                "prefix": f"cdht-test-{uuid.uuid4().hex[:8]}",
            },
        }
    }
    return get_channel_layer()


async def _round_trip(payload: str) -> None:
    communicator = WebsocketCommunicator(application, "/ws/presence/", headers=LOCAL_ORIGIN)
    connected, _subprotocol = await communicator.connect()
    try:
        assert connected
        assert await communicator.receive_json_from() == {"type": "hello", "authenticated": False}
        await communicator.send_json_to({"type": "ping", "payload": payload})
        assert await communicator.receive_json_from(timeout=5) == {
            "type": "pong",
            "payload": payload,
        }
    finally:
        await communicator.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=False)
@pytest.mark.asyncio
async def test_ping_pong_on_the_in_memory_layer(in_memory_layer):
    assert type(in_memory_layer).__name__ == "InMemoryChannelLayer"
    await _round_trip("x")


@pytest.mark.django_db(transaction=True, serialized_rollback=False)
@pytest.mark.asyncio
async def test_ping_pong_on_redis(redis_layer):
    assert type(redis_layer).__module__.startswith("channels_redis")
    try:
        await _round_trip(f"x-{uuid.uuid4().hex[:6]}")
    finally:
        await redis_layer.flush()
        await redis_layer.close_pools()


@pytest.mark.django_db(transaction=True, serialized_rollback=False)
@pytest.mark.asyncio
async def test_a_ping_reaches_only_its_sender(in_memory_layer):
    """An anonymous visitor's ping must never be relayed to other open pages."""
    first = WebsocketCommunicator(application, "/ws/presence/", headers=LOCAL_ORIGIN)
    second = WebsocketCommunicator(application, "/ws/presence/", headers=LOCAL_ORIGIN)
    try:
        assert (await first.connect())[0] and (await second.connect())[0]
        await first.receive_json_from()
        await second.receive_json_from()
        await first.send_json_to({"type": "ping", "payload": "ai đó"})
        assert (await first.receive_json_from(timeout=5))["payload"] == "ai đó"
        assert await second.receive_nothing(timeout=0.5)
        # A message addressed to the old shared group reaches no one either.
        await in_memory_layer.group_send("presence", {"type": "presence.pong", "payload": "x"})
        assert await first.receive_nothing(timeout=0.3)
        assert await second.receive_nothing(timeout=0.3)
    finally:
        await first.disconnect()
        await second.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=False)
@pytest.mark.asyncio
async def test_a_long_payload_is_cut(in_memory_layer):
    communicator = WebsocketCommunicator(application, "/ws/presence/", headers=LOCAL_ORIGIN)
    try:
        assert (await communicator.connect())[0]
        await communicator.receive_json_from()
        await communicator.send_json_to({"type": "ping", "payload": "a" * 5000})
        assert len((await communicator.receive_json_from(timeout=5))["payload"]) == 200
    finally:
        await communicator.disconnect()


def _session_cookie_of_a_new_user() -> bytes:
    client = Client()
    client.force_login(UserFactory())
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


@pytest.mark.django_db(transaction=True, serialized_rollback=False)
@pytest.mark.asyncio
async def test_hello_knows_a_logged_in_user(in_memory_layer):
    cookie = await sync_to_async(_session_cookie_of_a_new_user)()
    communicator = WebsocketCommunicator(
        application, "/ws/presence/", headers=[*LOCAL_ORIGIN, (b"cookie", cookie)]
    )
    try:
        assert (await communicator.connect())[0]
        assert await communicator.receive_json_from() == {"type": "hello", "authenticated": True}
    finally:
        await communicator.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=False)
@pytest.mark.asyncio
async def test_unsupported_messages_get_an_error(in_memory_layer):
    communicator = WebsocketCommunicator(application, "/ws/presence/", headers=LOCAL_ORIGIN)
    try:
        assert (await communicator.connect())[0]
        await communicator.receive_json_from()
        await communicator.send_json_to({"type": "shout"})
        assert (await communicator.receive_json_from())["type"] == "error"
    finally:
        await communicator.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=False)
@pytest.mark.asyncio
@pytest.mark.parametrize(
    "headers",
    [
        [(b"origin", b"http://evil.example.com")],
        [(b"origin", b"http://localhost.evil.example.com")],
        [],  # no Origin header at all
    ],
)
async def test_foreign_origin_is_refused(in_memory_layer, headers):
    communicator = WebsocketCommunicator(application, "/ws/presence/", headers=headers)
    connected, _code = await communicator.connect()
    assert connected is False
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=False)
@pytest.mark.asyncio
async def test_unknown_websocket_path_is_closed(in_memory_layer):
    communicator = WebsocketCommunicator(application, "/ws/nothing/", headers=LOCAL_ORIGIN)
    with pytest.raises(ValueError, match="No route found"):
        await communicator.connect()

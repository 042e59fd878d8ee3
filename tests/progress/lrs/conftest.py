"""Callers of the LRS resources: a client with credentials and scopes, a learner's browser."""

import base64
import json

import pytest
from django.conf import settings
from django.test import Client
from django.utils.http import urlencode

from progress.auth import xapi_client_create
from tests.factories import UserFactory

ACTIVITY = "https://example.org/activities/bai-1"
AGENT = {"objectType": "Agent", "mbox": "mailto:hoc.vien@example.org"}


class Lrs:
    """The Django test client speaking xAPI: version header, credentials, query strings."""

    def __init__(self, client: Client, headers: dict, version: str = "1.0.3"):
        self.client = client
        self.headers = headers
        self.version = version

    def call(self, method, path, params=None, body=None, content_type=None, **extra):
        url = path + ("?" + urlencode(params) if params else "")
        headers = {**self.headers, **extra}
        if self.version is not None:
            headers.setdefault("HTTP_X_EXPERIENCE_API_VERSION", self.version)
        kwargs = {}
        if body is not None:
            kwargs["data"] = json.dumps(body) if isinstance(body, dict | list) else body
            kwargs["content_type"] = content_type or "application/json"
        return getattr(self.client, method.lower())(url, **kwargs, **headers)


def basic(key: str, secret: str) -> dict:
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def agent_json(agent: dict) -> str:
    return json.dumps(agent)


@pytest.fixture
def make_lrs(db):
    def make(scopes=("all",), version="1.0.3"):
        owner = UserFactory(full_name="Ứng dụng đối tác")
        client, secret = xapi_client_create(name="Đối tác", user=owner)
        client.scopes = list(scopes)
        client.save(update_fields=["scopes"])
        return Lrs(Client(), basic(client.key, secret), version=version)

    return make


@pytest.fixture
def lrs(make_lrs):
    return make_lrs()


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Trần Thị Học", email="tran.thi.hoc@example.org")


@pytest.fixture
def learner_agent(learner):
    return {"account": {"homePage": settings.XAPI_ACTIVITY_ID_BASE, "name": str(learner.pk)}}


@pytest.fixture
def browser(learner):
    client = Client()
    client.force_login(learner)
    return Lrs(client, {})

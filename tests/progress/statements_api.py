"""Calling /xapi/statements in the progress tests: a statement to send, the request helpers."""

import base64
import json
import uuid

URL = "/xapi/statements"
VERSION = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
ACTIVITY = "https://example.org/activities/bai-1"


def statement(**parts) -> dict:
    base = {
        "id": str(uuid.uuid4()),
        "verb": {"id": ANSWERED, "display": {"vi": "đã trả lời"}},
        "object": {"id": ACTIVITY, "objectType": "Activity"},
        "result": {"score": {"scaled": 0.8}, "success": True},
    }
    return {**base, **parts}


def send(client, body, method="post", query="", headers=VERSION, raw=None, **extra):
    data = raw if raw is not None else json.dumps(body)
    extra.setdefault("content_type", "application/json")
    return getattr(client, method)(URL + query, data=data, **headers, **extra)


def get(client, query="", **extra):
    return client.get(URL + query, **VERSION, **extra)


def basic(key, secret) -> dict:
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def error_of(response) -> str:
    assert response["X-Experience-API-Version"] == "1.0.3"
    return response.json()["error"]

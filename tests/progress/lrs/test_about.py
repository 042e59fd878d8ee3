"""About resource and the version header (xAPI 1.0.3 Part Three §6.2, §7.7; xAPI 2.0)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/xapi/about", "/xapi/about/"])
def test_about_lists_both_versions_without_auth_or_header(url):
    response = Client().get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == ["1.0.3", "2.0.0"]
    assert isinstance(body["extensions"], dict)
    assert response["X-Experience-API-Version"] in ("1.0.3", "2.0.0")


@pytest.mark.parametrize(
    ("sent", "answered"),
    [("1.0.3", "1.0.3"), ("1.0.0", "1.0.3"), ("2.0.0", "2.0.0"), ("2.0", "2.0.0")],
)
def test_about_answers_in_the_version_asked(sent, answered):
    response = Client().get("/xapi/about", HTTP_X_EXPERIENCE_API_VERSION=sent)
    assert response.status_code == 200
    assert response["X-Experience-API-Version"] == answered


def test_about_with_an_unknown_version_is_not_refused():
    response = Client().get("/xapi/about", HTTP_X_EXPERIENCE_API_VERSION="0.95")
    assert response.status_code == 200


def test_about_head_has_headers_and_no_body():
    response = Client().head("/xapi/about")
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Experience-API-Version"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_about_refuses_writes_with_405(method):
    response = getattr(Client(), method)("/xapi/about")
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert response["X-Experience-API-Version"]

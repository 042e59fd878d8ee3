"""The document resources: ``activities/state``, ``activities/profile``, ``agents/profile``
(xAPI 1.0.3 Part Three §7.3–7.6, xAPI 2.0 "Document Resources").

GET with the document id → the document as stored (its Content-Type, ``ETag`` = quoted SHA-1,
``Last-Modified``); GET without it → the list of ids (``since`` filters). PUT stores, POST
merges JSON (``progress.lrs.documents``), DELETE removes one (or, for State without
``stateId``, every matching document). HEAD is GET without the body.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.utils.http import http_date

from progress.lrs import params as p
from progress.lrs.auth import learner_only_own, lrs_authorize
from progress.lrs.documents import (
    Address,
    document_delete,
    document_get,
    document_ids,
    document_post,
    document_put,
)
from progress.lrs.http import answer, lrs_view
from progress.models.documents import XapiDocument
from progress.xapi import XapiError

MAX_DOCUMENT_BYTES = 1024 * 1024
METHODS = ("GET", "PUT", "POST", "DELETE")
Kind = XapiDocument.Kind


def _content(request) -> tuple[bytes, str]:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise XapiError("malformed Content-Length") from None
    if length > MAX_DOCUMENT_BYTES:
        raise XapiError(f"document larger than {MAX_DOCUMENT_BYTES // 1024} KB", 413)
    try:
        body = request.body
    except RequestDataTooBig:
        raise XapiError(f"document larger than {MAX_DOCUMENT_BYTES // 1024} KB", 413) from None
    content_type = request.META.get("CONTENT_TYPE") or "application/octet-stream"
    return body, content_type


def _document_answer(document: XapiDocument, version: str) -> HttpResponse:
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["X-Experience-API-Version"] = version
    response["ETag"] = f'"{document.etag}"'
    response["Last-Modified"] = http_date(document.updated_at.timestamp())
    return response


def _serve(request, version, address: Address, id_name: str, *, multi_delete: bool):
    params = request.GET
    document_id = p.document_id_param(params, id_name)
    if request.method == "GET":
        if document_id is None:
            return answer(document_ids(address, since=p.since_param(params)), version=version)
        if "since" in params:
            raise XapiError(f"since cannot be combined with {id_name}")
        document = document_get(address, document_id)
        if document is None:
            raise XapiError("no such document", 404)
        return _document_answer(document, version)
    if "since" in params:
        raise XapiError("since is only for GET")
    if request.method == "DELETE":
        if document_id is None and not multi_delete:
            raise XapiError(f"the {id_name} parameter is required")
        document_delete(address, document_id, headers=request.headers)
        return answer(status=204, version=version)
    if document_id is None:
        raise XapiError(f"the {id_name} parameter is required")
    content, content_type = _content(request)
    if request.method == "PUT":
        document_put(
            address, document_id, content=content, content_type=content_type,
            headers=request.headers,
            precondition_required=address.kind != Kind.STATE or version != "1.0.3",
            precondition_required_new=address.kind != Kind.STATE and version == "1.0.3",
        )  # fmt: skip
    else:
        document_post(
            address, document_id, content=content, content_type=content_type,
            headers=request.headers,
        )  # fmt: skip
    return answer(status=204, version=version)


@lrs_view(*METHODS)
def state(request, version):
    read = request.method == "GET"
    caller = lrs_authorize(request, scopes=("state",), read=read)
    params = request.GET
    p.params_check(
        params,
        allowed={"activityId", "agent", "registration", "stateId", "since"},
        required=("activityId", "agent"),
    )
    activity = p.activity_param(params)
    agent, ifi = p.agent_param(params)
    learner_only_own(caller, agent)
    address = Address(
        kind=Kind.STATE, activity_iri=activity, agent_ifi=ifi, agent=agent,
        registration=p.registration_param(params),
    )  # fmt: skip
    return _serve(request, version, address, "stateId", multi_delete=True)


@lrs_view(*METHODS)
def activity_profile(request, version):
    read = request.method == "GET"
    caller = lrs_authorize(request, scopes=("profile",), read=read)
    if caller.client is None and not read:
        raise XapiError("a learner may only read activity profiles", 403)
    params = request.GET
    p.params_check(params, allowed={"activityId", "profileId", "since"}, required=("activityId",))
    address = Address(kind=Kind.ACTIVITY_PROFILE, activity_iri=p.activity_param(params))
    return _serve(request, version, address, "profileId", multi_delete=False)


@lrs_view(*METHODS)
def agent_profile(request, version):
    read = request.method == "GET"
    caller = lrs_authorize(request, scopes=("profile",), read=read)
    params = request.GET
    p.params_check(params, allowed={"agent", "profileId", "since"}, required=("agent",))
    agent, ifi = p.agent_param(params)
    learner_only_own(caller, agent)
    address = Address(kind=Kind.AGENT_PROFILE, agent_ifi=ifi, agent=agent)
    return _serve(request, version, address, "profileId", multi_delete=False)

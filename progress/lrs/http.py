"""What every resource of the LRS (``progress.lrs``) shares: the version header, answers and
errors.

xAPI 1.0.3 Part Three §6.2 and IEEE 9274.1.1 (xAPI 2.0) §Versioning: every request except one
to About carries ``X-Experience-API-Version``; 1.0.x and 2.0.x are accepted (each handled as its
version), anything else (or no header) is refused with 400. Every answer, errors included,
carries the version the LRS speaks for that request (1.0.3, or 2.0.0 for a 2.0.x request).

A request naming no version (or one not spoken here) says nothing about what its caller reads,
so its answer (the 400, or About's 200) carries ``unnamed_version``: the client's own setting
(``XapiClient.default_version``, chosen in the admin) for a request with valid client
credentials, else ``DEFAULT_VERSION`` (2.0.0: learners' sessions, anonymous callers, wrong
credentials), on every resource alike.
"""

import functools
import logging
import re

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse, QueryDict
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from progress.auth import request_client
from progress.xapi import XapiError

logger = logging.getLogger(__name__)
VERSIONS = ("1.0.3", "2.0.0")
DEFAULT_VERSION = "2.0.0"  # answers to sessions and anonymous requests naming no version
# xAPI 1.0.3 Part Three §1.3 (Alternate Request Syntax): the headers a form body may carry.
FORM_HEADERS = {
    "Authorization": "HTTP_AUTHORIZATION",
    "X-Experience-API-Version": "HTTP_X_EXPERIENCE_API_VERSION",
    "Content-Type": "CONTENT_TYPE",
    "Content-Length": "CONTENT_LENGTH",
    "If-Match": "HTTP_IF_MATCH",
    "If-None-Match": "HTTP_IF_NONE_MATCH",
}
FORM_TYPE = "application/x-www-form-urlencoded"
VERSION_1_RE = re.compile(r"^1\.0(\.\d+)?$")
VERSION_2_RE = re.compile(r"^2\.0(\.\d+)?$")


def unnamed_version(request) -> str:
    """The version answering a request that names none: its client's ``default_version``, or
    ``DEFAULT_VERSION`` without valid client credentials."""
    try:
        client = request_client(request)
    except (OperationalError, InterfaceError):  # the request is answered 503 anyway
        return DEFAULT_VERSION
    return client.default_version if client is not None else DEFAULT_VERSION


def request_version(request, *, required: bool = True) -> str:
    """The version the LRS answers with: "1.0.3" or "2.0.0"; XapiError when refused (unless
    not ``required``: then ``unnamed_version``)."""
    header = request.headers.get("X-Experience-API-Version")
    if header is None:
        if required:
            raise XapiError("header X-Experience-API-Version is required (1.0.x or 2.0.x)")
        return unnamed_version(request)
    header = header.strip()
    if VERSION_1_RE.fullmatch(header):
        return "1.0.3"
    if VERSION_2_RE.fullmatch(header):
        return "2.0.0"
    if required:
        raise XapiError(
            f"unsupported X-Experience-API-Version {header[:20]!r} (use 1.0.x or 2.0.x)"
        )
    return unnamed_version(request)


def alternate_request(request, *, default_type: str = "application/octet-stream") -> None:
    """Turn a POST with ``?method=`` (the alternate request syntax of 1.0.3, for clients that
    cannot send other methods or headers) into the request it stands for: the method from the
    query, headers, resource parameters and ``content`` from the form body (of
    ``default_type`` unless the form names a Content-Type)."""
    method = request.GET.get("method", "").upper()
    if set(request.GET) != {"method"}:
        raise XapiError("with the alternate request syntax, method is the only query parameter")
    if method not in ("GET", "PUT", "POST", "DELETE"):
        raise XapiError("method must be GET, PUT, POST or DELETE")
    if request.content_type != FORM_TYPE:
        raise XapiError(f"the alternate request syntax needs Content-Type {FORM_TYPE}")
    form = request.POST
    params = QueryDict(mutable=True)
    for name, values in form.lists():
        if name in FORM_HEADERS:
            request.META[FORM_HEADERS[name]] = values[-1]
        elif name != "content":
            params.setlist(name, values)
    if "Content-Type" not in form:
        request.META["CONTENT_TYPE"] = default_type
    request._set_content_type_params(request.META)  # request.content_type follows the form
    content = form.get("content", "").encode("utf-8")
    request.META["CONTENT_LENGTH"] = str(len(content))
    request._body = content
    request.GET = params
    request.method = method
    request.__dict__.pop("headers", None)  # a cached_property over META
    version = request.META.get("HTTP_X_EXPERIENCE_API_VERSION", "").strip()
    if VERSION_2_RE.fullmatch(version):  # IEEE 9274.1.1 dropped the alternate syntax
        raise XapiError("xAPI 2.0 has no alternate request syntax: send the request itself")


def answer(data=None, *, status: int = 200, version: str = "1.0.3") -> HttpResponse:
    if data is None:
        response = HttpResponse(status=status)
    else:
        response = JsonResponse(data, status=status, safe=False)
    response["X-Experience-API-Version"] = version
    return response


def error_answer(request, error: XapiError, *, methods, version: str) -> HttpResponse:
    if error.status == 409:  # the spec asks for an explanation; plain text
        response = HttpResponse(error.message, status=409, content_type="text/plain; charset=utf-8")
        response["X-Experience-API-Version"] = version
    else:
        response = answer({"error": error.message}, status=error.status, version=version)
    if error.status == 405:
        response["Allow"] = ", ".join(methods)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Basic realm="xAPI"'
    return response


def lrs_view(*methods: str, version_required: bool = True):
    """Wrap an LRS view ``view(request, version)``: method check, version header, errors as
    JSON with the spec's status, HEAD as GET without a body, 503 when the database is away."""
    allowed = tuple(methods) + (("HEAD",) if "GET" in methods else ())

    def decorate(view):
        @csrf_exempt  # session callers get Django's CSRF check in progress.auth.xapi_caller
        @never_cache
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                if request.method == "POST" and "method" in request.GET:
                    alternate_request(request)
            except XapiError as error:
                return error_answer(request, error, methods=allowed, version=VERSIONS[0])
            version = request_version(request, required=False)
            try:
                if request.method not in allowed:
                    raise XapiError(f"method {request.method} is not allowed here", 405)
                version = request_version(request, required=version_required)
                if request.method == "HEAD":
                    request.method = "GET"
                    response = view(request, version, *args, **kwargs)
                    request.method = "HEAD"
                    response.content = b""
                    return response
                return view(request, version, *args, **kwargs)
            except XapiError as error:
                return error_answer(request, error, methods=allowed, version=version)
            except (OperationalError, InterfaceError) as error:
                logger.warning("xAPI LRS: database unavailable (%s); answered 503", error)
                response = answer(
                    {"error": "database unavailable, retry later"}, status=503, version=version
                )
                response["Retry-After"] = "2"
                return response

        return wrapper

    return decorate

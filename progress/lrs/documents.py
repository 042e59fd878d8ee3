"""Storing xAPI documents (state, activity profile, agent profile) with the concurrency rules
of xAPI 1.0.3 Part Three §6.3 / xAPI 2.0 "Concurrency".

- ``If-Match`` (ETags or ``*``) and ``If-None-Match`` (ETags or ``*``) are honoured on PUT,
  POST and DELETE: 412 Precondition Failed, nothing changed, when they fail.
- A PUT without either header to a document that exists → 409 Conflict with an explanation:
  profiles in both versions, State documents in 2.0 (IEEE 9274.1.1 "Concurrency" covers the
  State resource; 1.0.3 §6.3 only profiles). A 1.0.3 PUT creating a profile without either
  header → 400 (1.0.3 §6.3: clients use If-None-Match: * to create; the ADL conformance suite
  checks the refusal).
- POST merges a JSON object into an existing JSON object document (top-level keys); 400 when
  either is not a JSON object.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from progress.models.documents import XapiDocument, address_digest
from progress.xapi import XapiError, json_parse

JSON_TYPE = "application/json"


@dataclass(frozen=True)
class Address:
    kind: str
    activity_iri: str = ""
    agent_ifi: str = ""
    agent: dict | None = None
    registration: str | None = None

    @property
    def scope(self) -> str:
        return address_digest(self.kind, self.activity_iri, self.agent_ifi)

    def lookup(self, document_id: str) -> str:
        return address_digest(
            self.kind, self.activity_iri, self.agent_ifi, self.registration, document_id
        )


def document_get(address: Address, document_id: str) -> XapiDocument | None:
    return XapiDocument.objects.filter(lookup=address.lookup(document_id)).first()


def document_ids(address: Address, *, since: datetime | None = None) -> list[str]:
    rows = XapiDocument.objects.filter(scope=address.scope)
    if address.registration is not None:
        rows = rows.filter(registration=address.registration)
    if since is not None:
        rows = rows.filter(updated_at__gt=since)
    return sorted(set(rows.values_list("document_id", flat=True)))


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",") if tag.strip()}


def precondition_check(headers, document: XapiDocument | None) -> bool:
    """Raise 412 if If-Match / If-None-Match fail on ``document``; whether either was sent."""
    if_match = headers.get("If-Match")
    if if_match is not None:
        tags = _tags(if_match)
        if document is None or ("*" not in tags and document.etag not in tags):
            raise XapiError("If-Match failed: the document has changed or does not exist", 412)
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = _tags(if_none_match)
        if document is not None and ("*" in tags or document.etag in tags):
            raise XapiError("If-None-Match failed: the document already exists", 412)
    return if_match is not None or if_none_match is not None


def is_json_type(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == JSON_TYPE


def _json_object(content: bytes, what: str) -> dict:
    try:
        value = json_parse(content)
    except XapiError:
        value = None
    if not isinstance(value, dict):
        raise XapiError(f"{what} is not a JSON object, so it cannot be merged")
    return value


def _write(address, document_id, document, content: bytes, content_type: str) -> None:
    now = timezone.now()
    fields = {
        "content": content,
        "content_type": content_type,
        "etag": XapiDocument.content_etag(content),
        "updated_at": now,
    }
    if document is not None:
        XapiDocument.objects.filter(pk=document.pk).update(**fields)
        return
    XapiDocument.objects.create(
        kind=address.kind,
        lookup=address.lookup(document_id),
        scope=address.scope,
        activity_iri=address.activity_iri,
        agent_ifi=address.agent_ifi,
        agent=address.agent,
        registration=address.registration,
        document_id=document_id,
        **fields,
    )


def _locked(address: Address, document_id: str) -> XapiDocument | None:
    return (
        XapiDocument.objects.select_for_update().filter(lookup=address.lookup(document_id)).first()
    )


def document_put(
    address: Address, document_id: str, *, content: bytes, content_type: str, headers,
    precondition_required: bool, precondition_required_new: bool = False,
) -> None:  # fmt: skip
    """Store ``content``. Without If-Match / If-None-Match: 409 over an existing document when
    ``precondition_required``, 400 for a new one when ``precondition_required_new``."""
    try:
        with transaction.atomic():
            document = _locked(address, document_id)
            sent = precondition_check(headers, document)
            if document is None and precondition_required_new and not sent:
                raise XapiError(
                    "PUT needs the header If-None-Match: * to create a document "
                    "(or If-Match with its current ETag to replace one)."
                )
            if document is not None and precondition_required and not sent:
                raise XapiError(
                    "The document already exists. Check its current state (GET), then send "
                    "PUT again with the header If-Match set to its current ETag.",
                    409,
                )
            _write(address, document_id, document, content, content_type)
    except IntegrityError:
        raise XapiError(
            "the document was created by another request meanwhile; retry", 409
        ) from None


def document_post(
    address: Address, document_id: str, *, content: bytes, content_type: str, headers
) -> None:
    if not is_json_type(content_type):
        raise XapiError("POST merges JSON: the Content-Type must be application/json")
    posted = _json_object(content, "the posted document")
    try:
        with transaction.atomic():
            document = _locked(address, document_id)
            precondition_check(headers, document)
            if document is not None:
                if not is_json_type(document.content_type):
                    raise XapiError("the stored document is not JSON, so it cannot be merged")
                merged = {**_json_object(bytes(document.content), "the stored document")}
                merged.update(posted)
                content = json.dumps(merged, ensure_ascii=False).encode("utf-8")
            _write(address, document_id, document, content, JSON_TYPE)
    except IntegrityError:
        raise XapiError(
            "the document was created by another request meanwhile; retry", 409
        ) from None


def document_delete(address: Address, document_id: str | None, *, headers) -> None:
    with transaction.atomic():
        if document_id is None:  # every document of the address (State resource only)
            rows = XapiDocument.objects.filter(scope=address.scope)
            if address.registration is not None:
                rows = rows.filter(registration=address.registration)
            rows.delete()
            return
        document = _locked(address, document_id)
        precondition_check(headers, document)
        if document is not None:
            document.delete()

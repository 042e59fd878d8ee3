"""JSON-LD contexts from local files, and RDF Dataset Canonicalization over them.

The document loader serves the contexts shipped in ``contexts/`` (see its README for sources and
licences) and refuses any other URL with :class:`ContextRefused`: signing and verifying never
touch the network.

Canonicalisation is RDFC-1.0 (the algorithm PyLD calls ``URDNA2015``; RDFC-1.0 is its W3C
Recommendation name, with the same output) to N-Quads, in a *safe mode*: a property that the
contexts do not define would be silently dropped by JSON-LD expansion and so left outside the
signature; here it raises :class:`CanonicalizationError` instead.
"""

import copy
import json
import threading
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from pyld.context_resolver import ContextResolver
from pyld.jsonld import JsonLdError, JsonLdProcessor

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
CONTEXT_FILES = {
    CREDENTIALS_V2: "credentials-v2.json",
    OPEN_BADGES_V3: "ob-v3p0-context-3.0.3.json",
}

DocumentLoader = Callable[..., dict[str, Any]]


class ContextRefused(Exception):
    """A context URL that is not shipped locally: it is never fetched."""


class CanonicalizationError(ValueError):
    """The document cannot be canonicalised safely: unknown context, undefined term, bad JSON-LD."""


@cache
def _shipped() -> dict[str, dict]:
    return {
        url: json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8"))
        for url, name in CONTEXT_FILES.items()
    }


def document_loader_make(extra: Mapping[str, dict] | None = None) -> DocumentLoader:
    """A PyLD document loader over the shipped contexts, plus ``extra`` {url: document}.

    ``extra`` exists for tests that replay third-party vectors (whose examples context we do not
    ship); it cannot replace a shipped context. Every other URL raises :class:`ContextRefused`.
    """
    documents = dict(extra or {})
    documents.update(_shipped())

    def load(url: str, options: dict | None = None) -> dict[str, Any]:
        try:
            document = documents[url]
        except KeyError:
            raise ContextRefused(f"context not available offline: {url}") from None
        # A copy each time: the JSON-LD processor is free to modify what it is given.
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(document)}

    return load


document_loader = document_loader_make()
# Resolved contexts are cached per loader, never in PyLD's process-wide cache: a context that a
# test loader served must not become resolvable through the strict loader afterwards.
_resolver_cache: LRUCache = LRUCache(maxsize=32)


def _dropped(expanded_property: str | None) -> None:
    raise CanonicalizationError(
        f"a property is not defined by the credential's contexts: {expanded_property!r}"
    )


_canonicalize_lock = threading.Lock()


def canonicalize(document: dict, *, loader: DocumentLoader | None = None) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document, offline and in safe mode.

    Raises :class:`CanonicalizationError` (wrapping :class:`ContextRefused` for an unknown
    context URL) when the document cannot be canonicalised.
    """
    if loader is None:
        loader, cache_ = document_loader, _resolver_cache
    else:
        cache_ = LRUCache(maxsize=32)
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": loader,
        "contextResolver": ContextResolver(cache_, loader),
        "base": "",
    }
    try:
        with _canonicalize_lock:  # the resolver cache and PyLD's own caches are not thread-safe
            return JsonLdProcessor(on_property_dropped=_dropped).normalize(document, options)
    except CanonicalizationError:
        raise
    except (JsonLdError, ContextRefused) as error:
        cause = error
        while isinstance(cause, JsonLdError) and cause.__cause__ is not None:
            if isinstance(cause.__cause__, CanonicalizationError):
                raise cause.__cause__ from None
            cause = cause.__cause__
        raise CanonicalizationError(str(cause)) from error

"""Does an SVG carry script? Package files are served to browsers, and an SVG opened on its own
runs its scripts, so an H5P package with such an SVG is refused.

``svg_script_reason(data)`` returns a short English reason (for logs and tests) or ``None``.
The SVG is parsed with defusedxml (no entity expansion, no external resources). A file that does
not parse as XML is not rendered by browsers either, but it still gets a conservative text scan.
"""

import re
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
# Elements that run script or embed an HTML document (foreignObject, iframe, …).
SCRIPT_ELEMENTS = frozenset(
    {"script", "foreignobject", "handler", "listener", "iframe", "embed", "object", "frame"}
)
SCRIPT_URL_SCHEMES = ("javascript:", "vbscript:", "livescript:")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")
_TEXT_SCAN = re.compile(
    r"<\s*(?:[a-z0-9_-]+:)?(?:script|foreignobject|handler|listener|iframe|embed|object|frame)\b"
    r"|\son[a-z]+\s*="
    r"|(?:java|vb|live)script\s*:",
    re.IGNORECASE,
)


def _local(name: str) -> tuple[str, str]:
    """``{namespace}local`` → (namespace, local name in lower case)."""
    if name.startswith("{"):
        namespace, _brace, local = name[1:].partition("}")
        return namespace, local.lower()
    return "", name.lower()


def _is_script_url(value: str) -> bool:
    compact = _INVISIBLE.sub("", value).lower()
    return any(scheme in compact for scheme in SCRIPT_URL_SCHEMES) or compact.startswith(
        ("data:text/html", "data:application/xhtml")
    )


def svg_script_reason(data: bytes) -> str | None:
    """Why this SVG can run script, or ``None`` when it cannot."""
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return "entity declarations or external references"
    except (ParseError, ValueError):
        text = data.decode("utf-8", errors="ignore")
        match = _TEXT_SCAN.search(text)
        return f"unparsable SVG containing {match.group(0).strip()!r}" if match else None

    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        namespace, tag = _local(element.tag)
        if namespace == XHTML_NAMESPACE:
            return f"HTML element <{tag}>"
        if tag in SCRIPT_ELEMENTS:
            return f"<{tag}> element"
        for name, value in element.attrib.items():
            _namespace, attribute = _local(name)
            if attribute.startswith("on"):
                return f"event handler attribute {attribute}="
            if attribute == "attributename" and value.strip().lower().startswith("on"):
                return f"animation of event handler {value.strip()}"
            if _is_script_url(value):
                return f"script URL in {attribute}="
        if tag == "style" and element.text and _is_script_url(element.text):
            return "script URL in <style>"
    return None

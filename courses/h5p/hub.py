"""The H5P content-type Hub (api.h5p.org): the list of content types, and their downloads.

The Hub's protocol, as H5P's own integrations use it (h5p-php-library ``H5PHubEndpoints``,
H5P-Nodejs-library ``ContentTypeCache``):

- ``POST {hub}/content-types/`` with the site's registration data as form fields (``uuid``,
  ``platform_name``, ``platform_version``, ``h5p_version``, ``core_api_version``, ``disabled``,
  ``local_id``, ``type``) answers ``{"contentTypes": [{"id": "H5P.TrueFalse", "version":
  {"major", "minor", "patch"}, "coreApiVersionNeeded": {"major", "minor"}, "title", "summary",
  "icon", "owner", "example", "popularity", "isRecommended", …}]}``;
- ``GET {hub}/content-types/<machineName>`` answers the newest version as a library package
  (``h5p.json`` + library folders, no content), installed by ``courses.h5p.services``.

Only the standard library (``urllib``): two requests, no new dependency. The list is kept in
Django's cache for a day, as H5P's integrations refresh theirs. Every failure to reach the Hub
raises ``HubUnavailable`` with a Vietnamese message that says how to install offline.
"""

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from courses.h5p.intake import H5PLimits, SpooledUpload, spool_upload
from courses.h5p.library_json import MACHINE_NAME, PLAYER_CORE_API

logger = logging.getLogger(__name__)

HUB_URL = "https://api.h5p.org/v1"
CACHE_KEY = "courses:h5p:hub:content-types"
CACHE_SECONDS = 24 * 3600
TIMEOUT_SECONDS = 20
PLATFORM_NAME = "Cong dan hoc tap"
PLATFORM_VERSION = "1.0"


class HubUnavailable(Exception):
    """The Hub could not be reached or answered something unusable. ``message`` is for people."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail  # technical, for logs


def _offline(detail: str) -> HubUnavailable:
    logger.warning("H5P Hub: %s", detail)
    return HubUnavailable(
        _(
            "Không kết nối được H5P Hub (api.h5p.org): máy chủ có thể đang không có mạng "
            "Internet. Nếu máy chủ không ra được Internet, hãy tải gói thư viện (.h5p) của dạng "
            "bài trên một máy có mạng rồi tải lên ở mục “Tải lên gói thư viện”."
        ),
        detail,
    )


@dataclass(frozen=True)
class HubContentType:
    machine_name: str
    major: int
    minor: int
    patch: int
    core_api: tuple[int, int]  # the H5P core API it needs
    title: str
    summary: str = ""
    icon: str = ""
    owner: str = ""
    example: str = ""
    popularity: int = 0
    is_recommended: bool = False

    @property
    def version(self) -> tuple[int, int, int]:
        return (self.major, self.minor, self.patch)

    @property
    def version_text(self) -> str:
        return "{}.{}.{}".format(*self.version)

    @property
    def playable(self) -> bool:
        """Whether our player's H5P core is new enough for it."""
        return self.core_api <= PLAYER_CORE_API


def hub_url() -> str:
    """``H5P_HUB_URL`` (default the real Hub); only http(s), never file: or other schemes."""
    url = getattr(settings, "H5P_HUB_URL", HUB_URL).rstrip("/")
    if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
        raise ValueError(f"H5P_HUB_URL must be an http(s) address: {url!r}")
    return url


def registration_data() -> dict[str, str]:
    """The form fields H5P integrations send with each request for the content-type list."""
    local_id = zlib.crc32(str(settings.BASE_DIR).encode())
    return {
        "uuid": getattr(settings, "H5P_HUB_UUID", ""),
        "platform_name": PLATFORM_NAME,
        "platform_version": PLATFORM_VERSION,
        "h5p_version": "{}.{}".format(*PLAYER_CORE_API),
        "core_api_version": "{}.{}".format(*PLAYER_CORE_API),
        "disabled": "0",
        "local_id": str(local_id),
        "type": "local",
    }


def _open(request: urllib.request.Request):
    timeout = getattr(settings, "H5P_HUB_TIMEOUT", TIMEOUT_SECONDS)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (see hub_url)
    except urllib.error.HTTPError as error:
        raise _offline(f"{request.full_url} answered {error.code}") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise _offline(f"{request.full_url}: {error}") from error
    return response


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _parse_entry(entry) -> HubContentType | None:
    if not isinstance(entry, dict):
        return None
    version, core = entry.get("version"), entry.get("coreApiVersionNeeded") or {}
    name = entry.get("id")
    if not isinstance(name, str) or not MACHINE_NAME.match(name) or not isinstance(version, dict):
        return None
    numbers = [_int(version.get(key)) for key in ("major", "minor", "patch")]
    core_api = (_int(core.get("major")) or 0, _int(core.get("minor")) or 0)
    if None in numbers:
        return None

    def text(key: str) -> str:
        value = entry.get(key)
        return value.strip() if isinstance(value, str) else ""

    return HubContentType(
        machine_name=name,
        major=numbers[0],
        minor=numbers[1],
        patch=numbers[2],
        core_api=core_api,
        title=text("title") or name,
        summary=text("summary"),
        icon=text("icon") if text("icon").startswith("https://") else "",
        owner=text("owner"),
        example=text("example") if text("example").startswith("https://") else "",
        popularity=_int(entry.get("popularity")) or 0,
        is_recommended=entry.get("isRecommended") is True,
    )


def hub_content_types(*, refresh: bool = False) -> list[HubContentType]:
    """The content types the Hub offers, by title (kept a day; ``refresh`` asks again).

    Raises ``HubUnavailable`` when the Hub cannot be reached or its answer is not a list.
    """
    if not refresh and (cached := cache.get(CACHE_KEY)) is not None:
        return cached
    body = urllib.parse.urlencode(registration_data()).encode()
    request = urllib.request.Request(  # noqa: S310 (hub_url() is http or https)
        f"{hub_url()}/content-types/",
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with _open(request) as response:
        raw = response.read(8 * 1024 * 1024)
    try:
        entries = json.loads(raw)["contentTypes"]
    except (ValueError, KeyError, TypeError) as error:
        raise _offline(f"content-types: not the expected JSON ({error})") from error
    if not isinstance(entries, list):
        raise _offline("content-types: contentTypes is not a list")
    found = [parsed for entry in entries if (parsed := _parse_entry(entry))]
    found.sort(key=lambda item: (item.title.lower(), item.machine_name))
    cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


class _Reader:
    """Only ``read``: an HTTP response cannot seek, and ``spool_upload`` seeks what can."""

    def __init__(self, response):
        self.read = response.read


def hub_content_type_download(*, machine_name: str) -> SpooledUpload:
    """Download a content type's library package from the Hub into a private temporary folder
    (in chunks, no further than the upload limit); the caller closes it.

    Raises ``HubUnavailable``, or ``H5PValidationError`` (too big).
    """
    if not MACHINE_NAME.match(machine_name) or not re.match(r"^[A-Za-z]", machine_name):
        raise ValueError(f"not a machine name: {machine_name!r}")
    url = f"{hub_url()}/content-types/{urllib.parse.quote(machine_name)}"
    request = urllib.request.Request(url, method="GET")  # noqa: S310 (as above)
    with _open(request) as response:
        limits = H5PLimits.from_settings()
        try:
            return spool_upload(_Reader(response), max_bytes=limits.max_upload_bytes)
        except OSError as error:
            raise _offline(f"{url}: {error}") from error

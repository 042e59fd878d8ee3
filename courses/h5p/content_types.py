"""Content types on this site: what is installed, what the H5P Hub offers, installing from it.

``content_type_overview`` joins the Hub's list with the installed runnable libraries;
``hub_content_type_install`` downloads a content type from the Hub and installs its libraries
through ``h5p_libraries_install`` (the same checks as any upload). Used by the
``h5p_hub_install`` command and the administrators' page (``courses.h5p_admin``).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from courses.h5p.hub import HubContentType, hub_content_type_download, hub_content_types
from courses.h5p.intake import H5PValidationError
from courses.h5p.library_json import PLAYER, PLAYER_CORE_API
from courses.h5p.services import LibrariesInstallResult, h5p_libraries_install
from courses.models.h5p import H5PLibrary


def installed_content_types() -> dict[str, H5PLibrary]:
    """The newest installed version of each runnable library (content type), by machineName."""
    newest: dict[str, H5PLibrary] = {}
    for row in H5PLibrary.objects.filter(runnable=True).order_by("major", "minor", "patch"):
        newest[row.machine_name] = row
    return newest


@dataclass(frozen=True)
class ContentTypeRow:
    hub: HubContentType | None
    installed: H5PLibrary | None

    @property
    def machine_name(self) -> str:
        return self.hub.machine_name if self.hub else self.installed.machine_name

    @property
    def title(self) -> str:
        return self.hub.title if self.hub else self.installed.title

    @property
    def installed_version(self) -> tuple[int, int, int] | None:
        row = self.installed
        return (row.major, row.minor, row.patch) if row else None

    @property
    def action(self) -> str:
        """ "install", "update", "" (up to date or not on the Hub) or "core" (needs newer core)."""
        if self.hub is None or (self.installed and self.installed_version >= self.hub.version):
            return ""
        if not self.hub.playable:
            return "core"
        return "update" if self.installed else "install"


def content_type_overview(hub_types: list[HubContentType] | None) -> list[ContentTypeRow]:
    """One row per content type on the Hub (in its order), then those installed only here."""
    installed = installed_content_types()
    rows = [ContentTypeRow(hub=item, installed=installed.pop(item.machine_name, None))
            for item in hub_types or []]  # fmt: skip
    rows += [ContentTypeRow(hub=None, installed=row) for _name, row in sorted(installed.items())]
    return rows


@dataclass(frozen=True)
class HubInstallOutcome:
    machine_name: str
    status: str  # "installed", "updated", "up_to_date"
    version: str
    result: LibrariesInstallResult | None = None


def _refuse_core(item: HubContentType) -> H5PValidationError:
    return H5PValidationError(
        _(
            "Dạng bài %(title)s %(version)s cần lõi H5P %(required)s, nhưng trình phát của hệ "
            "thống (%(player)s) chỉ có lõi %(core)s. Hãy cập nhật trình phát H5P trước."
        )
        % {
            "title": item.title,
            "version": item.version_text,
            "required": "{}.{}".format(*item.core_api),
            "player": PLAYER,
            "core": "{}.{}".format(*PLAYER_CORE_API),
        },
        "core_api_too_new",
    )


def hub_content_type_install(*, machine_name: str, update: bool = True) -> HubInstallOutcome:
    """Install (or, with ``update``, bring up to date) one content type from the Hub.

    Returns what happened; an installed version as new as the Hub's is left alone. Raises
    ``HubUnavailable`` (no network), or ``H5PValidationError`` (not on the Hub, needs a newer
    core, or the download is refused by intake; nothing stored then).
    """
    hub_types = {item.machine_name: item for item in hub_content_types()}
    item = hub_types.get(machine_name)
    if item is None:
        raise H5PValidationError(
            _("H5P Hub không có dạng bài “%(name)s”.") % {"name": machine_name}, "not_on_hub"
        )
    current = installed_content_types().get(machine_name)
    current_version = (current.major, current.minor, current.patch) if current else None
    if current_version is not None and (current_version >= item.version or not update):
        return HubInstallOutcome(machine_name, "up_to_date", current.version)
    if not item.playable:
        raise _refuse_core(item)
    with hub_content_type_download(machine_name=machine_name) as upload:
        result = h5p_libraries_install(file=upload)
    if machine_name not in {row.machine_name for row in result.content_types}:
        raise H5PValidationError(
            _("Gói tải từ H5P Hub không có dạng bài “%(name)s”.") % {"name": machine_name},
            "not_on_hub",
        )
    version = installed_content_types()[machine_name].version
    status = "updated" if current else "installed"
    return HubInstallOutcome(machine_name, status, version, result)

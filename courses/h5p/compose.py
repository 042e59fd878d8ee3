"""A package from content written in code (``h5p.json`` + ``content.json``) and the libraries
installed on this site — how the demo writes its activities, with no .h5p file in between.

The libraries come from the site's installed versions (``H5PLibrary``: installed from the H5P
Hub, from an uploaded library package, or with an earlier upload): for each machineName +
major.minor that ``h5p.json`` and the libraries' own ``preloadedDependencies`` name, the newest
patch installed. The package is identified, as uploads are, by a SHA-256: here of its two JSON
files, so the same content gives back the same package.
"""

import hashlib
import json

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.h5p.intake import H5PValidationError
from courses.h5p.library_json import dependency_list
from courses.h5p.storage import StorageWriter, package_prefix
from courses.models.h5p import H5PLibrary, H5PPackage, H5PPackageLibrary


def _json_bytes(value: dict) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode()


def missing_libraries(h5p_json: dict) -> list[str]:
    """The libraries (\"H5P.Blanks 1.12\") this content needs that are not installed."""
    try:
        _load_order(h5p_json)
    except _Missing as missing:
        return missing.names
    return []


class _Missing(Exception):
    def __init__(self, names: list[str]):
        super().__init__(", ".join(names))
        self.names = names


def _load_order(h5p_json: dict) -> list[H5PLibrary]:
    """Installed libraries for ``h5p.json``'s dependencies, recursively, dependencies first."""
    installed: dict[tuple, H5PLibrary] = {}
    for row in H5PLibrary.objects.order_by("patch"):
        installed[(row.machine_name, row.major, row.minor)] = row  # the newest patch wins
    order: list[H5PLibrary] = []
    done: set = set()
    absent: list[str] = []

    def visit(key, trail: frozenset) -> None:
        if key in done or key in trail:
            return
        row = installed.get(key)
        if row is None:
            absent.append("{} {}.{}".format(*key))
            return
        for dependency in dependency_list(
            row.library_json.get("preloadedDependencies"), f"{row}/library.json"
        ):
            visit(dependency, trail | {key})
        done.add(key)
        order.append(row)

    for key in dependency_list(h5p_json.get("preloadedDependencies"), "h5p.json"):
        visit(key, frozenset())
    if absent:
        raise _Missing(sorted(set(absent)))
    return order


def h5p_package_compose(*, h5p_json: dict, content_json: dict, uploaded_by=None) -> H5PPackage:
    """Store a package made of ``h5p_json`` and ``content_json`` (no other content files) that
    plays with the installed libraries; the same JSON gives back the same package.

    Raises ``H5PValidationError`` (code ``library_not_installed``, a Vietnamese message naming
    them) when a library it needs is not installed; then nothing is stored.
    """
    h5p_bytes, content_bytes = _json_bytes(h5p_json), _json_bytes(content_json)
    sha256 = hashlib.sha256(h5p_bytes + b"\n" + content_bytes).hexdigest()
    existing = H5PPackage.objects.filter(sha256=sha256).first()
    if existing is not None:
        return existing
    try:
        libraries = _load_order(h5p_json)
    except _Missing as missing:
        message = _(
            "Chưa cài thư viện H5P %(names)s. Quản trị viên hãy cài dạng bài này từ H5P Hub "
            "(trang Cài đặt → Dạng bài H5P, hoặc lệnh “manage.py h5p_hub_install”) hoặc tải lên "
            "gói thư viện, rồi thử lại."
        ) % {"names": ", ".join(missing.names)}
        raise H5PValidationError(message, "library_not_installed") from None
    main = next((row for row in libraries if row.machine_name == h5p_json.get("mainLibrary")), None)
    if main is None:
        raise ValueError("h5p.json's mainLibrary is not among its preloadedDependencies")
    writer = StorageWriter(default_storage)
    prefix = package_prefix(sha256)
    try:
        with transaction.atomic():
            package = H5PPackage.objects.create(
                title=str(h5p_json.get("title", ""))[:255],
                main_library=main,
                h5p_json=h5p_json,
                content_json=content_json,
                storage_prefix=prefix,
                sha256=sha256,
                size=len(h5p_bytes) + len(content_bytes),
                file_count=2,
                uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None,
            )
            H5PPackageLibrary.objects.bulk_create(
                H5PPackageLibrary(package=package, library=row, position=position)
                for position, row in enumerate(libraries)
            )
            writer.put(prefix + "h5p.json", h5p_bytes)
            writer.put(prefix + "content/content.json", content_bytes)
    except IntegrityError:
        writer.undo()
        return H5PPackage.objects.get(sha256=sha256)
    except BaseException:
        writer.undo()
        raise
    return package

"""The demo's H5P activities: where their content types come from, and the activities themselves.

Content types (H5P libraries) are found, in this order:

1. already installed on this site (from the H5P Hub, an uploaded library package, or an upload);
2. where the shared test fixtures sit beside the project (``../shared/fixtures``): the libraries
   of those packages (MIT licensed; their content is never used);
3. only when ``H5P_DEMO_FROM_HUB`` is on (environment ``DEMO_H5P_HUB=1``): the H5P Hub. Off by
   default so that ``make run`` stays fast and gives the same result on every machine, and the
   test suite never reaches the live Hub;
4. otherwise the demo says which content types are missing and how to install them, and loads
   everything else.

A content type counts as available when an installed version has the major version our content
was written for and the same or a newer minor version (H5P keeps content compatible within a
major version); the package then names that installed version. The activities' content is ours
(``courses.demo_h5p_content``), in Vietnamese.
"""

from django.conf import settings
from django.core.files.storage import default_storage

from courses.h5p.compose import h5p_package_compose
from courses.h5p.intake import H5PValidationError
from courses.models import H5PActivity, H5PLibrary, H5PPackage

#: The content types the demo's content was written for (machine name → major, minor).
CONTENT_TYPES = {
    "H5P.TrueFalse": (1, 6),
    "H5P.MultiChoice": (1, 14),
    "H5P.Blanks": (1, 12),
    "H5P.DragText": (1, 8),
    "H5P.SingleChoiceSet": (1, 11),
    "H5P.QuestionSet": (1, 17),
}
FIXTURES = settings.BASE_DIR.parent / "shared" / "fixtures"
#: Which fixture package holds each content type's libraries.
FIXTURE_SOURCES = {
    "h5p/questionset.h5p": (
        "H5P.TrueFalse", "H5P.MultiChoice", "H5P.Blanks", "H5P.DragText", "H5P.QuestionSet",
    ),
    "h5p-hub/H5P.CoursePresentation.h5p": ("H5P.SingleChoiceSet",),
}  # fmt: skip
#: The English test activity earlier demos placed in the scam lesson, removed on the next load.
RETIRED_TITLE = "Hoạt động H5P thử (Đúng/Sai) — chỉ có khi phát triển"


def available_versions() -> dict[str, tuple[int, int]]:
    """For each content type of ``CONTENT_TYPES``, the installed major.minor the demo uses."""
    found: dict[str, tuple[int, int]] = {}
    rows = H5PLibrary.objects.filter(machine_name__in=CONTENT_TYPES, runnable=True)
    for row in rows.order_by("major", "minor"):
        major, minor = CONTENT_TYPES[row.machine_name]
        if row.major == major and row.minor >= minor:
            found[row.machine_name] = (row.major, row.minor)
    return found


def _missing() -> list[str]:
    available = available_versions()
    return [name for name in CONTENT_TYPES if name not in available]


def _install_from_fixtures(missing: list[str], stdout) -> None:
    from courses.h5p.services import h5p_libraries_install

    for path, names in FIXTURE_SOURCES.items():
        wanted = frozenset(missing) & set(names)
        if wanted and (FIXTURES / path).is_file():
            with (FIXTURES / path).open("rb") as file:
                result = h5p_libraries_install(file=file, only=wanted)
            stdout.write(
                f"H5P: {len(result.created)} library versions installed from "
                f"../shared/fixtures/{path} ({', '.join(sorted(wanted))})."
            )


def _install_from_hub(missing: list[str], stdout) -> None:
    from courses.h5p.content_types import hub_content_type_install
    from courses.h5p.hub import HubUnavailable

    for name in missing:
        if name not in _missing():  # brought by an earlier download
            continue
        try:
            outcome = hub_content_type_install(machine_name=name, update=False)
        except HubUnavailable as error:
            stdout.write(f"H5P: {error.message}")
            return
        except H5PValidationError as error:
            stdout.write(f"H5P: {name}: {error.message}")
            continue
        stdout.write(f"H5P: {name} {outcome.version} from the H5P Hub.")


def demo_content_types_ensure(*, stdout) -> dict[str, tuple[int, int]]:
    """Make the demo's content types available where possible (see the module docstring);
    returns the versions available, and says in Vietnamese what is missing and what to do."""
    if (missing := _missing()) and FIXTURES.is_dir():
        _install_from_fixtures(missing, stdout)
    if (missing := _missing()) and getattr(settings, "H5P_DEMO_FROM_HUB", False):
        _install_from_hub(missing, stdout)
    if missing := _missing():
        stdout.write(
            "H5P: chưa cài dạng bài {names}, nên bản demo chưa có các hoạt động H5P dùng chúng "
            "(mọi nội dung khác vẫn được nạp). Để cài: khi máy chủ có mạng, chạy "
            "“manage.py h5p_hub_install {names_args}” (hoặc “DEMO_H5P_HUB=1 make run”); khi không "
            "có mạng, quản trị viên tải lên gói thư viện .h5p ở trang quản trị, mục Cài đặt → "
            "Dạng bài H5P. Sau đó chạy lại “manage.py demo_load”.".format(
                names=", ".join(missing), names_args=" ".join(missing)
            )
        )
    return available_versions()


def _h5p_json(activity: dict, versions: dict[str, tuple[int, int]]) -> dict:
    libraries = [activity["library"], *activity.get("children", ())]
    return {
        "title": activity["title"],
        "language": "vi",
        "mainLibrary": activity["library"],
        "embedTypes": ["div"],
        "license": "U",
        "defaultLanguage": "vi",
        "preloadedDependencies": [
            {"machineName": name, "majorVersion": versions[name][0],
             "minorVersion": versions[name][1]}
            for name in dict.fromkeys(libraries)
        ],
    }  # fmt: skip


def _activity(spec: dict, versions: dict[str, tuple[int, int]]) -> H5PActivity:
    def version(name: str) -> str:
        return "{} {}.{}".format(name, *versions[name])

    package = h5p_package_compose(
        h5p_json=_h5p_json(spec, versions), content_json=spec["params"](version)
    )
    activity = H5PActivity.objects.filter(title=spec["title"]).first()
    if activity is None:
        return H5PActivity.objects.create(
            title=spec["title"], package=package, pass_mark=spec["pass_mark"]
        )
    if activity.package_id != package.pk or activity.pass_mark != spec["pass_mark"]:
        activity.package, activity.pass_mark = package, spec["pass_mark"]
        activity.save(update_fields=["package", "pass_mark", "updated_at"])
    return activity


def demo_h5p_blocks(*, stdout, block_id) -> dict[str, list[dict]]:
    """The H5P blocks to place in each lesson (by lesson key): one per demo activity whose
    content types are available. ``block_id(key)`` gives the stable block id."""
    from courses.demo_h5p_activities import ACTIVITIES

    versions = demo_content_types_ensure(stdout=stdout)
    blocks: dict[str, list[dict]] = {}
    for spec in ACTIVITIES:
        if not all(name in versions for name in (spec["library"], *spec.get("children", ()))):
            continue
        activity = _activity(spec, versions)
        blocks.setdefault(spec["lesson"], []).append(
            {
                "type": "h5p",
                "value": {"activity": activity.pk, "required": False, "pass_mark": None,
                          "competences": [], "grading": "best", "allow_unverified": False},
                "id": block_id(f"{spec['lesson']}/h5p/{spec['key']}"),
            }
        )  # fmt: skip
    return blocks


def retired_activity_ids() -> set[int]:
    return set(H5PActivity.objects.filter(title=RETIRED_TITLE).values_list("pk", flat=True))


def retired_activities_delete() -> None:
    """Delete the English test activity of earlier demos, and its package if nothing else uses
    it (its rows and its files); the libraries stay installed."""
    for activity in H5PActivity.objects.filter(title=RETIRED_TITLE).select_related("package"):
        package = activity.package
        activity.delete()
        if not H5PActivity.objects.filter(package=package).exists():
            _delete_folder(package.storage_prefix.rstrip("/"))
            H5PPackage.objects.filter(pk=package.pk).delete()


def _delete_folder(folder: str) -> None:
    try:
        folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    for name in folders:
        _delete_folder(f"{folder}/{name}")

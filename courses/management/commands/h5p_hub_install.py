"""Install or update H5P content types from the H5P Hub, as H5P integrations do.

manage.py h5p_hub_install --list                    what the Hub offers, what is installed
manage.py h5p_hub_install H5P.TrueFalse H5P.Blanks  install these (newest version)
manage.py h5p_hub_install --update                  bring installed content types up to date
manage.py h5p_hub_install --file lib.h5p            install from a library package (offline)
"""

from django.core.management.base import BaseCommand, CommandError

from courses.h5p.content_types import content_type_overview, hub_content_type_install
from courses.h5p.hub import HubUnavailable, hub_content_types
from courses.h5p.intake import H5PValidationError
from courses.h5p.services import h5p_libraries_install

STATUS = {
    "installed": "đã cài",
    "updated": "đã cập nhật",
    "up_to_date": "đã có bản mới nhất",
}


class Command(BaseCommand):
    help = (
        "Cài hoặc cập nhật dạng bài H5P từ H5P Hub, hoặc từ gói thư viện (.h5p) khi không có mạng."
    )

    def add_arguments(self, parser):
        parser.add_argument("machine_names", nargs="*", help="ví dụ H5P.TrueFalse H5P.Blanks")
        parser.add_argument("--list", action="store_true", help="liệt kê dạng bài trên Hub")
        parser.add_argument(
            "--update", action="store_true", help="cập nhật mọi dạng bài đã cài (hoặc đã nêu)"
        )
        parser.add_argument("--file", action="append", default=[], help="gói thư viện .h5p")

    def handle(self, *args, **options):
        try:
            for path in options["file"]:
                self._install_file(path)
            if options["list"]:
                self._list()
            names = list(options["machine_names"])
            if options["update"] and not names:
                names = [row.machine_name for row in content_type_overview(hub_content_types())
                         if row.installed and row.action == "update"]  # fmt: skip
                if not names:
                    self.stdout.write("Mọi dạng bài đã cài đều là bản mới nhất.")
            for name in names:
                outcome = hub_content_type_install(machine_name=name, update=True)
                self.stdout.write(f"{name} {outcome.version}: {STATUS[outcome.status]}.")
            if not (names or options["list"] or options["file"] or options["update"]):
                raise CommandError(
                    "Hãy nêu dạng bài cần cài (ví dụ H5P.TrueFalse), "
                    "hoặc dùng --list, --update, --file."
                )
        except HubUnavailable as error:
            raise CommandError(error.message) from error
        except H5PValidationError as error:
            raise CommandError(error.message) from error

    def _install_file(self, path: str) -> None:
        try:
            with open(path, "rb") as file:
                result = h5p_libraries_install(file=file)
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error.strerror}") from error
        types = ", ".join(str(row) for row in result.content_types) or "không có dạng bài nào"
        self.stdout.write(
            f"{path}: {types}; {len(result.created)} phiên bản thư viện mới được cài."
        )

    def _list(self) -> None:
        for row in content_type_overview(hub_content_types()):
            hub = row.hub.version_text if row.hub else "—"
            have = row.installed.version if row.installed else "chưa cài"
            note = {
                "install": "có thể cài",
                "update": "có bản mới",
                "core": "cần trình phát H5P mới hơn",
                "": "",
            }[row.action]
            line = f"{row.machine_name:40} Hub {hub:10} máy chủ {have:10} {note}"
            self.stdout.write(line.rstrip())

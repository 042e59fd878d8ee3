"""A stand-in for the H5P Hub over real HTTP, so the client's own urllib code runs in tests.

The content-type list is the recorded answer in ``data/hub-content-types.json``; downloads are
library packages built at test time from the libraries of the shared fixture packages
(``library_package_from_fixture``), never from files committed here.
"""

import io
import json
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

from tests.courses.h5p_helpers import FIXTURES

RECORDED_LIST = Path(__file__).parent / "data" / "hub-content-types.json"


def recorded_list() -> dict:
    return json.loads(RECORDED_LIST.read_text())


def library_package_from_fixture(
    fixture: str, main: str, *, patch_bump: int = 0, svg: bytes | None = None
) -> bytes:
    """A library-only package (as the Hub sends): ``h5p.json`` naming ``main`` and every library
    folder of ``fixture`` (a path under ../shared/fixtures), no content/. ``patch_bump`` raises
    the patch version of ``main``'s library.json (a newer release on the Hub)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(FIXTURES / fixture) as source:
        names = [n for n in source.namelist() if "/" in n and not n.startswith("content/")]
        folder = next(n.split("/")[0] for n in names if n.split("/")[0].startswith(main + "-"))
        library = json.loads(source.read(f"{folder}/library.json"))
        library["patchVersion"] += patch_bump
        h5p_json = {
            "title": library["title"],
            "mainLibrary": main,
            "language": "und",
            "embedTypes": ["div"],
            "license": "MIT",
            "preloadedDependencies": [
                {
                    "machineName": main,
                    "majorVersion": library["majorVersion"],
                    "minorVersion": library["minorVersion"],
                }
            ],
        }
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr("h5p.json", json.dumps(h5p_json))
            for name in names:
                if name.endswith("/"):
                    continue
                data = source.read(name)
                if name == f"{folder}/library.json":
                    data = json.dumps(library).encode()
                out.writestr(name, data)
            if svg is not None:
                out.writestr(f"{folder}/icon-extra.svg", svg)
    return buffer.getvalue()


class FakeHub:
    """Serves ``/v1/content-types/`` (POST: ``listing``) and ``/v1/content-types/<name>`` (GET:
    ``downloads[name]``) on 127.0.0.1; records every request in ``requests``."""

    def __init__(self, listing: dict, downloads: dict[str, bytes]):
        self.listing = listing
        self.downloads = downloads
        self.requests: list[tuple[str, str, dict]] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                hub.requests.append(("POST", self.path, form))
                if self.path != "/v1/content-types/":
                    return self._send(404, b"{}", "application/json")
                body = json.dumps(hub.listing).encode()
                return self._send(200, body, "application/json")

            def do_GET(self):
                hub.requests.append(("GET", self.path, {}))
                name = self.path.removeprefix("/v1/content-types/")
                if name not in hub.downloads:
                    return self._send(404, b'{"message":"not found"}', "application/json")
                return self._send(200, hub.downloads[name], "application/zip")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeHub":
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.server.server_close()

    def downloaded(self) -> list[str]:
        return [path for method, path, _form in self.requests if method == "GET"]

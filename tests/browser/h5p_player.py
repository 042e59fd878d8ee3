"""Playing an H5P package in the browser tests: store it as a lesson's activity and open the
lesson as a learner, watch what the page and its frames do, wait for a result."""

import json
import time

from tests.courses.builders import course_build, h5p_block
from tests.factories import PASSWORD

CP = "H5P.CoursePresentation.h5p"


def wait_for(predicate, timeout=20.0, step=0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


class Watch:
    """What the lesson page and its frames did: requests, responses, failures, console lines."""

    def __init__(self, page):
        self.requests, self.responses, self.failed, self.console = [], [], [], []
        page.on("request", lambda r: self.requests.append((r.method, r.url)))
        page.on("response", lambda r: self.responses.append((r.request.method, r.url, r.status)))
        page.on("requestfailed", lambda r: self.failed.append((r.method, r.url, r.failure)))
        page.on("console", lambda m: self.console.append(m.text))

    def violations(self):
        """CSP violations our frame script reported to the lesson page (lesson.js logs them)."""
        found = []
        for line in self.console:
            if line.startswith("cdht:csp "):
                found.append(json.loads(line.removeprefix("cdht:csp ")))
        return found

    def errors(self):
        """Our own errors the frame contained and reported to the lesson page."""
        found = []
        for line in self.console:
            if line.startswith("cdht:error "):
                found.append(json.loads(line.removeprefix("cdht:error ")))
        return found


def play(page, live_server, learner, package: bytes, title="Hoạt động thử"):
    """Store ``package`` as an activity in a lesson, sign in and open the lesson; the frame."""
    from courses.h5p.services import h5p_package_ingest
    from courses.models import H5PActivity

    stored = h5p_package_ingest(file=package, uploaded_by=None)
    activity = H5PActivity.objects.create(title=title, package=stored, pass_mark=80)
    _course, (lesson,) = course_build(lessons=[[h5p_block(activity)]])
    page.goto(f"{live_server.url}/tai-khoan/login/")
    page.fill("input[name=login]", learner.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + lesson.url)
    page.wait_for_selector("iframe.h5p-frame", state="attached", timeout=20000)
    return page.locator("iframe.h5p-frame").first.element_handle().content_frame(), lesson


def libraries_in(params) -> list[str]:
    """Every "library": "H5P.X 1.2" named anywhere in content parameters."""
    found = []
    if isinstance(params, dict):
        if isinstance(params.get("library"), str):
            found.append(params["library"])
        for value in params.values():
            found += libraries_in(value)
    elif isinstance(params, list):
        for value in params:
            found += libraries_in(value)
    return found

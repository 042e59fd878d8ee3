"""``/xapi/about``: the versions this LRS speaks (xAPI 1.0.3 §7.7, 2.0 §About Resource).

No authentication and no version header are needed (the spec asks the LRS not to refuse About
for its version header)."""

from django.conf import settings

from progress.lrs.http import VERSIONS, answer, lrs_view

EXTENSIONS_BASE = "https://congdanhoctap.hcm.vn/xapi/extensions/"


@lrs_view("GET", version_required=False)
def about(request, version):
    extensions = {
        EXTENSIONS_BASE + "lrs": {
            "name": str(settings.WAGTAIL_SITE_NAME),
            "resources": [
                "statements",
                "activities/state",
                "activities/profile",
                "agents/profile",
                "activities",
                "agents",
            ],
        }
    }
    return answer({"version": list(VERSIONS), "extensions": extensions}, version=version)

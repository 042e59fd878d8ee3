from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("", include("progress.urls")),  # first: the busiest endpoint (xAPI), resolved fastest
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tai-khoan/", include("allauth.urls")),
    path("", include("people.urls")),
    path("", include("courses.urls")),
    path("", include("cms.urls")),  # search, sitemap.xml, RSS/Atom feeds
    path("", include("progress.learner_urls")),
    path("", include("certificates.urls")),
    path("", include("cohorts.urls")),
    path("", include("programme.urls")),  # officers' reports (/can-bo/bao-cao/…)
    path("", include("offline.urls")),  # /sw.js, the web app manifest, downloads
    path("", include("certificates.issuing.urls")),  # verification, did.json, issued
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path (home page, articles, courses…); keep it last.
urlpatterns += [path("", include(wagtail_urls))]

"""The administrators' page "Dạng bài H5P" (Settings menu): content types installed here and on
the H5P Hub, install / update from the Hub, and library packages uploaded for offline sites.

Only administrators (``courses.manage_content_types`` in people.permissions). The page never
waits on the Hub when it opens: it shows the list fetched last (kept a day) and asks the Hub
again only when the administrator presses "Tải danh sách từ H5P Hub". Every change is a POST
with Django's CSRF check, and is done by ``courses.h5p.content_types`` / ``services``.
"""

from django import forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.h5p.content_types import content_type_overview, hub_content_type_install
from courses.h5p.hub import CACHE_KEY, HubUnavailable, hub_content_types
from courses.h5p.intake import H5PValidationError
from courses.h5p.library_json import MACHINE_NAME
from courses.h5p.services import h5p_libraries_install
from people.permissions import user_can

ACTION = "courses.manage_content_types"
URL_NAME = "courses_h5p_content_types"


class LibraryPackageForm(forms.Form):
    package = forms.FileField(
        label=gettext_lazy("Gói thư viện H5P (.h5p)"),
        help_text=gettext_lazy(
            "Dùng khi máy chủ không có mạng: tải gói .h5p của dạng bài (từ H5P Hub hoặc một bài "
            "xuất từ công cụ soạn bài) trên máy khác, rồi tải lên đây. Chỉ thư viện được cài, "
            "nội dung bài trong gói không được dùng."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )


class ContentTypesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/h5p_content_types.html"
    page_title = gettext_lazy("Dạng bài H5P")
    header_icon = "media"

    def dispatch(self, request, *args, **kwargs):
        if not user_can(user=request.user, action=ACTION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hub_types = cache.get(CACHE_KEY)
        context["hub_listed"] = hub_types is not None
        context["rows"] = content_type_overview(hub_types)
        context["upload_form"] = kwargs.get("upload_form") or LibraryPackageForm()
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "refresh":
                types = hub_content_types(refresh=True)
                messages.success(
                    request,
                    _("Đã tải danh sách %(count)s dạng bài từ H5P Hub.") % {"count": len(types)},
                )
            elif action == "install":
                self._install(request)
            elif action == "upload":
                return self._upload(request)
            else:
                return redirect(URL_NAME)
        except HubUnavailable as error:
            messages.error(request, error.message)
        except H5PValidationError as error:
            messages.error(request, error.message)
        return redirect(URL_NAME)

    def _install(self, request) -> None:
        name = request.POST.get("machine_name", "")
        if not MACHINE_NAME.match(name):
            messages.error(request, _("Tên dạng bài không hợp lệ."))
            return
        outcome = hub_content_type_install(machine_name=name, update=True)
        texts = {
            "installed": _("Đã cài %(name)s phiên bản %(version)s."),
            "updated": _("Đã cập nhật %(name)s lên phiên bản %(version)s."),
            "up_to_date": _("%(name)s phiên bản %(version)s đã là bản mới nhất."),
        }
        messages.success(
            request, texts[outcome.status] % {"name": name, "version": outcome.version}
        )

    def _upload(self, request):
        form = LibraryPackageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = h5p_libraries_install(file=form.cleaned_data["package"])
            except H5PValidationError as error:
                form.add_error("package", error.message)
            else:
                names = ", ".join(str(row) for row in result.content_types)
                messages.success(
                    request,
                    _("Đã cài từ gói thư viện: %(types)s (%(count)s phiên bản thư viện mới).")
                    % {
                        "types": names or _("không có dạng bài nào"),
                        "count": len(result.created),
                    },
                )
                return redirect(URL_NAME)
        messages.error(request, _("Chưa cài được gói thư viện. Xem lỗi bên dưới."))
        return self.render_to_response(self.get_context_data(upload_form=form), status=400)

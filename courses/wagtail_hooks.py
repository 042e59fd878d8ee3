"""Wagtail admin for courses: the "Hoạt động H5P" snippet, whose form takes a .h5p upload.

The editor either picks a package uploaded before or uploads a new .h5p file; an upload wins
when both are given (that is how an activity gets a new version of its package). The upload is
checked once, in ``clean()`` with the other fields, and stored only in ``save()``, which Wagtail
calls once the whole form and its inline rows (competences) are valid: when intake refuses it,
or any other field or row is wrong, nothing is stored, neither the activity nor any part of the
package, and the unpacked copy is removed.
"""

from django import forms
from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.h5p.services import h5p_package_save
from courses.h5p.validation import H5PValidationError, validate_package
from courses.h5p_admin import ACTION as MANAGE_CONTENT_TYPES
from courses.h5p_admin import URL_NAME as CONTENT_TYPES_URL
from courses.h5p_admin import ContentTypesView
from courses.models.h5p import H5PActivity, H5PPackage
from people.permissions import user_can


class H5PActivityForm(WagtailAdminModelForm):
    package_file = forms.FileField(
        label=_("Gói H5P (.h5p)"),
        required=False,
        help_text=_("Tải lên tệp .h5p xuất từ công cụ soạn bài (ví dụ Lumi hoặc H5P.org)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        package = self.fields["package"]
        package.required = False
        package.label = _("Gói H5P đã tải lên")
        package.help_text = _("Chọn một gói đã có, hoặc tải lên gói mới ở ô bên dưới.")
        package.queryset = H5PPackage.objects.select_related("main_library")

    checked_package = None  # the upload, checked in clean(), stored in save()

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("package_file")
        self._discard_checked_package()
        if upload:
            # Check the file now, with the other fields, so the editor sees every problem at
            # once; store it only in save(), once the form and its inline rows are all valid.
            try:
                self.checked_package = validate_package(upload)
            except H5PValidationError as error:
                self.add_error("package_file", error.message)
        elif not cleaned_data.get("package") and "package" not in self.errors:
            self.add_error(
                "package", _("Hãy chọn một gói H5P đã tải lên hoặc tải lên một tệp .h5p mới.")
            )
        return cleaned_data

    def is_valid(self):
        valid = super().is_valid()  # the form, then the inline rows (ClusterForm)
        if not valid:
            self._discard_checked_package()
        return valid

    def save(self, commit=True):
        """Store the checked upload, if any, with the activity: both or neither."""
        info = self.checked_package
        if info is None:
            return super().save(commit=commit)
        stored = None
        try:
            with transaction.atomic():
                stored = h5p_package_save(info=info, uploaded_by=self.for_user)
                self.instance.package = stored.package
                self.cleaned_data["package"] = stored.package
                return super().save(commit=commit)
        except BaseException:
            if stored is not None:
                stored.discard()
            raise
        finally:
            self._discard_checked_package()

    def _discard_checked_package(self) -> None:
        if self.checked_package is not None:
            self.checked_package.close()
            self.checked_package = None


class H5PActivityViewSet(SnippetViewSet):
    model = H5PActivity
    icon = "media"
    menu_label = _("Hoạt động H5P")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "package", "pass_mark", "updated_at"]
    search_fields = ["title"]

    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("package"),
            FieldPanel("package_file"),
            FieldPanel("pass_mark"),
            InlinePanel("competence_targets", label=_("Năng lực phát triển")),
        ],
        base_form_class=H5PActivityForm,
    )

    def get_queryset(self, request):
        return H5PActivity.objects.select_related("package__main_library")


register_snippet(H5PActivityViewSet)


# --- "Dạng bài H5P" (Settings): content types from the H5P Hub or library packages -------------


class _ContentTypesMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can(user=request.user, action=MANAGE_CONTENT_TYPES)


@hooks.register("register_settings_menu_item")
def register_content_types_menu_item():
    return _ContentTypesMenuItem(
        _("Dạng bài H5P"),
        reverse(CONTENT_TYPES_URL),
        name="h5p-content-types",
        icon_name="media",
        order=900,
    )


@hooks.register("register_admin_urls")
def register_content_types_urls():
    return [path("h5p/dang-bai/", ContentTypesView.as_view(), name=CONTENT_TYPES_URL)]

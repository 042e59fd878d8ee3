"""Wagtail admin for courses: the "Hoạt động H5P" snippet, whose form takes a .h5p upload.

The editor either picks a package uploaded before or uploads a new .h5p file; an upload wins
when both are given (that is how an activity gets a new version of its package). The upload is
checked with the other fields and goes through ``h5p_package_ingest`` only once the whole form is
valid: when intake refuses it, its Vietnamese message is shown on the file field and nothing is
saved, neither the activity nor any part of the package.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.h5p.services import h5p_package_ingest
from courses.h5p.validation import H5PValidationError, validate_package
from courses.models.h5p import H5PActivity, H5PPackage


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

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("package_file")
        if upload:
            # Check the file now, with the other fields, so the editor sees every problem at
            # once; store it only in _post_clean, when the whole form is known to be valid.
            try:
                validate_package(upload)
            except H5PValidationError as error:
                self.add_error("package_file", error.message)
        elif not cleaned_data.get("package") and "package" not in self.errors:
            self.add_error(
                "package", _("Hãy chọn một gói H5P đã tải lên hoặc tải lên một tệp .h5p mới.")
            )
        return cleaned_data

    def _post_clean(self):
        """After the model's own validation (pass mark 0–100, …): store the upload, if any."""
        super()._post_clean()
        upload = self.cleaned_data.get("package_file")
        if not upload or self.errors:
            return
        try:
            package = h5p_package_ingest(file=upload, uploaded_by=self.for_user)
        except H5PValidationError as error:
            self.add_error("package_file", error.message)
        else:
            self.cleaned_data["package"] = self.instance.package = package


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

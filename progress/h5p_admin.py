"""Wagtail admin: an editor who saves an H5P activity is told when the server can't check its
results (``progress.checking.explain``), so they know before choosing how the lesson counts it."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.models import H5PActivity
from progress.checking.explain import h5p_check_explanation, h5p_check_note


def activity_check_warning(request, instance):
    """After an H5P activity is created or edited: a warning when its results can't be checked."""
    if not isinstance(instance, H5PActivity) or instance.package_id is None:
        return None
    package = instance.package
    reason = h5p_check_explanation(
        main_library=package.main_library.machine_name, content_json=package.content_json
    )
    if reason:
        messages.warning(
            request,
            _(
                "Máy chủ không chấm lại được kết quả của hoạt động «%(title)s». %(reason)s Kết "
                "quả học viên gửi lên sẽ ở trạng thái «Chưa kiểm tra được» và không được tính là "
                "đạt, trừ khi khối hoạt động trong bài học bật «Chấp nhận kết quả máy chủ không "
                "kiểm tra được»."
            )
            % {"title": instance.title, "reason": reason},
        )
        return None
    note = h5p_check_note(
        main_library=package.main_library.machine_name, content_json=package.content_json
    )
    if note:
        messages.info(request, note)
    return None


hooks.register("after_create_snippet", activity_check_warning)
hooks.register("after_edit_snippet", activity_check_warning)

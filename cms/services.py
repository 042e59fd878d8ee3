"""Writes for the outreach site: the editorial set-up (who edits, who publishes)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Editors"
MODERATORS = "Moderators"
# Wagtail's migrations call it "Moderators approval"; cms/migrations/0004 renames it.
WORKFLOW_NAME = "Ban biên tập duyệt"
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: ["add_image", "choose_image", "add_document", "choose_document"],
    MODERATORS: [
        "add_image", "change_image", "choose_image", "delete_image",
        "add_document", "change_document", "choose_document", "delete_document",
    ],
}  # fmt: skip
# The "Hoạt động H5P" snippet: courses/migrations/0008 grants the same.
H5P_ACTIVITY = ["add_h5pactivity", "change_h5pactivity", "view_h5pactivity"]
MODEL_PERMISSIONS = {
    EDITORS: H5P_ACTIVITY,
    MODERATORS: [
        "add_articlecategory",
        "change_articlecategory",
        "delete_articlecategory",
        *H5P_ACTIVITY,
        "delete_h5pactivity",
    ],
}


def _permission(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


@transaction.atomic
def editorial_setup() -> Workflow:
    """Make sure Wagtail's editorial roles and moderation are in place, as Wagtail's own
    migrations create them (a flushed or hand-made database may have lost them):

    - "Editors" (the editor role: people.services gives it) may create and edit pages, upload
      images and documents, and *submit* pages for moderation, but not publish;
    - "Moderators" (administrators; superusers pass anyway) may also publish and approve;
    - the "Ban biên tập duyệt" workflow (one task: a Moderators member approves) covers the
      whole tree. Scheduled go-live and expiry are Wagtail's ("Đặt lịch đăng" in the editor's
      "Trạng thái" panel), carried out by ``manage.py publish_scheduled`` run every few
      minutes (cron or a task worker).

    Also puts back the root collection of images and documents when it is missing.
    Idempotent; changes nothing that is already there. Returns the workflow on the root page.
    """
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        group.permissions.add(*[_permission(codename) for codename in MODEL_PERMISSIONS[name]])
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_permission(codename)
            )
        for codename in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(codename)
            )
    assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if assigned is not None:
        return assigned.workflow
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, active=True)
    task.groups.add(groups[MODERATORS])
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not workflow.workflow_tasks.exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=root, workflow=workflow)
    return workflow

"""Keep cached lesson plans (courses.plans) true to the content: any change to a course page,
an H5P activity or package, or the competence framework, and any publish, unpublish or move of
a page, makes the next statement rebuild them. Connected in CoursesConfig.ready."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.plans import plans_invalidate


@receiver(post_save, dispatch_uid="courses.plans.saved")
@receiver(post_delete, dispatch_uid="courses.plans.deleted")
def content_changed(sender, **kwargs):
    if sender._meta.app_label == "courses":
        plans_invalidate()


@receiver(page_published, dispatch_uid="courses.plans.published")
@receiver(page_unpublished, dispatch_uid="courses.plans.unpublished")
@receiver(post_page_move, dispatch_uid="courses.plans.moved")
def page_changed(sender, **kwargs):
    plans_invalidate()

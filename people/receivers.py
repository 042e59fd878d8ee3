"""Signal receivers of people/, connected in PeopleConfig.ready: a saved or deleted user is
loaded from the database again by every process (people.auth_backends)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from people.auth_backends import users_cache_forget


@receiver(post_save, sender=get_user_model(), dispatch_uid="people.users.saved")
@receiver(post_delete, sender=get_user_model(), dispatch_uid="people.users.deleted")
def user_changed(sender, **kwargs):
    users_cache_forget()

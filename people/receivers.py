"""Signal receivers of people/, connected in PeopleConfig.ready: a saved or deleted user is
loaded from the database again by every process (people.auth_backends), except after a save of
``last_login`` alone (every login), which changes nothing the cached user is used for."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from people.auth_backends import user_cache_forget

LOGIN_ONLY = frozenset({"last_login"})


@receiver(post_save, sender=get_user_model(), dispatch_uid="people.users.saved")
@receiver(post_delete, sender=get_user_model(), dispatch_uid="people.users.deleted")
def user_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and frozenset(update_fields) == LOGIN_ONLY:
        return
    user_cache_forget(user_id=instance.pk)

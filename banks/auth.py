"""The authentication backend: Django's ModelBackend, with the user's role read in the same query that loads
the user on every request, so the nav can show "Banks" to instructors without a query of its own."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef

from .roles import INSTRUCTORS_GROUP


class RoleAwareBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            # ModelBackend is listed after this one only for sessions that already name it (begun at sign-up before
            # sign-up logged in through this backend); letting Django ask it too would repeat the same query for the
            # same answer.
            raise PermissionDenied
        return user

    def get_user(self, user_id):
        User = get_user_model()
        membership = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=INSTRUCTORS_GROUP)
        try:
            user = User._default_manager.annotate(in_instructors_group=Exists(membership)).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

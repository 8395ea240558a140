"""The authentication backend: Django's ModelBackend, with the user's role read in the same query that loads
the user on every request, so the nav can show "Banks" to instructors without a query of its own. Log-in takes the
username in any case, as sign-up does when it refuses "Alice" because "alice" exists."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef

from .roles import INSTRUCTORS_GROUP


class RoleAwareBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        user = None
        if username is not None and password is not None:
            user = self.user_named(username)
            if user is None:
                # As ModelBackend does: run the hasher anyway, so an unknown username takes as long to refuse as a
                # wrong password and does not tell an attacker which usernames exist.
                User().set_password(password)
            elif not (user.check_password(password) and self.user_can_authenticate(user)):
                user = None
        if user is None:
            # ModelBackend is listed after this one only for sessions that already name it (begun at sign-up before
            # sign-up logged in through this backend); letting Django ask it too would repeat the same query for the
            # same answer.
            raise PermissionDenied
        return user

    def user_named(self, username: str):
        """The user with this username in any case. Accounts made before sign-up refused a name differing only in
        case may share one: the exact spelling wins, and with none, a name that fits several fits nobody. The match
        is by case folding, the same key django-axes counts failures against (`login_attempt_username`): the
        database's own case-insensitive match also takes "alıce" (dotless i) for "alice", which would give every
        such spelling its own count of tries."""
        User = get_user_model()
        folded = username.casefold()
        users = [user for user in User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": username})
                 if user.get_username().casefold() == folded]
        exact = [user for user in users if user.get_username() == username]
        if exact:
            return exact[0]
        return users[0] if len(users) == 1 else None

    def get_user(self, user_id):
        User = get_user_model()
        membership = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=INSTRUCTORS_GROUP)
        try:
            user = User._default_manager.annotate(in_instructors_group=Exists(membership)).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def login_attempt_username(request, credentials: dict | None = None) -> str | None:
    """The username django-axes counts a log-in's failures against (AXES_USERNAME_CALLABLE): case-folded, since
    log-in ignores case, so "ALICE", "Alice" and "alice" share one count and one lockout instead of five tries each."""
    data = credentials if credentials else getattr(request, "data", request.POST)
    username = data.get(settings.AXES_USERNAME_FORM_FIELD)
    return username.casefold() if isinstance(username, str) else username

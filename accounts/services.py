from datetime import timedelta

from axes.helpers import get_client_username, get_credentials
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .demo import DEMO_PASSWORD, DEMO_USERNAME

PURGE_BATCH = 500


def demo_user_ensure():
    """Create the demo candidate, or reset its password so the printed credentials always work."""
    user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the account with everything of it.

    Rows that belong to the user (sessions, answers, grades, review cards, checklist ticks, ...) cascade; columns
    that only credit the user as an author (a staff member's human grades, questions written) are set to null.
    """
    user.delete()


@transaction.atomic
def user_email_set(*, user, email: str) -> None:
    """Give the account a new e-mail address, the one a password reset is sent to. Reset links already sent to the
    old address stop working, as Django's reset token covers the address. The caller has checked that no other
    account has it (accounts.forms.account_email_clean)."""
    user.email = email
    # The model's own checks, the address normalised as at sign-up; the rest of the row is not this change's business.
    user.full_clean(exclude=[field.name for field in user._meta.fields if field.name != "email"],
                    validate_unique=False, validate_constraints=False)
    user.save(update_fields=["email"])


def login_lockout_clear(*, user) -> int:
    """Forget the user's failed log-ins (django-axes), which ends a lockout of their username from every network.
    For a password reset: whoever set the new password holds the account's mailbox. Returns how many records went."""
    # The name axes counts failures against (AXES_USERNAME_CALLABLE: case-folded), not the one stored.
    return axes_reset(username=get_client_username(None, get_credentials(user.get_username())))


def answer_texts_purge(*, older_than_days: int) -> int:
    """Blank the text of graded answers submitted more than `older_than_days` ago, the quotes of it kept as
    evidence in the grade's rubric verdicts, and an exercise answer's code and test output; scores, verdicts, test
    counts and feedback stay. 0 keeps every text.

    Answers still queued, grading or failed keep their text: they may yet be graded. Running it again only touches
    answers that have crossed the line since. Returns how many answers were blanked.
    """
    from practice.exercises.models import CodeSubmission
    from practice.models import Answer, Grade  # here: scripts/bench.py imports the demo credentials before setup

    if older_than_days <= 0:
        return 0
    cutoff = timezone.now() - timedelta(days=older_than_days)
    stale = Answer.objects.filter(status=Answer.Status.GRADED, submitted_at__lt=cutoff).exclude(text="")
    blanked = 0
    while batch := list(stale.values_list("pk", flat=True)[:PURGE_BATCH]):
        with transaction.atomic():
            grades = list(Grade.objects.filter(answer_id__in=batch).only("pk", "items"))
            for grade in grades:
                grade.items = [{**item, "evidence": ""} for item in grade.items]
            Grade.objects.bulk_update(grades, ["items"])
            CodeSubmission.objects.filter(answer_id__in=batch).update(code="", results={})
            blanked += Answer.objects.filter(pk__in=batch).update(text="")
    return blanked


ROLES = ("admin", "staff", "instructor")


@transaction.atomic
def user_role_set(*, user, role: str, granted: bool) -> None:
    """Grant or revoke a role. Admins are superusers (and staff: the admin site needs it); staff moderate imports
    and see grader quality; instructors are the members of the Instructors group, who curate question banks.

    Revoking staff from an admin revokes admin too, as a superuser who is not staff cannot reach the admin site.
    """
    from banks.roles import INSTRUCTORS_GROUP  # accounts sits below banks; the group is created by its migration

    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    if role == "instructor":
        group = Group.objects.get(name=INSTRUCTORS_GROUP)
        (user.groups.add if granted else user.groups.remove)(group)
        return
    if granted:
        user.is_staff = True
        user.is_superuser = user.is_superuser or role == "admin"
    else:
        user.is_superuser = False
        user.is_staff = user.is_staff and role == "admin"
    user.save(update_fields=["is_staff", "is_superuser"])

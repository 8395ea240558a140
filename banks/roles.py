"""Who may do what. Candidates are every signed-up user; instructors are the members of the "Instructors" group
(created with its permissions by a data migration); admins are staff."""

from django.core.exceptions import PermissionDenied

INSTRUCTORS_GROUP = "Instructors"
# (app_label, codename) pairs the group holds; the data migration and the tests build the group from this list.
INSTRUCTOR_PERMISSIONS = [
    ("banks", "add_bank"), ("banks", "change_bank"), ("banks", "view_bank"),
    ("banks", "add_bankquestion"), ("banks", "change_bankquestion"), ("banks", "delete_bankquestion"),
    ("banks", "view_bankquestion"),
    ("questions", "add_question"), ("questions", "change_question"), ("questions", "view_question"),
    ("questions", "add_rubricitem"), ("questions", "change_rubricitem"), ("questions", "delete_rubricitem"),
    ("questions", "view_rubricitem"), ("questions", "view_questionrevision"),
]


def instructors_group(apps):
    """The Instructors group with exactly its permissions; `apps` is the migration's or django.apps.apps."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=INSTRUCTORS_GROUP)
    permissions = [Permission.objects.get(content_type__app_label=app_label, codename=codename)
                   for app_label, codename in INSTRUCTOR_PERMISSIONS]
    group.permissions.set(permissions)
    return group


def is_instructor(user) -> bool:
    return user.is_authenticated and user.is_active and (user.is_staff or user.has_perm("banks.add_bank"))


def require_instructor(user) -> None:
    """Candidates get 403: the page exists, but not for them."""
    if not is_instructor(user):
        raise PermissionDenied(
            "Question banks are for instructors: people who write question sets and share them with their candidates. "
            "An administrator of this site gives an account the instructor role. As a candidate you can practise "
            "any bank an instructor shares with you through its link, listed under Shared banks."
        )


def require_staff(user) -> None:
    if not (user.is_active and user.is_staff):
        raise PermissionDenied(
            "These pages are for staff, who review imported questions before they are published and check the "
            "grader against people's grades. An administrator of this site gives an account staff access."
        )

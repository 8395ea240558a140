"""The logged-in home page's "next best step": what a candidate could do now, most useful first, in a fixed
number of queries."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery

from playbook.models import InterviewLoop
from practice.models import MockLoop, PracticeSession, SessionQuestion

from .selectors import Dashboard, ReviewCounts, TrackCategory, profile_of, review_counts

# Sessions older than the latest this many are not offered to continue.
UNFINISHED_LOOKBACK = 20


@dataclass
class NextSteps:
    reviews: ReviewCounts
    unfinished: PracticeSession | None
    track_name: str | None
    weakest: TrackCategory | None
    unfinished_mock: MockLoop | None
    loop_to_try: InterviewLoop | None

    @property
    def first(self) -> str:
        """The step the page leads with: due reviews, then an unfinished session, then practice, then a loop."""
        if self.reviews.due:
            return "reviews"
        if self.unfinished is not None:
            return "continue"
        if self.weakest is not None:
            return "weakest"
        return "mock"


def unfinished_session(*, user) -> PracticeSession | None:
    """The latest opened session with a question still open, with the position of its first open question. Only
    the latest UNFINISHED_LOOKBACK opened sessions are looked at, so a long history costs nothing more."""
    latest = PracticeSession.objects.owned_by(user).opened().order_by("-created_at", "-pk").values("pk")
    open_items = SessionQuestion.objects.filter(
        session=OuterRef("pk"), follow_up_of__isnull=True, answer__isnull=True, skipped_at__isnull=True
    )
    return (
        PracticeSession.objects.filter(pk__in=Subquery(latest[:UNFINISHED_LOOKBACK])).with_titles()
        .annotate(first_open=Subquery(open_items.order_by("position").values("position")[:1]))
        .filter(first_open__isnull=False)
        .exclude(mock_round__finished_at__isnull=False)  # a finished round's open questions stay unanswered
        .order_by("-created_at", "-pk")
        .first()
    )


def mock_to_continue(*, user) -> MockLoop | None:
    """The newest open loop (one the candidate ended is not open); /practice/mock/ lists the others."""
    return (
        MockLoop.objects.owned_by(user).open()
        .select_related("loop", "level").order_by("-created_at", "-pk").first()
    )


def loop_to_try(*, user) -> InterviewLoop | None:
    """A loop that can be rehearsed, one the candidate has not rehearsed yet if there is one."""
    tried = Exists(MockLoop.objects.filter(user=user, loop=OuterRef("pk")))
    return (
        InterviewLoop.objects.filter(rounds__categories__isnull=False).annotate(tried=tried)
        .order_by("tried", "position", "company").first()
    )


def next_steps_for(*, user) -> NextSteps:
    profile = profile_of(user=user)
    track = profile.target_role_track if profile else None
    weakest = Dashboard(user=user, profile=profile).track_categories[:1] if track else []
    unfinished_mock = mock_to_continue(user=user)
    return NextSteps(
        reviews=review_counts(user=user),
        unfinished=unfinished_session(user=user),
        track_name=track.name if track else None,
        weakest=weakest[0] if weakest else None,
        unfinished_mock=unfinished_mock,
        loop_to_try=None if unfinished_mock else loop_to_try(user=user),
    )

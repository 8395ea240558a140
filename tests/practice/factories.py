import factory

from practice.models import SessionQuestion
from tests.factories import AnswerFactory, GradeFactory, SessionQuestionFactory


class FollowUpFactory(SessionQuestionFactory):
    """The interviewer's follow-up to `follow_up_of`: in its session, on its question, with no position of its own."""

    class Meta:
        model = SessionQuestion
        skip_postgeneration_save = True

    follow_up_of = factory.SubFactory(SessionQuestionFactory)
    session = factory.SelfAttribute("follow_up_of.session")
    question = factory.SelfAttribute("follow_up_of.question")
    position = None
    follow_up_prompt = "What would you give up for that?"
    focus_kind = "trade_off"
    focus_text = "Memory against throughput"


def graded(item: SessionQuestion, overall: str, **grade) -> None:
    """An answer to `item` graded `overall`."""
    GradeFactory(answer=AnswerFactory(session_question=item, status="graded"), overall=overall, **grade)

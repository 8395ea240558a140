import factory
from django.contrib.auth import get_user_model
from django.db.models import F

from playbook.models import Category, Level, RoleTrack
from practice.models import Answer, Grade, PracticeSession, SessionQuestion
from questions.markdown import render_markdown
from questions.models import Question, RubricItem


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"candidate{n}")
    password = factory.PostGenerationMethodCall("set_password", "a-strong-passphrase")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["key"]

    key = "llm-rag"
    name = "LLM engineering & RAG"
    summary = "Building on language models."


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level
        django_get_or_create = ["key"]

    key = "senior"
    name = "Senior"
    emphasis = "Trade-offs and failure modes."


class RoleTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleTrack
        django_get_or_create = ["key"]

    key = "llm-app"
    name = "LLM application engineer"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"question-{n}")
    title = factory.Sequence(lambda n: f"How does the KV cache work? ({n})")
    prompt = "Explain what the **KV cache** is and why it matters for LLM inference."
    category = factory.SubFactory(CategoryFactory)
    status = Question.Status.PUBLISHED
    model_answer = "The KV cache stores the keys and values of past tokens so decoding skips recomputing them."
    # As the services do: the HTML is rendered when the text is saved.
    prompt_html = factory.LazyAttribute(lambda question: render_markdown(question.prompt))
    model_answer_html = factory.LazyAttribute(lambda question: render_markdown(question.model_answer))
    source_kind = Question.SourceKind.RESEARCH
    source_note = "002_479405e563a4d40b.txt: LLM fundamentals checklist"

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if create:
            obj.levels.set(extracted if extracted is not None else [LevelFactory()])

    @factory.post_generation
    def role_tracks(obj, create, extracted, **kwargs):
        if create:
            obj.role_tracks.set(extracted if extracted is not None else [RoleTrackFactory()])

    @factory.post_generation
    def rubric(obj, create, extracted, **kwargs):
        if not create:
            return
        items = extracted if extracted is not None else [
            ("key_point", "Explains that the KV cache stores the keys and values of previous tokens"),
            ("key_point",
             "Notes that decoding then computes attention only for the new token instead of the whole prefix"),
            ("key_point", "Says cache memory grows with sequence length and batch size"),
            ("trade_off", "Weighs GPU memory used by the cache against throughput and batch size"),
            ("failure_mode", "Warns that running out of GPU memory causes evictions or out-of-memory errors"),
        ]
        RubricItem.objects.bulk_create(
            RubricItem(question=obj, kind=kind, text=text, position=i) for i, (kind, text) in enumerate(items)
        )


class PracticeSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeSession

    user = factory.SubFactory(UserFactory)
    category = factory.SubFactory(CategoryFactory)
    level = factory.SubFactory(LevelFactory)
    role_track = None


class SessionQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionQuestion
        skip_postgeneration_save = True

    session = factory.SubFactory(PracticeSessionFactory)
    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def counted(item, create, extracted, **kwargs):
        """As session_of_questions does, the session counts its questions (follow-ups are not questions)."""
        if create and item.position is not None:
            PracticeSession.objects.filter(pk=item.session_id).update(question_count=F("question_count") + 1)
            item.session.question_count += 1


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    session_question = factory.SubFactory(SessionQuestionFactory)
    user = factory.SelfAttribute("session_question.session.user")
    question = factory.SelfAttribute("session_question.question")
    text = "The KV cache keeps keys and values of earlier tokens so each decode step only attends for the new token."
    time_spent_seconds = 95


class GradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grade
        skip_postgeneration_save = True

    answer = factory.SubFactory(AnswerFactory, status=Answer.Status.GRADED)
    grader = "offline"
    prompt_version = "offline-1"
    rubric_version = 1
    overall = "3.5"
    key_points = "4.0"
    trade_offs = "2.5"
    failure_modes = "2.5"
    clarity = "5.0"
    clarity_verdict = "clear"
    feedback = "You covered 3 of 5 rubric points."
    items = factory.LazyFunction(lambda: [
        {"kind": "key_point", "text": "Stores keys and values", "verdict": "covered", "evidence": "keeps keys",
         "note": ""},
        {"kind": "trade_off", "text": "Memory against throughput", "verdict": "missed", "evidence": "", "note": ""},
    ])

    @factory.post_generation
    def rollups(grade, create, extracted, **kwargs):
        """As the grading service does, count the grade in its candidate's progress rollups."""
        if create:
            from django.db import transaction

            from progress.rollups import progress_record_grade

            with transaction.atomic():  # the service runs in the grade's transaction; a live-server test has none
                progress_record_grade(grade=grade, answer=grade.answer)

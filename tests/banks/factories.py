import factory

from banks.models import Bank, BankQuestion
from questions.markdown import render_markdown
from tests.factories import QuestionFactory, UserFactory


class BankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bank

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"RAG course, week {n}")
    description = "Questions for **week one**."
    description_html = factory.LazyAttribute(lambda bank: render_markdown(bank.description))
    visibility = Bank.Visibility.LINK


class BankQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BankQuestion

    bank = factory.SubFactory(BankFactory)
    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n)

from moderation.splitting import company_in, list_questions, role_in, split_post
from tests.moderation.samples import REDDIT_POST


def test_a_numbered_list_gives_its_items_that_ask_something():
    post = f"{REDDIT_POST['title']}\n\n{REDDIT_POST['selftext']}"
    assert split_post(post) == [
        "How would you design a feed ranking system for a billion users?",
        "What is the difference between L1 and L2 regularisation?",
    ]


def test_bullets_and_q_markers_are_list_items_too():
    text = ("- Explain how attention scales with sequence length\n* Why do we need positional encodings?\n"
            "Q3: Design a feature store")
    assert list_questions(text) == ["Explain how attention scales with sequence length",
                                    "Why do we need positional encodings?", "Design a feature store"]


def test_without_a_list_the_sentences_that_ask_are_the_questions():
    text = "Had my Anthropic screen today. What is RAG? And when would you not use it? Went fine overall."
    assert split_post(text) == ["What is RAG?", "When would you not use it?"]


def test_a_lead_in_is_dropped_from_a_task():
    assert split_post("Asked at Google today: design a rate limiter for an LLM API. Brutal.") == [
        "Design a rate limiter for an LLM API."]


def test_questions_to_the_community_are_not_interview_questions():
    assert split_post("Got the offer! Has anyone else interviewed at Stripe? Any tips? Should I negotiate?") == []


def test_abbreviations_do_not_cut_a_question_short():
    assert split_post("What is an i.i.d. sample? Why does I/O dominate latency here?") == [
        "What is an i.i.d. sample?", "Why does I/O dominate latency here?"]


def test_the_company_and_the_most_specific_role_are_read_from_the_post():
    text = "Meta MLE loop: onsite for a Senior ML Engineer role"
    assert (company_in(text), role_in(text)) == ("Meta", "Senior ML Engineer")
    assert (company_in("a metadata question"), role_in("no role here")) == ("", "")
    assert company_in("Asked at Facebook") == "Meta"

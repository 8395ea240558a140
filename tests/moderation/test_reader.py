"""The offline post reader, one failure kind of the old splitter at a time."""

import textwrap

import pytest

from moderation.extraction import rules
from moderation.extraction.rules import read


def questions(post: str) -> list[str]:
    return [question.text for question in read(post).questions]


# --- questions that are not interview questions --------------------------------------------------------------


def test_questions_to_the_community_and_rhetorical_ones_are_not_interview_questions():
    post = ("Meta onsite yesterday. They asked me to design a feed ranking system. What would you do? Any advice? "
            "Forever a fraud? Should I follow up with the recruiter?")
    assert questions(post) == ["Design a feed ranking system."]


def test_a_quoted_remark_is_not_a_question_but_a_quoted_interview_question_is():
    post = ('Stripe phone screen today. The interviewer asked me: "How would you detect card fraud in real time?" '
            'When I answered he said "really?" and moved on.')
    assert questions(post) == ["How would you detect card fraud in real time?"]


def test_questions_the_candidate_asked_the_interviewer_are_not_reported_questions():
    post = ("Some questions I asked at my Amazon bar raiser interview\n\n"
            "1. What qualities do you see in candidates who raise the bar?\n"
            "2. Has there been a time you advocated for a candidate?")
    assert read(post).reports_interview is False


def test_salary_and_logistics_are_not_interview_questions():
    post = ("The recruiter asked about my salary expectations and then asked if I needed visa sponsorship. "
            "I asked if there was equity. I ended the call.")
    assert read(post).reports_interview is False


# --- reported speech ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence,question", [
    ("They asked if I had experience with agentic AI.", "Do you have experience with agentic AI?"),
    ("Then I got asked how I'd evaluate a RAG pipeline.", "How would you evaluate a RAG pipeline?"),
    ("The second round was about KV caching.", "Explain KV caching."),
    ("The interviewer asked whether RAG was better than fine-tuning for fresh data.",
     "Is RAG better than fine-tuning for fresh data?"),
    ("He asked me what the difference between top-k and top-p sampling is.",
     "What is the difference between top-k and top-p sampling?"),
    ("She asked how I handled a model that drifted in production.",
     "How did you handle a model that drifted in production?"),
    ("They wanted me to design a rate limiter for an LLM API.", "Design a rate limiter for an LLM API."),
    ("The system design question was about a semantic cache.", "Design a semantic cache."),
    ("I got asked how I'd evaluate a RAG pipeline in my Anthropic interview.",
     "How would you evaluate a RAG pipeline?"),
    ("They asked me if I had used LangChain during the phone screen.", "Have you used LangChain?"),
    ("I was asked to clone a graph.", "Clone a graph."),
    ("Then I get asked about multithreading, said I knew about deadlocks in theory.", "Explain multithreading."),
])
def test_reported_speech_becomes_a_direct_question(sentence, question):
    assert questions(f"Google MLE onsite last week. {sentence} Went fine.") == [question]


def test_a_task_and_a_question_after_one_asking_verb_are_two_questions():
    post = "Meta MLE onsite. They asked me to design a recommendation system and how I'd handle cold start."
    assert questions(post) == ["Design a recommendation system.", "How would you handle cold start?"]
    told = "Meta MLE onsite. I was asked to talk about my background and how I got into CS."
    assert questions(told) == ["Talk about your background."]
    pronoun = "Meta MLE onsite. They asked me to design a cache and how I'd invalidate it."
    assert questions(pronoun) == ["Design a cache.", "How would you invalidate the cache?"]
    process = "Meta MLE onsite. They asked me to design a chat system and how I heard about the role."
    assert questions(process) == ["Design a chat system."]


def test_tasks_listed_after_one_asking_verb_are_one_question_each():
    post = ("In one phone screen I had to explain what a BST was, implement algo to check if tree is BST, explain LRU "
            "cache, implement it, then design Twitter timeline.")
    assert questions(post) == ["Explain what a BST is.", "Implement algo to check if tree is BST.",
                               "Explain LRU cache.", "Implement LRU cache.", "Design Twitter timeline."]


def test_a_task_that_takes_several_steps_stays_one_question():
    post = "Google onsite. They asked me to write a function that takes a list, sorts it and returns the median."
    assert questions(post) == ["Write a function that takes a list, sorts it and returns the median."]


def test_tasks_the_poster_asked_for_are_not_the_interviewers():
    post = "Had a Citadel interview. I asked them to explain the team structure, describe on-call, then list the stack."
    assert questions(post) == []


def test_setting_up_the_call_is_not_a_task():
    post = "Google onsite. The recruiter asked me to test the camera, then check my internet connection."
    assert questions(post) == []
    explained = "Google onsite. I had to explain what idempotency was, then implement it."
    assert questions(explained) == ["Explain what idempotency is.", "Implement idempotency."]


@pytest.mark.parametrize("sentence,question", [
    ("They asked me to explain what happens in the event loop.", "Explain what happens in the event loop."),
    ("I was asked how I'd cut latency on the calls.", "How would you cut latency on the calls?"),
    ('They asked me "What would you improve in our onboarding calls?"',
     "What would you improve in our onboarding calls?"),
    ('They asked me "How do you reduce echo on a phone call?"', "How do you reduce echo on a phone call?"),
])
def test_words_that_name_a_place_inside_a_question_stay_in_it(sentence, question):
    assert questions(f"Google onsite. {sentence}") == [question]


def test_a_question_labelled_q_in_an_interview_post_is_read():
    post = "Google L5 ML interview today. Q: How would you design a recommendation system for YouTube Shorts?"
    assert questions(post) == ["How would you design a recommendation system for YouTube Shorts?"]
    assert read("Interview at Meta next week. Q: what should I expect? Any advice?").reports_interview is False
    assert read("Meta onsite tomorrow.\nQ: What is the best way to prepare for ML system design?").reports_interview \
        is False
    assert read("Prepping for my Amazon interview. Q: how would you explain backpropagation to a PM? Any tips?") \
        .reports_interview is False
    mixed = "Meta screen today. They asked how I would evaluate a RAG pipeline and then: what a KV cache is."
    assert questions(mixed)[0] == "How would you evaluate a RAG pipeline?"


def test_being_asked_to_interview_is_an_invitation_not_a_question():
    post = ("Is citadel legit?\nI got asked to do an interview there and I've never heard of it before. Have any of "
            "y'all had experience there? What should I expect for the interview?")
    assert read(post).reports_interview is False
    assert questions("Meta onsite. I was asked to design a feed, then asked to come back for another round.") == [
        "Design a feed."]
    assert questions("Google onsite. They asked me to do a system design round: design Twitter.") == [
        "Design Twitter."]
    assert read("The interviewer asked me to take a call with the hiring manager and then asked how I'd design "
                "Outlook.").reports_interview


def test_a_round_about_several_topics_gives_one_question_each():
    assert questions("Had my Cohere screen. The questions were about quantization, LoRA and speculative decoding.") == [
        "Explain quantization.", "Explain LoRA.", "Explain speculative decoding."]


def test_each_question_keeps_its_span_of_the_post():
    post = "Anthropic onsite.\n\nThey asked if I had experience with agentic AI, and then moved on."
    [question] = read(post).questions
    assert post[question.start:question.end] == question.evidence == "asked if I had experience with agentic AI"


# --- lists and titles -----------------------------------------------------------------------------------------------


def test_a_list_of_questions_without_question_marks_is_read_item_by_item():
    post = ("Amazon L5 phone screen questions:\n"
            "1. Difference between bagging and boosting\n"
            "2. Design a recommendation system for Prime Video (45 mins)\n"
            "- KV caching\n"
            "- How does attention scale with sequence length")
    assert questions(post) == ["What is the difference between bagging and boosting?",
                               "Design a recommendation system for Prime Video.", "Explain KV caching.",
                               "How does attention scale with sequence length?"]
    assert read(post).level == "senior" and read(post).round == "phone screen"


def test_a_question_in_the_title_but_not_the_body_is_read():
    post = "Asked at my Microsoft interview: what is the difference between L1 and L2 regularisation?\n\nBlanked."
    assert questions(post) == ["What is the difference between L1 and L2 regularisation?"]


def test_a_list_of_what_the_poster_did_is_not_a_list_of_questions():
    post = ("Just had my onsite. What I prepared:\n- Implemented papers from scratch\n- Kaggle rankings\n"
            "Nothing of it came up.")
    assert questions(post) == []


# --- posts that report nothing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("post,reason", [
    ("I have an interview at Meta next week for an MLE role. What should I expect? Will they ask about "
     "transformers?", "asks for help before an interview"),
    ("We're hiring a Senior ML Engineer! Requirements: 5 years of Python. How would you like to work on LLMs? "
     "Apply here.", "a job ad"),
    ("OpenAI announced a new reasoning model today. How will this change ML interviews?", "news"),
    ("I've interviewed 100+ ML engineers this year. Can you deploy a model so customers can use it? That is what "
     "matters.", "written from the interviewer's side, or lists the poster's own questions"),
])
def test_help_requests_job_ads_news_and_the_interviewers_side_report_no_questions(post, reason):
    reading = read(post)
    assert (reading.reports_interview, reading.questions, reading.reason) == (False, [], reason)


def test_a_rant_about_an_interview_that_names_no_question_reports_none():
    reading = read("Bombed my Stripe interview. Forever a fraud? I froze the whole time.")
    assert reading.reports_interview is False and "names no question" in reading.reason


def test_who_asked_is_read_from_the_post():
    reading = read("Senior ML Engineer onsite at Mistral. They asked how I'd shard a vector index.")
    assert (reading.company, reading.role, reading.level, reading.round) == (
        "Mistral AI", "Senior ML Engineer", "senior", "onsite")


def test_without_a_list_the_sentences_that_ask_are_the_questions_and_abbreviations_do_not_cut_them():
    post = ("Had my Anthropic screen today. What is RAG? And when would you not use it? What is an i.i.d. sample? "
            "Went fine overall.")
    assert questions(post) == ["What is RAG?", "When would you not use it?", "What is an i.i.d. sample?"]


def test_a_lead_in_is_dropped_from_a_task():
    assert questions("Asked at Google today: design a rate limiter for an LLM API. Brutal.") == [
        "Design a rate limiter for an LLM API."]


# --- kinds measured on the dev set (tests/data/import_dev), each on a post written for the test --------------------


def test_a_list_under_a_line_that_speaks_to_the_community_is_the_posters_own_questions():
    post = ("Cohere ML engineer onsite done, waiting now.\n\nFor those who interviewed there recently:\n"
            "* How long did it take to get a response?\n* Is the team matching separate?")
    assert questions(post) == []


def test_a_post_titled_as_a_request_for_help_adds_no_bare_questions_but_keeps_what_was_asked():
    post = ("Databricks onsite next week, what should I expect?\n\nIs system design part of it? "
            "Do they ask about Spark internals?\n\nUPDATE: done. They asked me to design a rate limiter.")
    assert questions(post) == ["Design a rate limiter."]


@pytest.mark.parametrize("sentence", [
    "During the final round you will be asked to design a feature store.",  # a format, not what happened
    "Neither interviewer asked me to code anything.",  # negated
    "The recruiter asked if I would be interested in an IC role.",  # a recruiting offer
    "The question was about sliding window.",  # a category, not a question
    "The interviewer asked me a couple of questions about my resume.",  # a category too
])
def test_what_was_not_asked_or_names_only_a_kind_of_question_gives_nothing(sentence):
    assert questions(f"Had my Stripe onsite yesterday. {sentence} It went fine.") == []


def test_a_complexity_follow_up_becomes_a_question_about_the_candidates_solution():
    post = "Google phone screen today. Then he asked me the time complexity and I got it wrong."
    assert questions(post) == ["What is the time complexity of your solution?"]


def test_one_asking_verb_can_carry_a_list_of_questions():
    post = ("HR round went fine. I was asked about my previous work experience, how many people I would work with, "
            "did I work with stakeholders and why am I doing a master's now.")
    assert questions(post) == ["Tell me about your previous work experience.",
                               "How many people would you work with?", "Did you work with stakeholders?",
                               "Why are you doing a master's now?"]


def test_a_behavioural_stem_is_completed_by_each_item_of_the_list_under_it():
    post = ("Had my Amazon loop yesterday.\n\nBehavioral round:\nTell me about a time when you\n"
            "\\- Disagreed with your manager\n\\- Missed a deadline etc..")
    assert questions(post) == ["Tell me about a time when you disagreed with your manager.",
                               "Tell me about a time when you missed a deadline."]


def test_a_problem_given_only_as_a_link_or_by_name_is_read():
    post = ("Uber onsite question, got through it.\n\n[https://leetcode.com/problems/word-ladder/]"
            "(https://leetcode.com/problems/word-ladder/)\n\nThe second interviewer gave me a LRU Cache question.")
    assert questions(post) == ["Solve Word Ladder (LeetCode).", "Implement LRU Cache."]


def test_a_question_announced_on_the_line_before_is_put_as_the_interviewer_asked_it():
    post = ("Failed my NLP researcher interview. Then I got this question:\n"
            "If I fine-tune BERT on a tiny dataset, will it overfit?\nI did not know.")
    assert questions(post) == ["If you fine-tune BERT on a tiny dataset, will it overfit?"]


def test_a_quoted_question_keeps_its_question_mark_when_the_poster_left_it_out():
    post = 'Screen with Datadog today. Then I was asked, "Do you know any legacy languages" and I said no.'
    assert questions(post) == ["Do you know any legacy languages?"]


def test_a_label_before_a_task_is_dropped_and_a_statement_is_not_a_task():
    post = ("Round 2: Coding Screen\nProblem: implement a time-based key-value store.\n"
            "Code quality is weighted heavily: naming and structure count.\nDesign components: a load balancer.")
    assert questions(post) == ["Implement a time-based key-value store."]


def test_questions_given_one_a_line_after_here_are_are_read_as_a_list():
    post = ("Video interview tips needed\n\nHere are 3 from the practice interview\n\n"
            "Describe a conflict with a teammate\n\nWhat is your biggest weakness\n\n"
            "Just looking for general things to think about.")
    assert questions(post) == ["Describe a conflict with a teammate.", "What is your biggest weakness?"]


def test_a_problem_described_as_what_the_round_was_is_read():
    post = ("Amazon SDE2 onsite done. Second round problem was OOP to build a rate limiter class. "
            "Last one was a parking lot problem with two kinds of spots.")
    assert questions(post) == ["Build a rate limiter class.", "Solve a parking lot problem with two kinds of spots."]


# --- round 2: the failure kinds found on posts the first rules never saw ----------------------------------------


@pytest.mark.parametrize("sentence,expected", [
    # a quoted question with no asking verb in front of it
    ("She asked me two behavioural questions and “Why Stripe?” before the coding part.", ["Why Stripe?"]),
    # indirect speech in question word order, without "if"
    ("The hiring manager asked would I take ownership of a failing launch or escalate it.",
     ["Would you take ownership of a failing launch or escalate it?"]),
    ("Later they asked did I ever ship a model to production.", ["Did you ever ship a model to production?"]),
    # bold markup inside the reported question
    ("He asked me **how I would shard the vector index**.", ["How would you shard the vector index?"]),
    ("The last question was... **how would I monitor the model after launch**.",
     ["How would you monitor the model after launch?"]),
    # the named topics of a wider request
    ("I was asked to talk about Python internals, things like the GIL, and reference counting.",
     ["Explain the GIL.", "Explain reference counting."]),
    # an example question after a category, without its question mark
    ("Mostly behavioural questions, how do you handle disagreement with a manager etc.",
     ["How do you handle disagreement with a manager?"]),
    # a question implied only by the answer
    ("(When asked about it, I rated myself an 8 in SQL.)", ["How would you rate yourself in SQL?"]),
    # a problem given by its LeetCode number, or by a quoted statement in single quotes
    ("The problem was number 42 on leetcode.", ["Solve LeetCode problem 42."]),
    ("I was given the question, 'given a stream of tokens, return the k most frequent ones'.",
     ["Given a stream of tokens, return the k most frequent ones."]),
    # a negation does not reach past "instead"
    ("The question was not a LeetCode one, and instead asked me to design a feature store.",
     ["Design a feature store."]),
    # complexity follow-ups keep what they are about
    ("Then he asked me what the complexity was.", ["What is the time complexity of your solution?"]),
    ("He asked me the space complexities of both functions I wrote.",
     ["What are the space complexities of both functions you wrote?"]),
])
def test_round_two_reported_questions(sentence, expected):
    assert questions(f"Had my Databricks ML engineer onsite last week. {sentence} Went fine.") == expected


def test_community_questions_in_the_second_person_plural_and_speculation_about_a_company_are_left_out():
    post = ("Amazon phone screen today. They asked me to design a parking lot. How many of you have been asked "
            "about RLHF in a screen? Could Amazon be changing its hiring bar?")
    assert questions(post) == ["Design a parking lot."]


def test_follow_ups_to_a_problem_the_post_never_describes_are_left_out():
    post = ("Google phone screen. The problem was a medium graph question. He asked me to optimise my approach and "
            "then to write test cases for it. What are my chances?")
    assert questions(post) == []
    assert read(post).reports_interview is False


def test_follow_ups_stay_when_the_post_says_what_the_problem_was():
    post = ("Google phone screen. The problem was to find the longest palindromic substring. Then he asked me to "
            "optimise my approach.")
    assert questions(post) == ["Find the longest palindromic substring.", "Optimise your approach."]


def test_a_kind_of_question_about_the_candidate_is_not_a_question():
    post = "Microsoft onsite. Standard behavioural questions. Questions about projects. A linked list problem."
    assert questions(post) == []


def test_questions_under_a_follow_up_label_are_split_and_lose_their_asides():
    post = ("Had my Cohere onsite yesterday. System design round: design a retrieval service for 1B documents.\n"
            "Follow-up questions: how does the index stay fresh (nightly rebuilds, streaming upserts), and what "
            "happens when a shard goes down (replicas, hedged requests).")
    assert questions(post) == ["Design a retrieval service for 1B documents.", "How does the index stay fresh?",
                               "What happens when a shard goes down?"]


def test_a_task_after_a_constraint_label_is_kept():
    post = ("Had my coding screen at Anthropic. Problem: implement an LRU cache.\n"
            "First constraint added: support a TTL per key, which needed a heap.")
    assert questions(post) == ["Implement an LRU cache.", "Support a TTL per key."]


def test_solve_it_without_is_a_follow_up_kept_only_with_its_problem():
    described = ("Had my Meta phone screen. The problem was to check whether a string of brackets is balanced. "
                 "He then gave me a follow up to solve it without using a stack.")
    assert questions(described) == ["Check whether a string of brackets is balanced.",
                                    "Can you solve it without using a stack?"]
    undescribed = "Had my Meta phone screen. He asked me to solve it without using a stack. Rejected."
    assert questions(undescribed) == []


def test_a_task_spelled_out_after_a_dash_keeps_its_detail():
    post = ("Had my Amazon phone screen today. I had to return a list of pairs — either (user, last login) or "
            "(user, -1) if the user never logged in. Passed.")
    assert questions(post) == [
        "Return a list of pairs — either (user, last login) or (user, -1) if the user never logged in."]


# --- third round: labels, bold question-word bullets, run-on questions, problems named by function ---------------


def test_a_design_label_followed_by_a_name_is_a_design_task_and_a_difficulty_is_not():
    post = ("Amazon SDE 2 loop experience\n\nSystem Design: Amazon Device Locator Service\nHad only 20 minutes.\n\n"
            "Low-Level Design: Shape Class Hierarchy\n\nCoding question: Medium to Hard leetcode style.")
    assert questions(post) == ["Design Amazon Device Locator Service.", "Design Shape Class Hierarchy."]


def test_a_problem_name_label_gives_way_to_the_statement_under_it():
    post = ("Amazon SDE 2 loop experience\n\nCoding Question: Task Status System\n"
            "Problem : Determine the status of each task based on its subtasks.\nMy Approach: DFS.")
    assert questions(post) == ["Determine the status of each task based on its subtasks."]
    named_only = "Amazon SDE 2 loop experience\n\nCoding Question: Task Status System\nSolved it with DFS."
    assert questions(named_only) == ["Solve the Task Status System problem."]


def test_only_the_question_label_of_bold_question_word_bullets_carries_a_question():
    post = ("Microsoft onsite experience\n\n* **Who?** Principal Engineer\n* **What?** 45 min. LeetCode\n"
            "* **Question?** Basically create a class that lets you add/remove nodes from a tree. Started with "
            "coding.\n* **How'd I do?** Fine.")
    assert questions(post) == ["Create a class that lets you add/remove nodes from a tree."]


def test_questions_run_together_without_punctuation_are_split_at_each_question():
    post = ("Microsoft intern final round. They care a lot about teamwork because all questions were focused on how "
            "do you solve conflict tell me about time you dealt with a difficult coworker blah blah that kinda "
            "thing. glhf")
    assert questions(post) == ["How do you solve conflict?", "Tell me about time you dealt with a difficult coworker."]


def test_a_problem_given_as_a_gerund_becomes_a_task():
    post = ("First Interview with Amazon\n\nHad my first SDE intern interview. Unfortunately that was my technical "
            "problem which was basically detecting cycles in dependencies through graphs. Got rejected.")
    assert questions(post) == ["Detect cycles in dependencies through graphs."]
    focus = "Amazon onsite. The interviewer asked me to focus on implementing the merge operation for Circle. Done."
    assert questions(focus) == ["Implement the merge operation for Circle."]


def test_a_problem_named_only_by_its_function_is_kept_unless_the_sentence_describes_it():
    post = ('Tech screen at a startup yesterday. Interviewer threw "is\\_anagram" at me. Second question was '
            '"is\\_anagram\\_group" where he asked me to get list of groups of anagram. Rejected.')
    assert questions(post) == ["Implement is_anagram.", "Get list of groups of anagram."]


def test_questions_after_a_turn_to_the_community_are_the_posters():
    post = ("Tech screen at a startup yesterday. They asked me to reverse a linked list.\n\n"
            "Thoughts? Has anyone been in a similar situation? How would you approach something like this going "
            "forward?")
    assert questions(post) == ["Reverse a linked list."]
    before = ("Onsite yesterday\n\nThe interviewer asked: How would you shard a user table? I blanked. Any advice?")
    assert questions(before) == ["How would you shard a user table?"]


def test_a_quoted_question_introduced_as_one_of_several_is_kept_with_its_apostrophe():
    post = ("Phone screen at a local company. They have popular puzzle questions they ask everyone. One of these is: "
            "'what's the angle between two hands of a clock at 3:15'. Then he asked me to calculate the angle for "
            "7:25, for which I had nothing.")
    assert questions(post) == ["What's the angle between two hands of a clock at 3:15?",
                               "Calculate the angle for 7:25."]


# --- round 4: kinds grouped from the misses of every tuning set, each with phrasings written for the test --------


@pytest.mark.parametrize("sentence,expected", [
    # from the sets' wording (import_heldout2), in a post written for the test
    ("I was asked Word Ladder (Leetcode Hard) and Merge K Sorted Lists (Leetcode hard).",
     ["Solve Word Ladder (LeetCode).", "Solve Merge K Sorted Lists (LeetCode)."]),
    ("First problem was parentheses problem, solved with O(n).", ["Solve the parentheses problem."]),
    ("Q1: Classic interval scheduling problem (think Meeting Rooms II) but with a twist.",
     ["Solve a interval scheduling problem like Meeting Rooms II."]),
    ("The question I was asked was based on DFS, similar to the 'rotting oranges' problem.",
     ["Solve a DFS problem similar to the rotting oranges problem."]),
    ("Question 2: It's a variant of the Kth largest element problem, but with a stream.",
     ["Solve a variation of the Kth largest element problem."]),
    ("He asked a simple sliding median problem on array.", ["Solve the sliding median problem on array."]),
    # phrasings of my own, not from any set
    ("The second question they gave me was Minimum Window Substring.", ["Solve the Minimum Window Substring problem."]),
    ("Got asked a version of Course Schedule with weights, which I had not seen.",
     ["Solve a variation of Course Schedule."]),
    ("Main problem was the classic rate-limited log printer problem.", ["Solve the rate-limited log printer problem."]),
])
def test_a_coding_problem_told_in_narrative_is_read(sentence, expected):
    assert questions(f"Google phone screen last week.\n\n{sentence}") == expected


@pytest.mark.parametrize("sentence", [
    "Q2: Greedy/frequency map problem.",  # a kind of problem, not one
    "I was asked a question on graph.",
    "He asked me a modified version of the question.",
    "I was given a 1-D array and solved the problem using two pointers.",
    "Then they gave me a grid-based graph problem.",
    "I was asked Leetcode Medium.",
])
def test_a_kind_of_problem_or_a_problem_without_a_name_is_not_one(sentence):
    assert questions(f"Google phone screen last week.\n\n{sentence}") == []


def test_a_listed_problem_description_is_read_but_a_bare_listed_name_is_left_to_the_list_rules():
    post = ("Google onsite, the problems I was asked:\n\n1. A variation of Swim in Rising Water\n"
            "2. Some kind of tree problem\n")
    assert questions(post) == ["Solve a variation of Swim in Rising Water."]


@pytest.mark.parametrize("sentence", [
    "At the end he asked if I have questions.",  # from import_heldout2's wording
    "She asked me to explain the solution while coding.",
    "The interviewer asked me to explain my approach using the test case.",
    # my own phrasings
    "Then they asked whether I had any more questions for them.",
    "He asked me to walk through my code line by line.",
    "She asked me to explain my thought process out loud.",
])
def test_courtesy_questions_and_instructions_on_how_to_work_are_not_interview_questions(sentence):
    assert questions(f"Meta phone screen today. They asked me to design a URL shortener. {sentence}") == [
        "Design a URL shortener."]


def test_explaining_your_approach_to_a_named_subject_is_still_a_question():
    post = ("Meta phone screen today. They asked me to design a CDN. Then they asked me to explain my approach to "
            "cache invalidation in it.")
    assert questions(post) == ["Design a CDN.", "Explain your approach to cache invalidation in it."]


def test_advice_bullets_are_not_topics():
    post = ("Amazon interview today, here is what I learned:\n\n- Treat your failures as lessons\n"
            "- Know your resume inside out\n- Dynamic programming on trees\n")
    assert "Explain Treat your failures as lessons." not in questions(post)
    assert not any("resume" in question for question in questions(post))


@pytest.mark.parametrize("item,expected", [
    # from import_heldout2's wording
    ("Optimally assigning questions to volunteers based on skill tags",
     "Optimally assign questions to volunteers based on skill tags."),
    # my own phrasings
    ("Scheduling meetings into the fewest rooms", "Schedule meetings into the fewest rooms."),
    ("Creating a snapshot of a key-value store at any time", "Create a snapshot of a key-value store at any time."),
    ("Planning routes for delivery drivers with time windows", "Plan routes for delivery drivers with time windows."),
])
def test_a_listed_task_given_as_a_gerund_becomes_a_task(item, expected):
    post = f"Google onsite, the problems I was asked:\n\n1. {item}\n"
    assert questions(post) == [expected]


def test_a_gerund_used_as_a_noun_in_a_list_is_not_a_task():
    post = "Google onsite, the questions I was asked:\n\n1. Caching strategies for a read-heavy service\n"
    assert not any(question.startswith("Cach") for question in questions(post))


@pytest.mark.parametrize("sentence,expected", [
    ("Was asked if I could do better on time complexity.", "Can you improve the time complexity of your solution?"),
    # my own phrasings
    ("Then he asked me to bring down the space complexity.", "Can you improve the space complexity of your solution?"),
    ("She asked how I would optimize the time complexity of my code.",
     "Can you improve the time complexity of your code?"),
])
def test_a_follow_up_asking_for_a_better_complexity_asks_to_improve_it(sentence, expected):
    post = f"Google phone screen. I was asked Two Sum (Leetcode Easy). {sentence}"
    assert expected in questions(post)


@pytest.mark.parametrize("sentence,expected", [
    ("In the second round, I was asked to present a project and discuss its technical aspects.",
     "Present a project and discuss its technical aspects."),
    ("Then they asked me to demo a side project I built.", "Demo a side project you built."),
])
def test_a_request_to_present_a_project_is_a_task(sentence, expected):
    assert expected in questions(f"Amazon onsite last week. {sentence}")


@pytest.mark.parametrize("line,expected", [
    ("LLD: movie ticket booking system (same as HLD) but at a granular level", "Design a movie ticket booking system."),
    # my own phrasings
    ("System design: food delivery tracking service, with live updates", "Design a food delivery tracking service."),
    ("HLD - a URL shortener", "Design a URL shortener."),
])
def test_a_design_label_before_a_thing_in_lower_case_is_a_design_task(line, expected):
    assert questions(f"Microsoft SDE-2 onsite, my rounds:\n\n{line}\n") == [expected]


@pytest.mark.parametrize("line", ["System design: pretty standard, nothing fancy", "LLD: went okay I think"])
def test_a_design_label_before_a_verdict_is_not_a_task(line):
    assert questions(f"Microsoft SDE-2 onsite, my rounds:\n\n{line}\n") == []


@pytest.mark.parametrize("sentence,expected", [
    ("Second problem was longest substring of valid parentheses (leetcode hard).",
     "Find the longest substring of valid parentheses."),
    # my own phrasings
    ("The other question was kth smallest element in a sorted matrix (LC medium).",
     "Find the kth smallest element in a sorted matrix."),
    ("First problem was the maximum sum path problem.", "Find the maximum sum path."),
])
def test_a_problem_described_by_what_it_finds_is_a_find_task(sentence, expected):
    assert questions(f"Google phone screen last week.\n\n{sentence}") == [expected]


# --- round 5: kinds from the misses of import_heldout3 (read after it was measured), phrasings written for the test --


@pytest.mark.parametrize("post", [
    "Worried about system design\n\nI'm nervous about being asked to design a rate limiter at my Stripe onsite. "
    "I have only done LeetCode so far and I have never built one.",
    "Junior roles and theory\n\nIf I go to an interview and I was only tested on arrays I would be fine, but I "
    "have not touched operating systems in years.",
])
def test_a_feared_or_imagined_interview_is_not_a_report(post):
    assert read(post).reports_interview is False


def test_a_feared_question_does_not_hide_one_that_was_asked():
    post = ("Google phone screen\n\nI was afraid of being asked about graphs. In the end the interviewer asked me "
            "to merge two sorted lists.")
    assert questions(post) == ["Merge two sorted lists."]


def test_questions_in_the_closing_paragraph_are_the_posters_unless_someone_asked_them():
    post = ("Rejected after the Meta phone screen\n\nThey asked me to find the kth largest element in an array and "
            "I froze.\n\nI have been grinding for months. How do you keep going after this? Is it worth it?")
    assert questions(post) == ["Find the kth largest element in an array."]
    asked = "Onsite done\n\nThe last interviewer asked: What happens when the KV cache does not fit in memory?"
    assert questions(asked) == ["What happens when the KV cache does not fit in memory?"]
    listed = "Anthropic onsite, ML engineer\n\n1. How would you evaluate a RAG pipeline?\n2. Why does RLHF overfit?"
    assert questions(listed) == ["How would you evaluate a RAG pipeline?", "Why does RLHF overfit?"]


@pytest.mark.parametrize("line", ["Problem Statement:Given a binary tree, return its right side view.",
                                  "Task description: Given a binary tree, return its right side view."])
def test_a_problem_statement_label_introduces_the_task_with_or_without_a_space(line):
    post = f"Amazon SDE phone interview last week\n\nI was asked one coding problem.\n\n{line}"
    assert questions(post) == ["Given a binary tree, return its right side view."]


# --- round 6: kinds from the misses of import_heldout4 (read after it was measured), phrasings written for the test --


def test_letter_markers_and_numbers_typed_without_a_space_make_list_items():
    post = ("Google L4 onsite last week\n\nThey asked me these questions:\n"
            "a) How would you shard a key-value store?\n"
            "b) Why does consistent hashing reduce reshuffling?\n"
            "3)How do you detect a hot partition?")
    assert questions(post) == ["How would you shard a key-value store?",
                               "Why does consistent hashing reduce reshuffling?", "How do you detect a hot partition?"]


def test_a_list_item_that_ends_in_a_colon_heads_a_list_and_asks_nothing():
    post = ("My loops this year\n\nThe questions I was asked, by company:\n"
            "1.Stripe:\n- How would you make a payment API idempotent?\n"
            "2. Datadog:\n- How would you downsample a metrics time series?")
    assert questions(post) == ["How would you make a payment API idempotent?",
                               "How would you downsample a metrics time series?"]


def test_a_report_that_hedges_its_memory_is_still_a_report():
    post = "Meta phone screen\n\nIf I remember correctly, the interviewer asked me to design a rate limiter."
    assert read(post).reports_interview is True
    assert questions(post) == ["Design a rate limiter."]


# --- round 7: kinds from the misses of import_heldout5 and import_heldout6 (read after each was measured unseen),
# phrasings written for the test ---------------------------------------------------------------------------------


def test_a_given_statement_is_the_problem_with_the_sentence_that_sets_its_task():
    post = ("Uber SDE2 phone screen\n\nROUND 1 -\n\nGiven a list of rides, where each ride has a driver, a start and "
            "an end time, and two rides of one driver never overlap. Return the busiest hour of each driver\n\n"
            "Went with a sweep line. Given that I had prepared intervals, it went fine.")
    assert questions(post) == ["Given a list of rides, where each ride has a driver, a start and an end time, and two "
                               "rides of one driver never overlap. Return the busiest hour of each driver."]


def test_a_statement_given_after_the_question_was_keeps_its_setting_and_its_question():
    post = ("System design interview at a bank\n\nHad the interview yesterday. The question was, given two data "
            "centres. Both hold the same ledger. Then, a write lands in one of them, how do i keep the other "
            "consistent without blocking writes. "
            "I mentioned quorum reads.")
    assert questions(post) == ["Given two data centres. Both hold the same ledger. Then, a write lands in one of "
                               "them, how do you keep the other consistent without blocking writes?"]


def test_numbered_problem_labels_and_titles_that_end_in_a_category_word():
    post = ("Microsoft onsite\n\nRound 1: two coding problems.\n"
            " * Problem 1: Find the longest path of equal values in a grid.\n"
            " * Problem 2: The Vertical Order Traversal of a Binary Tree problem.")
    assert questions(post) == ["Find the longest path of equal values in a grid.",
                               "Solve the Vertical Order Traversal of a Binary Tree problem."]


def test_remarks_on_a_round_are_not_topics_and_an_earlier_round_is_not_a_problem():
    post = ("Atlassian frontend loop\n\n**Round 2: Coding**\n\n* Similar to the phone screen: a nested menu.\n"
            "* Mostly a friendly chat.\n* Heavy focus on accessibility.\n* Taken by a principal engineer.\n"
            "* Core topics: Networks, Operating Systems\n\nRound 3 went just like expected, he gave me a question to "
            "solve.")
    assert questions(post) == []


def test_items_nested_under_a_design_task_are_its_follow_ups():
    post = ("Had my frontend system design interview at Shopify today\n\n"
            "* Asked to design something like a product listing page:\n"
            "   * What components I’d create\n   * How I handled pagination\n* Felt fine about it.")
    assert questions(post) == ["Design something like a product listing page.",
                               "What components would you create for something like a product listing page?",
                               "How did you handle pagination for something like a product listing page?"]


def test_leetcode_numbers_with_and_without_titles_and_study_lists_that_are_not_problems():
    post = ("Google phone screen\n\nRound 1: 1 medium (leetcode 739), then LC 1207 - Unique Number of Occurrences.\n"
            "Round 2: Solve Leetcode 73 in place. I had done Blind 75 and LC 150 questions before.")
    assert questions(post) == ["Solve LeetCode problem 739.",
                               "Solve LeetCode problem 1207 (Unique Number of Occurrences).",
                               "Solve LeetCode problem 73."]


def test_a_quoted_opener_a_given_object_and_a_question_the_poster_could_not_answer():
    post = ("Stripe intern interview\n\nIt opened with “Walk me through your resume,” and then I was given a log "
            "file of payments and had to parse it. I couldn't explain what an idempotency key is, sadly.")
    assert questions(post) == ["Walk me through your resume.", "Parse a log file of payments.",
                               "Explain what an idempotency key is."]


def test_something_is_not_a_gerund():
    post = "Amazon SDE onsite\n\nRound 3: the question was something I had never seen before."
    assert all("Someth" not in question for question in questions(post))


# --- round 8: kinds from the misses of import_heldout7 (read after it was measured unseen), phrasings written for the
# test ---------------------------------------------------------------------------------------------------------------


def test_numbered_problems_keep_their_list_across_the_commentary_between_them():
    post = ("Google phone screens, passed!\n\nHere is my interview experience:\n\nScreening 1)\n\n"
            "1) Merge k sorted lists (you may modify the input).\n\n"
            "I went with a heap and the interviewer seemed fine.\n\n2) Word Ladder (LC. 127)\n\n"
            "Ran out of time on this one.\n\n3) Decode string II. Follow up: can you do it without recursion?")
    assert questions(post) == ["Merge k sorted lists.", "Solve Word Ladder (LeetCode 127).",
                               "Solve Decode string II.", "Can you do it without recursion?"]


def test_a_follow_up_item_with_two_questions_gives_both_and_a_community_list_stays_whole():
    post = ("Amazon loop, LP round\n\n- Tell me about a time you missed a deadline.\n"
            "- Follow-up: What did you change? Who did you tell first?")
    assert questions(post) == ["Tell me about a time you missed a deadline.", "What did you change?",
                               "Who did you tell first?"]
    community = ("Amazon loop next week\n\nMy questions for you all:\n- How long did you wait? Was it normal?")
    assert questions(community) == []


def test_the_usual_questions_after_a_lead_in_are_all_read_and_what_a_screen_discussed_asks():
    post = ("Stripe recruiter screen\n\nHad the call yesterday. The call covered the usual questions — Why do you "
            "want to work at Stripe? Why are you leaving your current team? Then we discussed my last project, why I "
            "moved to backend, and why I’m interested in ML infrastructure.\n\nWaiting to hear back now.")
    assert questions(post) == ["Why do you want to work at Stripe?", "Why are you leaving your current team?",
                               "Why did you move to backend?", "Why are you interested in ML infrastructure?"]


def test_tasks_that_name_only_a_kind_or_how_a_round_went_are_not_questions():
    post = ("Flipkart machine coding round\n\nI was asked to write LLD. I had to solve both the questions in an hour. "
            "Then the interviewer asked me to mention the four pillars of OOP.")
    assert questions(post) == ["Mention the four pillars of OOP."]


def test_curly_apostrophes_become_you():
    post = "Swiggy SDE2 onsite\n\nThen he asked me to design the service I’m building at work."
    assert questions(post) == ["Design the service you're building at work."]


# --- round 8, from a review of rounds 7 and 8: ordinary text the new rules must leave alone ---------------------------

REPORT = "Had my onsite interview yesterday. "


@pytest.mark.parametrize(("text", "expected"), [
    ("They asked me to explain OOP.", ["Explain OOP."]),  # a kind of task is "Write LLD", not a concept to explain
    ("They asked me what Task.Run does and when to avoid it.",
     ["Explain what Task.Run does.", "Explain when to avoid it."]),
    ("Given 45 minutes, the interviewer asked me to design a rate limiter.", ["Design a rate limiter."]),
    ("Given enough practice, anyone can get through these rounds.", []),
    ("Given the short time, we only covered the API.", []),
    ("Topics covered:\n- Same-origin policy\n- Heavy-light decomposition",
     ["Explain Same-origin policy.", "Explain Heavy-light decomposition."]),
    ("Topics covered:\n- Trees and graphs\n- Graph traversal",
     ["Explain Trees and graphs.", "Explain Graph traversal."]),
    ("I have solved leetcode 450 so far. My LC 2100 rating did not help.", []),
    ("They asked me these questions:\n1. Explain the event loop\n\nTips from my side:\n2. Practising daily\n"
     "3. Binary Tree Paths drills", ["Explain the event loop."]),
    ("I was given a loaner laptop and had to set it up.", []),
    ("Afterwards I couldn't explain what went wrong to my parents.", []),
    ("Later the recruiter and I discussed why I was not moving forward.", []),
])
def test_what_the_new_rules_leave_alone(text, expected):
    assert questions(REPORT + text) == expected


def test_a_problem_statement_stops_at_the_posters_own_sentence():
    post = (REPORT + "The question: Given a list of meetings with start and end times in any order. I thought of "
            "sorting first. Return the number of rooms needed.")
    assert questions(post) == ["Given a list of meetings with start and end times in any order."]


# --- round 9, from the tuning half of held-out set 9 (Glassdoor reviews and blog posts) ------------------------------

def test_a_numbered_problem_label_before_a_given_statement_is_the_statement_not_a_name():
    post = ("Amazon interview experience\n\nRound II: Coding Round\n\n"
            "  • Problem 1: Given a BST, generate all input sequences that give the same BST.\n"
            "  • The interviewer focused on breaking down the problem.")
    assert questions(post) == ["Given a BST, generate all input sequences that give the same BST."]


def test_a_heading_that_names_a_problem_gives_way_to_the_statement_nested_under_it():
    post = ("Amazon interview experience\n\nRound III: Director's Round\n\n"
            "  • Briefly discussed project experience.\n"
            "  • Clustering problem:\n"
            "    • Given 1D points, cluster them into 2 groups in polynomial time.\n"
            "  • Skyline problem:\n"
            "    • Solution discussed: BFS from every node.\n")
    assert questions(post) == ["Given 1D points, cluster them into 2 groups in polynomial time.",
                               "Solve the Skyline problem."]


def test_list_items_that_tell_how_a_named_problem_or_a_question_went():
    post = ("Amazon SDE new grad interviews\n\nRound 1\nLeadership Principles Questions:\n"
            "- Have you ever had to make a tough decision without consulting anybody? (This was tied to "
            "'Bias for Action').\n"
            "- Tell me about a time when your teammate didn't agree with you? What did you do?\n"
            "Coding Questions:\n"
            "- I discussed and coded the LRU Cache problem, which is quite a classic.\n"
            "- We started with a warm-up, the Missing Number problem, which I coded.")
    assert questions(post) == ["Have you ever had to make a tough decision without consulting anybody?",
                               "Tell me about a time when your teammate didn't agree with you.",
                               "Solve the LRU Cache problem.", "Solve the Missing Number problem."]


def test_follow_ups_told_as_what_they_asked_me_to_do():
    post = ("Meta MLE loop\n\nThe coding screen was a sliding window problem, and the follow-up asked me to handle an "
            "infinite stream with a fixed-size window. The ML design follow-up was when they asked how I would "
            "handle cold start, which they probed by asking how I would evaluate the fallback.")
    assert questions(post) == ["Handle an infinite stream with a fixed-size window.",
                               "How would you handle cold start?", "How would you evaluate the fallback?"]


def test_a_question_label_before_a_task_in_lower_case():
    post = ("Google phone screen\n\nThe interviewer asked two questions.\n\nFirst question : print a linked list in "
            "reversed order (given 1->2->7, print 7->2->1). I used recursion.")
    assert questions(post) == ["Print a linked list in reversed order (given 1->2->7, print 7->2->1)."]


def test_a_question_page_titled_as_an_interview_question_reports_its_question():
    post = "Infosys interview question\n\nWhat is RAG, and how is it different from fine-tuning ?"
    assert questions(post) == ["What is RAG, and how is it different from fine-tuning?"]
    assert questions("Interview question\n\nWhat would you do?") == []
    assert questions("Weird interview question\n\nHow do I answer what my greatest weakness is?") == []


def test_tasks_told_as_what_a_round_was_about():
    post = ("ZoomInfo interview\n\nI had 4 interview sessions.\nSystem design: it’s about designing an internal "
            "product for product managers. The task was centered around building a lightweight load balancer. "
            "The round was about implementing an LRU cache.")
    assert questions(post) == ["Design an internal product for product managers.",
                               "Build a lightweight load balancer.", "Implement an LRU cache."]


def test_a_question_about_the_things_it_names_is_not_about_them_the_interviewers():
    post = ("6 Questions I was Asked at Data Scientist Interviews\n\nQuestion 1: What are the L1 and L2 "
            "regularization techniques and the difference between them?\n\nIn machine learning, ...")
    assert questions(post) == ["What are the L1 and L2 regularization techniques and the difference between them?"]


@pytest.mark.parametrize(("text", "expected"), [
    ("It was amazing seeing the office.", []),
    ("Questions:\n- Why did they pick the other two of them?", []),
    ("Has anybody been asked about RLHF?", []),
    ("I was asking them about the team culture.", []),
    ("Round 2:\n- Count of rounds was 4\n- Return date not told\n- Sort of a mixed bag", []),
    ("Questions:\n- Printed the tree level by level", []),
    ("They asked me these questions:\n- Tell me about a time when you", []),
    ("The discussion centered on my background and motivations.", ["Tell me about your motivations."]),
    ("Coding round:\n- I struggled with the problem, ran out of time.", []),
])
def test_what_round_9_leaves_alone(text, expected):
    assert questions(REPORT + text) == expected


# --- round 10, from the tuning half of held-out set 10 ---------------------------------------------------------------

def test_a_question_page_with_an_outline_of_questions():
    post = ("ML interview question\n\nML: 1. Linear Regression: 1.1. Explain L1 vs L2? 1.2. How does each affect the "
            "coefficients? 2. PCA 2.1. Explain PCA. 2.2. Walk me through the algorithm step by step.")
    assert questions(post) == ["Explain L1 vs L2?", "How does each affect the coefficients?", "Explain PCA.",
                               "Walk me through the algorithm step by step."]
    bank = "Top 50 ML interview question list\n\nI made this list for you. 1. What is bias? 2. What is variance?"
    assert questions(bank) == []


def test_what_a_round_was_like_is_not_a_problem():
    post = ("Microsoft SDE2 interview\n\nRound 1: Online Assessment\n\nThis round had two problems, which I had to "
            "solve within 70 minutes. One was a very basic DSA problem based on arrays.\n\nRound 2: DSA\n\n"
            "  1. First problem: It was similar to LeetCode's Asteroid Collision. I had to implement a solution to "
            "simulate collisions between asteroids.\n\nMock round: I was given a problem involving a binary search "
            "tree. The next round focused on processing log entries to detect RPC timeouts.")
    assert questions(post) == ["Implement a solution to simulate collisions between asteroids.",
                               "Process log entries to detect RPC timeouts."]


def test_a_problem_statement_ends_at_what_you_need_to_do():
    post = ("Booking.com new grad interview\n\nI was asked this in the online round.\n\nGiven a list of hotels and a "
            "list of keywords. Each hotel has a unique ID. You need to award the top K hotels.")
    assert questions(post) == ["Given a list of hotels and a list of keywords. Each hotel has a unique ID. You need to "
                               "award the top K hotels."]


@pytest.mark.parametrize(("text", "expected"), [
    ("They asked me about matching algorithms.", ["Explain matching algorithms."]),
    ("Topics covered:\n- Availability to join and preferred location\n- Notification period", []),
    ("I solved the First Missing Positive problem.", []),
    ("The round focused on sorting.", []),
])
def test_what_round_10_leaves_alone(text, expected):
    assert questions(REPORT + text) == expected


# --- rounds 9 and 10, from a review of both (a helper given the diff, who tried ordinary text against each new rule)

@pytest.mark.parametrize(("text", "expected"), [
    ("Topics they asked about:\n- CAP theorem\n- Availability vs consistency trade-offs\n- Remote procedure calls",
     ["Explain CAP theorem.", "Explain Availability vs consistency trade-offs.", "Explain Remote procedure calls."]),
    ("Coding questions:\n- Balanced Binary Tree\n- Strongly connected components",
     ["Solve Balanced Binary Tree.", "Explain Strongly connected components."]),
    ("I ended by asking about team culture and on-call.", []),
    ("My manager keeps asking me to handle on-call alone, so I started interviewing.", []),
    ("The recruiter asked me to modify my resume and resubmit it.", []),
    ("They asked me to design a rate limiter. Did the same thing happen with anyone else?",
     ["Design a rate limiter."]),
    ("They asked me about parsing libraries in Python.", ["Explain parsing libraries in Python."]),
    ("The discussion centered on my resume and Kafka internals.", ["Explain Kafka internals."]),
    ("Prep tips:\n- Print your resume and bring two copies.", []),
    ("Interviewer was late, the Zoom problem wasted 10 minutes.", []),
    ("Coding questions:\n- Word Ladder problem:\n  - Discuss how you would parallelize BFS.",
     ["Solve the Word Ladder problem.", "Discuss how you would parallelize BFS."]),
    ("They asked me about reasons not to shard a database early.",
     ["Explain reasons not to shard a database early."]),
    ("Question: Rotate an array by k (e.g. [1,2,3] by 1 gives [3,1,2]).",
     ["Rotate an array by k (e.g. [1,2,3] by 1 gives [3,1,2])."]),
    ("They asked: What does x = a ? b : c evaluate to?", ["What does x = a ? b : c evaluate to?"]),
    ("They asked me to rotate an array by k.", ["Rotate an array by k."]),
])
def test_what_the_review_of_rounds_9_and_10_found(text, expected):
    assert questions(REPORT + text) == expected


def test_a_request_for_help_under_an_interview_question_title_is_not_a_question_page():
    assert questions("Behavioral interview question\n\nTell me about a time you failed. How to answer this without "
                     "sounding negative?") == []
    assert questions("Google interview question\n\nGiven an array of integers, find the longest increasing run. How "
                     "would you solve this?") == []


# --- round 11, from the tuning half of held-out set 11 ---------------------------------------------------------------

# A paragraph of a real post (held-out 11, `1hvmwn`, tuning half), wrapped at 80 columns by its writer.
WRAPPED = ("I failed an easy technical interview\n\n"
           "The recruiter was kind enough to gather feedback and follow-up with me the\n"
           "following week. They said I was \u201csmart,had good communication skills\u201d, but that\n"
           "I answered too slowly, and was \u201ctoo passive\u201d. And lastly, (and worst of all to\n"
           "me) - something to the effect that perhaps I was most well suited to an\n"
           "enterprise level organization (like where I am currently employed) rather than a\n"
           "start-up that will likely only have two or three devs (they are not really a\n"
           "start-up, but a large corporation that is trying to create a new product with a\n"
           "start-up like environment). This translates to me like \u201cYou are not smart enough\n"
           "to work at a start-up, stay with the enterprise company where all the slow kids\n"
           "work\u201d. I am willing to concede that some of this may be true. Perhaps I am too\n"
           "slow to work at a start-up. In general - not just in programming, but in life in\n"
           "general, I am not a speedy sort of fella. I do everything slow. I eat slow. I\n"
           "walk slow. And yes, I suppose I often think slow.")


def test_a_hard_wrapped_post_is_read_as_its_sentences_not_its_lines():
    assert "Walk slow." not in questions(WRAPPED)
    unwrapped = rules.unwrap(WRAPPED)
    assert "I eat slow. I walk slow." in unwrapped and "interview\n\nThe recruiter" in unwrapped
    assert len(unwrapped) == len(WRAPPED)  # every offset still points into the post
    short_lines = "Amazon onsite\n\nQuestions they asked:\nreverse a linked list\ndesign a parking lot\n"
    assert rules.unwrap(short_lines) == short_lines  # not wrapped: lines of a list stay lines


def test_a_hard_wrapped_list_keeps_its_items():
    lines = ["Had my onsite interview yesterday at a large company and it went about as well as I",
             "had hoped, although the last round was long and the interviewer was quite strict.",
             "They asked me these questions, one after another, with little time to think:",
             "- How does a hash map handle collisions when two keys land in the same bucket?",
             "- Why would you choose a B-tree over a hash index for range queries on a table?",
             "- What happens when a TCP connection is half open and the client never returns?"]
    assert len(questions("\n".join(lines))) == 3


@pytest.mark.parametrize(("text", "expected"), [
    ("How difficult could it be to write a failing test first???", []),
    # the interviewer speaks for the company, or for the problem worked on together
    ("Questions:\n* If we did hire you, what would you do to improve Twitter?",
     ["If we did hire you, what would you do to improve Twitter?"]),
    ("The follow-up was: \u201cWhat if we want to do this repeatedly?\u201d",
     ["What if we want to do this repeatedly?"]),
    # a list of what the poster has been doing since is not a list of tasks set
    ("Here are a few things I've been doing since the phone interview:\n\n1) Earning certificates from codility\n\n"
     "2) Coding well-known problems again", []),
    ("Here are the questions I was asked in the phone interview:\n\n1) Reversing a linked list", None),
])
def test_what_round_11_reads(text, expected):
    found = questions(REPORT + text)
    if expected is None:
        assert found  # a lead-in that names questions still opens a list of them
    else:
        assert found == expected


def test_a_prompt_in_conversation_is_not_a_question_to_practise():
    post = ("I failed an easy technical interview\n\nThe interview was held over Skype, and was a TDD exercise. It "
            "was also a sort of\nexercise in pair programming. We would write a bit of code, and then he would stop "
            "and\nquickly ask, \u201cOK, what next?\u201d, and in the heat of the moment I had no clue.")
    assert questions(post) == []


def test_an_invitation_to_interview_is_not_an_interview_that_happened():
    post = ("What's the average working hour per day for a Software Engineer at Google?\n\nI have recently been "
            "contacted by Google for a job interview. Before proceeding, I want to know the average working hours.")
    assert read(post).reports_interview is False
    assert read("Onsite done\n\nI recently had my interview at Google. They asked me to design a rate limiter."
                ).reports_interview is True


@pytest.mark.parametrize("text", [
    "What would you do in my position?",
    "Do we need to know dynamic programming for Google?",
    "What would you do?",
])
def test_questions_to_the_community_stay_out_in_round_11(text):
    assert questions(REPORT + "I felt lost afterwards. " + text) == []


# --- round 11, from a review of it (a helper given the diff, who tried ordinary text against each new rule) --------

LOWER_CASE_ROUNDS = ("had my amazon loop yesterday, here's how it went for anyone who is interested\n"
                     "round 1 was lp questions and a leetcode medium about merging overlapping intervals\n"
                     "round 2 was system design, they asked me to design a url shortener with analytics\n"
                     "round 3 was the bar raiser who asked me to tell him about a time i failed at work\n"
                     "round 4 was another coding question, implement an lru cache from scratch in java\n"
                     "overall i think it went ok but who knows with amazon these days, fingers crossed\n")
LOWER_CASE_LIST = ("Amazon SDE2 onsite, four rounds, here is everything they asked me\n\n"
                   "Round 1 was coding with a senior engineer who seemed pretty tired that day, questions:\n"
                   "how would you find the kth largest element in an unsorted array of integers\n"
                   "what is the difference between a process and a thread in a modern operating system\n"
                   "how would you detect a cycle in a directed graph with millions of nodes and edges\n"
                   "why would you pick a B-tree over a hash index for range queries in a database\n"
                   "design a rate limiter that works across several servers behind a load balancer\n")


@pytest.mark.parametrize("post", [LOWER_CASE_ROUNDS, LOWER_CASE_LIST])
def test_lines_of_one_item_each_are_not_wrapping_even_in_lower_case(post):
    assert rules.unwrap(post) == post


def test_a_paragraph_wrapped_at_eighty_columns_is_unwrapped():
    paragraph = textwrap.fill(
        "The first interviewer asked me to find the longest substring without repeating characters. After I "
        "solved it he asked how I would handle a unicode string, and then how the solution changes if the input is "
        "a stream that never ends. The second interviewer asked me to design a key value store, and we spent the "
        "rest of the hour on how to replicate writes across regions and what to do when a region goes down for a "
        "while.", width=80)
    post = "Google onsite\n\nI had my onsite interview at Google last week.\n\n" + paragraph
    assert "Find the longest substring without repeating characters." in questions(post)


@pytest.mark.parametrize(("post", "expected"), [
    ("Google onsite\n\nRecently I was invited to an onsite interview at Google for an L4 role. First question: find "
     "the next permutation of a list of numbers. Second question: merge k sorted lists.", True),
    ("Amazon SDE1\n\nThe interview I was called in for last week was rough.\n\n1. Find the next permutation of a "
     "list of numbers\n2. Merge k sorted lists\n3. Tell me about a time you missed a deadline", True),
    ("Meta phone screen\n\nMy interview, which was scheduled for 10am, went terribly. I froze on the first problem.",
     False),  # it happened, but names no question
])
def test_an_invitation_mentioned_in_a_report_does_not_unmake_it(post, expected):
    reading = read(post)
    assert reading.reports_interview is expected
    assert "no interview reported" not in reading.reason


@pytest.mark.parametrize("lead_in", [
    "Here's what we did in the onsite:",
    "In the coding round we were working on:",
    "Topics I had been preparing that showed up in the interview:",
    "Stuff I was doing in the technical round:",
])
def test_a_lead_in_that_says_the_items_came_up_still_opens_a_list(lead_in):
    assert len(questions(REPORT + lead_in + "\n- LRU cache\n- Parking lot design\n- Top K frequent words")) == 3


@pytest.mark.parametrize("text", [
    "They asked me to reverse a linked list. Could you explain how we are supposed to solve this in 20 minutes?",
    "They asked me to design Twitter. Where do you think we went wrong?",
    "They asked me to reverse a linked list. How are we supposed to know this if you have never used pointers?",
    "They asked me to implement a trie. Can you believe we had to write it on a whiteboard?",
    "They asked me to reverse a linked list. What would you do to get better at pointer problems?",
    "They asked me to reverse a linked list. Do you know if our answers get recorded?",
])
def test_the_posters_we_to_the_readers_is_not_the_interviewers(text):
    assert len(questions(REPORT + text)) == 1


@pytest.mark.parametrize("text", [
    "They asked me: How would you help us reduce our cloud costs by half?",
    "They asked me: What would you change about our product?",
    "The follow-up question was: How bad can it get if the cache is cold after a deploy?",
    "He asked me: How complicated can this get when two writers update the same row?",
])
def test_questions_the_review_of_round_11_kept(text):
    assert len(questions(REPORT + text)) == 1


def test_lines_of_questions_of_one_length_stay_apart_even_when_one_ends_on_a_small_word():
    """Found by a second review of round 11: these lines are 84-86 characters and one ends on "for", so the post looks
    hard-wrapped; a line that opens like a question or a task still starts a new one."""
    post = ("Amazon SDE2 loop last month, got the offer. Questions from my notes, in order:\n"
            "what is the difference between a process and a thread, and what is each one used for\n"
            "explain how consistent hashing works and what problem it solves when nodes are added\n"
            "design a url shortener that handles a billion reads a day and tell me what you'd cache\n"
            "given a stream of clicks find the top k products in the last hour with bounded memory\n"
            "tell me about a time you disagreed with your manager and what you did about it after\n"
            "Good luck everyone.")
    assert rules.unwrap(post) == post
    assert len(questions(post)) >= 4


def test_the_posters_our_position_is_not_the_company_speaking():
    post = ("Had an interview at Amazon yesterday. The bar raiser asked me about a time I failed.\n"
            "I froze and gave a bad answer. What would you do in our position?")
    assert questions(post) == ["Tell me about a time you failed."]


@pytest.mark.parametrize("sentence,expected", [
    # a question asked about the candidate's opinion, reported as its object, with more questions after it
    ("In the second call I was asked my thoughts on agentic workflows and how I would evaluate them.",
     ["What are your thoughts on agentic workflows?", "How would you evaluate them?"]),
    # where it was asked, between the asking verb and the question
    ("I was asked in the final interview whether I had deployed a model behind an API.",
     ["Have you deployed a model behind an API?"]),
    # an embedded question whose subject is the poster, after a noun phrase
    ("The manager asked what metrics I track after a release.", ["What metrics do you track after a release?"]),
    ("She asked me how many models I shipped last year.", ["How many models did you ship last year?"]),
    # several adjectives before "questions about", and a contracted "what's" further down the list
    ("He asked me a few fairly basic ML questions about how to handle class imbalance, what the difference between "
     "bagging and boosting is, and what's going on inside a random forest.",
     ["How would you handle class imbalance?", "What is the difference between bagging and boosting?",
      "What is going on inside a random forest?"]),
    # the examples of a kind of question; "the difference between X and Y" is one topic
    ("They grilled me on theory questions like the difference between L1 and L2 regularisation.",
     ["What is the difference between L1 and L2 regularisation?"]),
    # a task given as "had me <verb>", with the poster's reaction after it
    ("The second round had me reimplement beam search from scratch lol 😅", ["Reimplement beam search from scratch."]),
    # a take-home described as a challenge to do something
    ("Afterwards they sent a take-home challenge to build a small retrieval service with evaluation.",
     ["Build a small retrieval service with evaluation."]),
])
def test_round_fifteen_reported_questions(sentence, expected):
    post = f"Had my ML engineer interviews at a fintech last week. {sentence} Waiting to hear back."
    assert questions(post) == expected


@pytest.mark.parametrize("sentence,expected", [
    # the noun phrase is the subject of the embedded question, not its object
    ("The manager asked what the hardest bug I fixed was.", ["What is the hardest bug you fixed?"]),
    # only a kind of task is set as a challenge; other challenges are the poster's
    ("It was a challenge to find time to prepare with a full time job.", []),
    # an opinion on the interview itself, or on "it", is small talk
    ("He asked me my thoughts on how the interview went.", []),
    ("He asked me my thoughts on it.", []),
    # "what's worse" remarks on what happened
    ("He asked how to shard the index, and what's worse, he laughed.", ["Explain how to shard the index."]),
    ("They asked no technical questions about ML at all.", []),
    ("They gave me problems like I have never seen before.", []),
    ("I had to rebuild my confidence after that.", []),
])
def test_round_fifteen_rules_leave_the_posters_own_words_alone(sentence, expected):
    post = f"Had my ML engineer interviews at a fintech last week. {sentence} Waiting to hear back."
    assert questions(post) == expected


def test_a_job_ad_that_offers_a_challenge_is_still_a_job_ad():
    reading = read("We are hiring! Join our team and take on the challenge to build the future of payments. "
                   "Apply with your CV.")
    assert not reading.reports_interview and reading.questions == []


@pytest.mark.parametrize("sentence", [
    "In the design round I had to design a system (something like a parking lot).",
    "The last task was to build an app.",
])
def test_a_task_without_a_named_object_is_a_kind_of_task_not_one(sentence):
    assert questions(f"Had my ML engineer interviews at a fintech last week. {sentence}") == []


@pytest.mark.parametrize("sentence,expected", [
    # a word inside a hyphenated term is not that word: "auto-suggestions" are a feature, not advice asked of readers
    ("The CTO asked me to implement an LLM call for ticket triage and auto-suggestions for replies.",
     ["Implement an LLM call for ticket triage and auto-suggestions for replies."]),
    # the interviewer's quoted question, with a remark of theirs after it inside the same quotes
    ('The interviewer looked at me and asked: "Why not let a model write the tests? It is much faster."',
     ["Why not let a model write the tests?"]),
    # the question named ("a very simple question"), then said
    ("Then they asked me a very simple question, how would I cache embeddings...", ["How would you cache embeddings?"]),
    # the candidate's way of working, asked as "my approach to X"
    ("Then they asked about my approach to debugging a flaky pipeline.",
     ["What is your approach to debugging a flaky pipeline?"]),
])
def test_round_sixteen_reported_questions(sentence, expected):
    post = f"Had my ML engineer interviews at a fintech last week. {sentence} Waiting to hear back."
    assert questions(post) == expected


@pytest.mark.parametrize("sentence,expected", [
    # the poster's own question to the interviewer, quoted
    ('At the end, my question: "How do you review model changes? What does on-call look like?"', []),
    # "your approach" with nothing after it leans on a problem the post does not give
    ("He asked me to explain your approach.", []),
    # a reader asked for suggestions is still the community
    ("Any suggestions on how to prepare for the next round?", []),
    # after "a question," a relative clause or a remark, not the question
    ("The interviewer asked me a question, which I couldn't answer at all.", []),
    ("He asked me another question, how I handled it was bad though.", []),
    # "your approach to the problem" and "what is wrong ... and how would you fix it" lean on an untold problem
    ("They asked: Explain your approach to the problem.", []),
    ("They asked: What is wrong with the code and how would you optimize it?", []),
])
def test_round_sixteen_rules_leave_the_posters_own_words_alone(sentence, expected):
    post = f"Had my ML engineer interviews at a fintech last week. {sentence} Waiting to hear back."
    assert questions(post) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("They asked me how I would write a system prompt for a support bot.",
     ["How would you write a system prompt for a support bot?"]),
    ("Then they asked what new instructions I would give a junior engineer who broke prod.",
     ["What new instructions would you give a junior engineer who broke prod?"]),
])
def test_a_question_about_prompts_is_not_an_instruction_to_a_model(sentence, expected):
    """The injection check reads sentences that address a model, not questions about prompting one."""
    from moderation.extraction import read_by_rules

    reading = read_by_rules(f"Had my ML engineer interviews at a fintech last week. {sentence} Waiting to hear back.")
    assert [question.text for question in reading.questions] == expected
    assert "prompt_injection" not in reading.flags


@pytest.mark.parametrize("item", [
    "•\t*How would you implement typo detection?* I gave a convoluted response, some distance between words.",
    "- **How would you implement typo detection?** I said edit distance. Was that right? No idea.",
    "- How would you implement typo detection? I said edit distance, and he seemed happy.",
    "Q: How would you implement typo detection? A: edit distance.",
])
def test_a_listed_question_followed_by_the_posters_answer_is_the_question(item):
    post = ("Onsite at Acme for a data scientist role. My notes on what was asked and how I answered:\n\n"
            f"{item}\n- *What is something you want to be better at?* Being more personable.\n")
    assert questions(post) == ["How would you implement typo detection?", "What is something you want to be better at?"]


def test_the_answer_after_a_listed_question_is_not_read_as_a_question():
    post = ("Onsite at Acme for a data scientist role. What was asked:\n\n"
            "- *What are you looking for?* Tell me about a time you failed is what I expected, but no.\n")
    assert questions(post) == ["What are you looking for?"]


def test_an_interview_told_as_a_dialogue_gives_the_interviewers_lines_not_the_posters():
    post = ("Strange screen with a fintech for a data engineer role.\n\n"
            "Interviewer: what orchestration tools have you used?\nMe: Airflow, mostly.\n\n"
            "Interviewer: Right. How would you backfill a partitioned table safely?\nMe: How much time do I have?\n")
    assert questions(post) == ["What orchestration tools have you used?",
                               "How would you backfill a partitioned table safely?"]


def test_a_labelled_line_is_not_a_dialogue_without_the_posters_answers():
    post = "My onsite at a fintech went fine.\n\nHim: what a nice guy he was, honestly.\n"
    assert questions(post) == []


@pytest.mark.parametrize("post,expected", [
    ('Had one of these interviews for a backend role last week.\n\n* The coding question was vague (something like '
     '"build a cache that evicts the least recently used key")\n* The rest felt like a personality quiz.',
     ["Build a cache that evicts the least recently used key."]),
    ("Offer from a bank. Process: recruiter call; technical chat (two easy questions, 1 system design question - "
     "how does a ride-hailing app match drivers?); HR call.", ["How does a ride-hailing app match drivers?"]),
    ("Onsite at a bank today. They asked me to implement a least recently used cache. Then they asked me to design "
     "a runner for cron jobs.", ["Implement a least recently used cache.", "Design a runner for cron jobs."]),
])
def test_round_seventeen_reported_questions(post, expected):
    assert questions(post) == expected


@pytest.mark.parametrize("post", [
    "How to stay calm the night before an onsite?\n\nI had my first onsite at a bank and slept badly. Any tips?",
    'Rough interview at a startup.\n\nThe manager said something like "we will be in touch" and left the call.',
])
def test_round_seventeen_rules_leave_the_posters_own_words_alone(post):
    assert questions(post) == []


@pytest.mark.parametrize("post", [
    # the poster is the interviewer: the candidate's lines are not questions asked of the poster
    "I was the interviewer today for a senior ML loop.\nMe: Design a system to detect fraud in card payments.\n"
    "Her: How would you handle label delay in that case?\nMe: I asked her that, not the other way round.",
    # the poster's own questions at the end of an interview, and questions readers sent the poster
    "Final round at a lab today. At the end I asked them a few things:\n- What does a typical week look like for the "
    "team? They said lots of research syncs.\n- How do you measure success in the first six months? Shipping evals.",
    "Got through the onsite for MLE. FAQ from my DMs:\n- How long did you prepare for it? About three months.\n"
    "- What resources did you use most? Mostly one book.",
])
def test_review_cases_the_new_rules_must_leave_alone(post):
    assert questions(post) == []


def test_a_question_the_poster_quotes_themselves_asking_is_not_the_interviewers():
    post = ('Had my ML system design interview at a ride app. The problem was to design ETA prediction. I asked '
            'something like "do you care more about latency or accuracy here?" and she said latency.')
    assert questions(post) == ["Design ETA prediction."]


@pytest.mark.parametrize("title", ["How to detect a cycle in a directed graph?", "How to get the median of a stream?"])
def test_a_how_to_title_that_names_a_problem_asked_is_still_the_question(title):
    post = (f"{title}\nThis was my second question in the Amazon onsite last week. I used DFS but the interviewer "
            "wanted something else.")
    assert questions(post) == [title]

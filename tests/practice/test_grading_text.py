"""Words and stems shared by the graders, as the Celery worker's threads pool uses them."""

from concurrent.futures import ThreadPoolExecutor

from practice.grading.text import acronyms, sentences, stem


def test_stems_are_right_when_many_threads_stem_new_words_at_once():
    """The worker grades on a threads pool (`--pool threads`): a Snowball stemmer shared by every thread kept its
    word in the object, so two threads stemming at once got each other's stems or an IndexError."""
    suffixes = ["ization", "ational", "fulness", "iveness", "ousness", "ically", "ments", "ings"]
    words = [f"w{n}{suffix}" for n in range(1000) for suffix in suffixes]  # never seen, so never cached
    one_at_a_time = [stem.__wrapped__(word) for word in words]

    with ThreadPoolExecutor(max_workers=8) as pool:
        at_once = list(pool.map(stem.__wrapped__, words))

    assert at_once == one_at_a_time
    assert stem.__wrapped__("normalisation") == stem.__wrapped__("normalization") == "normal"


def test_the_offline_grader_gives_the_same_grades_on_eight_threads_as_one_at_a_time():
    """What the worker's threads pool does: any state the grader shares between threads shows up as a changed grade."""
    from pathlib import Path

    from practice.evaluation import load_dataset
    from practice.grading.errors import UngradableAnswerError
    from practice.grading.offline import OfflineGrader

    items = load_dataset(Path(__file__).resolve().parents[1] / "data" / "golden.jsonl")
    grader = OfflineGrader()

    def grade(item):
        try:
            output = grader.grade(item.request)
        except UngradableAnswerError as refused:  # the golden set's three answers in French, Spanish and German
            return str(refused)
        return [(verdict.verdict, verdict.evidence) for verdict in output.items], output.clarity, output.feedback

    stem.cache_clear()  # cold caches, as in a worker that has just started
    with ThreadPoolExecutor(max_workers=8) as pool:
        at_once = list(pool.map(grade, items))
    stem.cache_clear()
    one_at_a_time = [grade(item) for item in items]

    assert len(items) > 200 and at_once == one_at_a_time


def test_an_acronym_is_read_as_the_words_the_texts_spell_it_out_with():
    spelt = acronyms(['What was the problem with "Distributed Queue Dual Buses"?', "DQDBs are unfair to far nodes."])
    assert spelt[stem("dqdb")] == {stem(w) for w in ("distributed", "queue", "dual", "buses")}
    assert spelt[stem("dqdbs")] == spelt[stem("dqdb")]  # Snowball keeps the s of an acronym's plural
    # joiners may sit between the words; a hyphen separates them; lower case words count when brackets define them
    assert stem("rag") in acronyms(["What is RAG?", "Retrieval-Augmented Generation adds documents."])
    assert acronyms(["The KV cache", "keeps the keys and values (KV)"])[stem("kv")] == {stem("keys"), stem("values")}


def test_capitals_that_no_text_spells_out_as_a_name_and_shouted_words_are_no_acronyms():
    assert acronyms(["What does DHCP do?", "It hands out addresses."]) == {}
    assert acronyms(["Explain binary search and cache invalidation.", "The process is BS and so is CI."]) == {}
    assert acronyms(["WHY IS THE NETWORK SLOW AND WHAT CAN WE DO", "NETWORK WORKS SLOWLY"]) == {}


def test_sentences_drop_list_markers_and_heading_marks_but_keep_the_candidates_bold():
    """Evidence quotes these sentences: "MCP** standardises ..." was shown as the candidate's words."""
    answer = "# MCP\n\n**MCP** standardises tool access.\n\n- **Hosts** run the model\n* clients connect\n2) servers"
    assert sentences(answer) == ["MCP", "**MCP** standardises tool access.", "**Hosts** run the model",
                                 "clients connect", "servers"]

"""Words and stems shared by the graders, as the Celery worker's threads pool uses them."""

from concurrent.futures import ThreadPoolExecutor

from practice.grading.text import stem


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

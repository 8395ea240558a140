from moderation.dedupe import MAX_CANDIDATES, DuplicateFinder, normalise


def test_normalise_drops_markup_punctuation_case_and_list_markers():
    assert normalise("2. How does the <b>KV-cache</b> work?? See https://x.com/a") == "how does the kv cache work see"


def finder_with(*texts: str) -> DuplicateFinder:
    finder = DuplicateFinder(threshold=90)
    for text in texts:
        finder.add(normalise(text), text)
    return finder


def test_the_same_question_in_other_markup_is_an_exact_duplicate():
    finder = finder_with("How would you design a feed ranking system?")
    match = finder.find(normalise("1) how would you design a FEED-RANKING system"))
    assert (match.ref, match.exact, match.score) == ("How would you design a feed ranking system?", True, 100)


def test_a_reworded_question_is_a_near_duplicate():
    finder = finder_with("How would you design a feed ranking system for a billion users?")
    match = finder.find(normalise("How would you design the feed ranking system for one billion users?"))
    assert match is not None and not match.exact and match.score >= 90


def test_a_short_question_inside_a_long_one_is_not_its_duplicate():
    finder = finder_with("What is RAG and how would you evaluate a RAG system before you ship it to customers?")
    assert finder.find(normalise("What is RAG?")) is None


def test_a_different_question_is_not_a_duplicate_but_is_offered_as_the_nearest():
    finder = finder_with("How would you evaluate a retrieval system?")
    assert finder.find(normalise("How would you deploy a retrieval system on Kubernetes?")) is None
    assert finder.nearest(normalise("How would you deploy a retrieval system on Kubernetes?")).ref == (
        "How would you evaluate a retrieval system?")


def test_blocking_scores_only_texts_sharing_a_rare_word():
    finder = finder_with(*(f"How would you tune hyperparameter number {n} for model {n}?" for n in range(500)),
                         "Explain speculative decoding for large language models")
    assert finder._candidates(normalise("Explain speculative decoding in large language models")) == [500]


def test_a_large_index_scores_a_bounded_number_of_texts_those_sharing_the_most_rare_words():
    texts = [f"Design cache {n} for the zorblax quuxian frobnitz service" for n in range(300)]
    finder = finder_with(*texts)
    query = normalise("Design the cache 150 for our zorblax quuxian frobnitz service")

    candidates = finder._candidates(query)

    assert len(candidates) == MAX_CANDIDATES and 150 in candidates
    assert finder.find(query).ref == texts[150]

from moderation.classify import CentroidClassifier

EXAMPLES = [
    ("Design a retrieval augmented generation pipeline with embeddings and a vector index", [1]),
    ("How do you chunk documents for retrieval and rerank the results", [1]),
    ("Explain the bias variance trade-off and regularisation", [2]),
    ("What is overfitting and how does regularisation help", [2]),
]


def test_it_suggests_the_category_whose_questions_share_the_most_distinctive_words():
    suggestion = CentroidClassifier(EXAMPLES).suggest("How would you rerank retrieval results from a vector index?")
    assert suggestion.label == 1 and suggestion.confidence > 0.5


def test_a_text_with_no_known_word_gets_the_most_common_label_at_zero_confidence():
    suggestion = CentroidClassifier([*EXAMPLES, ("Regularisation again", [2])]).suggest("Tell me about yourself")
    assert (suggestion.label, suggestion.confidence) == (2, 0.0)


def test_without_examples_there_is_no_suggestion():
    assert CentroidClassifier([]).suggest("anything").label is None

from moderation.splitting import company_in, list_questions, role_in


def test_bullets_and_q_markers_are_list_items_too():
    text = ("- Explain how attention scales with sequence length\n* Why do we need positional encodings?\n"
            "Q3: Design a feature store")
    assert list_questions(text) == ["Explain how attention scales with sequence length",
                                    "Why do we need positional encodings?", "Design a feature store"]


def test_the_company_and_the_most_specific_role_are_read_from_the_post():
    text = "Meta MLE loop: onsite for a Senior ML Engineer role"
    assert (company_in(text), role_in(text)) == ("Meta", "Senior ML Engineer")
    assert (company_in("a metadata question"), role_in("no role here")) == ("", "")
    assert company_in("Asked at Facebook") == "Meta"

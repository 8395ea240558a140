# Written by hand from reading each tweet, before the post files were built.
# Rules: tests/data/import_dev/README.md, "Annotation rules" 1-8.
KEY = {
    "995068743540707329": dict(reports_interview=False, company=None, role=None, level=None, round=None, questions=[],
        kind="BORDERLINE look-alike: a made-up joke dialogue ('Interviewer: ... Candidate: ...') whose interviewer lines are real "
             "interview-style questions ('Tell me about your qualifications.', 'What's the square root of 700?'). Nobody reports "
             "being asked them (rule 1: hypothetical prompts do not count); a literal reader that keys every 'Interviewer:' line "
             "would extract two questions here. No question marks on the first line; transcript shape with <br><br> breaks."),
    "889459230499098624": dict(reports_interview=False, company=None, role=None, level=None, round=None, questions=[],
        kind="look-alike: joke 'Interviewer:'/'Me:' dialogue; the interviewer line is a statement about the CV ('it says here your "
             "interests include connecting people'), not a question, and the exchange is a pun, not a reported interview."),
    "1405626129180987394": dict(reports_interview=False, company=None, role="frontend engineer", level=None, round=None, questions=[],
        kind="look-alike: hiring-side lament (the poster is the employer: 'Hiring a frontend engineer who's really great at HTML + "
             "CSS is surprisingly difficult.'); names skills, asks nothing, reports no interview."),
    "1177316833063591937": dict(reports_interview=False, company="IBM", role=None, level=None, round=None, questions=[],
        kind="look-alike with an 'I was asked ...' trap: 'I was asked today by a lead developer at IBM how he could avoid polling "
             "@GitHub ...' is a user's support question to the poster (a tool author), not an interview question; IBM is the "
             "asker's employer, filled as the stated company. Hashtags and a t.co link."),
}

"""The staff sub-domain of practice: human grades, the grader-quality page, and the queue of grade disputes."""

from practice.exercises.runner import run_tests

TESTS = '''
from solution import double

def test_doubles():
    assert double(2) == 4, "2 doubled is 4"

def test_bare_assert():
    assert double(0) == 1

def test_support_is_importable():
    import support
    assert support.SEED == 7

def test_other_errors_are_named():
    double(None)
'''


def test_it_reports_each_test_in_order_with_its_message():
    code = "def double(x):\n    print('called', x)\n    return x * 2\n"
    outcome = run_tests(code, TESTS, "SEED = 7\n")
    assert [(r["name"], r["passed"], r["message"]) for r in outcome["results"]] == [
        ("test_doubles", True, ""),
        ("test_bare_assert", False, "assertion failed"),
        ("test_support_is_importable", True, ""),
        ("test_other_errors_are_named", False, "TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'"),
    ]
    assert outcome["stdout"].startswith("called 2\n")
    assert outcome["error"] == ""


def test_it_reports_code_that_does_not_load():
    outcome = run_tests("def double(x:\n", TESTS)
    assert outcome["results"] == []
    assert outcome["error"].startswith("SyntaxError")


def test_each_run_imports_the_new_code():
    run_tests("def double(x):\n    return 0\n", TESTS, "SEED = 7\n")
    outcome = run_tests("def double(x):\n    return x * 2\n", TESTS, "SEED = 7\n")
    assert outcome["results"][0]["passed"], "a second run must not reuse the first run's module"


def test_a_test_that_exits_is_a_failure_not_the_end_of_the_run():
    tests = "import sys\ndef test_exits():\n    sys.exit(3)\ndef test_after():\n    pass\n"
    outcome = run_tests("", tests)
    assert [r["passed"] for r in outcome["results"]] == [False, True]
    assert outcome["results"][0]["message"] == "SystemExit: 3"

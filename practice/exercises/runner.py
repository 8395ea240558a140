"""Runs an exercise's tests against a candidate's code: the same file runs under CPython (CI) and Pyodide (browser).

Protocol (docs/exercises.md): the code becomes module ``solution``, the support code module ``support``; each
top-level ``test_*`` function of the test source is called in definition order. Standard library only.
"""

import contextlib
import io
import json
import os
import sys
import tempfile
import types

CANDIDATE_MODULES = ("solution", "support")


def _failure_message(exc: BaseException) -> str:
    if isinstance(exc, AssertionError):
        return str(exc) or "assertion failed"
    return f"{type(exc).__name__}: {exc}"


def _forget_candidate_modules() -> None:
    for name in CANDIDATE_MODULES:
        sys.modules.pop(name, None)


def run_tests(code: str, tests: str, support: str = "") -> dict:
    """Return {"results": [{"name", "passed", "message"}], "stdout": str, "error": str}.

    ``error`` is set when the test source cannot be loaded at all (a syntax error in the candidate's code that the
    tests import, for instance); then ``results`` is empty.
    """
    stdout = io.StringIO()
    results = []
    error = ""
    with tempfile.TemporaryDirectory(prefix="exercise-") as folder:
        for name, source in (("solution", code), ("support", support or "")):
            with open(os.path.join(folder, f"{name}.py"), "w", encoding="utf-8") as handle:
                handle.write(source)
        sys.path.insert(0, folder)
        _forget_candidate_modules()
        try:
            with contextlib.redirect_stdout(stdout):
                module = types.ModuleType("exercise_tests")
                try:
                    exec(compile(tests, "tests.py", "exec"), module.__dict__)  # noqa: S102 - running tests is the job
                except BaseException as exc:  # noqa: BLE001 - any failure to load is reported, not raised
                    if isinstance(exc, KeyboardInterrupt):
                        raise
                    error = _failure_message(exc)
                    module = None
                if module is not None:
                    for name, test in list(module.__dict__.items()):
                        if not (name.startswith("test_") and callable(test)):
                            continue
                        try:
                            test()
                        except BaseException as exc:  # noqa: BLE001 - SystemExit from candidate code is a failure
                            if isinstance(exc, KeyboardInterrupt):
                                raise
                            results.append({"name": name, "passed": False, "message": _failure_message(exc)})
                        else:
                            results.append({"name": name, "passed": True, "message": ""})
        finally:
            sys.path.remove(folder)
            _forget_candidate_modules()
    return {"results": results, "stdout": stdout.getvalue(), "error": error}


def run_tests_json(code: str, tests: str, support: str = "") -> str:
    """The browser worker's entry point: the same result, serialised once on the Python side."""
    return json.dumps(run_tests(code, tests, support))

"""The demo account `make run` creates. Plain constants, importable without Django set up (scripts/bench.py)."""

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "practice-makes-hired"

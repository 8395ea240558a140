"""The demo account's credentials, in a module without Django imports: scripts such as scripts/bench.py read them
before (or without) setting Django up."""

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "practice-makes-hired"

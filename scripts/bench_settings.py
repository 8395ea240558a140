"""The app's settings with one bare view added to the URLs, for `make bench` only."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.bench_urls"

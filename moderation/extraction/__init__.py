"""Reading posts from Reddit and X: does the post report questions asked in an interview, by whom, and which ones,
each in direct form with the span of the post it came from.

Offline rules by default (rules.py); with an LLM configured (OPENAI_API_KEY) the LLM reads the post (llm.py), and
the rules take over when the call fails.
"""

import logging

from django.conf import settings

from . import rules
from .types import Extracted, PostReading

__all__ = ["Extracted", "PostReading", "read_post"]

logger = logging.getLogger(__name__)


def llm_configured() -> bool:
    return bool(settings.OPENAI_API_KEY)


def read_post(post: str) -> PostReading:
    if llm_configured():
        from .llm import read_with_llm

        try:
            return read_with_llm(post)
        except Exception as error:  # the openai SDK, the network and the model's output fail in many ways
            logger.warning("The LLM could not read a post (%s); the offline rules read it", error)
            reading = rules.read(post)
            reading.reader = "rules (the LLM call failed)"
            reading.flags.append("llm_failed")
            return reading
    return rules.read(post)

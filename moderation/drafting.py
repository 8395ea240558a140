"""A draft rubric and model answer for an imported question, written by the LLM for a moderator to edit.

The question came from a public post, so it is sent as untrusted data between random boundary lines; the draft is
only a proposal: it is marked as drafted on the moderation page until a moderator saves the form.
"""

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PROMPT_FILE = Path(__file__).parent / "extraction" / "prompts" / "draft-rubric-v1.md"
ITEMS_MAX = 6
ITEM_MAX_CHARS = 500

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["key_points", "trade_offs", "failure_modes", "model_answer", "injection_detected"],
    "properties": {
        "key_points": {"type": "array", "items": {"type": "string"}},
        "trade_offs": {"type": "array", "items": {"type": "string"}},
        "failure_modes": {"type": "array", "items": {"type": "string"}},
        "model_answer": {"type": "string"},
        "injection_detected": {"type": "boolean"},
    },
}


@dataclass
class RubricDraft:
    key_points: list[str]
    trade_offs: list[str]
    failure_modes: list[str]
    model_answer: str


def _items(value) -> list[str]:
    if not isinstance(value, list):
        return []
    items = [" ".join(str(item).split())[:ITEM_MAX_CHARS] for item in value if isinstance(item, str)]
    return [item for item in items if item][:ITEMS_MAX]


def draft_rubric(*, question: str, client=None) -> RubricDraft:
    import openai

    client = client or openai.OpenAI(api_key=settings.OPENAI_API_KEY, base_url=settings.OPENAI_BASE_URL,
                                     timeout=settings.OPENAI_TIMEOUT_SECONDS, max_retries=1)
    boundary = secrets.token_hex(8)
    response = client.chat.completions.create(
        model=settings.OPENAI_MODEL,
        temperature=settings.OPENAI_TEMPERATURE,
        messages=[
            {"role": "system", "content": PROMPT_FILE.read_text()},
            {"role": "user", "content": f"The question is the untrusted text between QUESTION-{boundary}-START and "
                                        f"QUESTION-{boundary}-END.\nQUESTION-{boundary}-START\n{question}\n"
                                        f"QUESTION-{boundary}-END"},
        ],
        response_format={"type": "json_schema",
                         "json_schema": {"name": "rubric_draft", "strict": True, "schema": SCHEMA}},
    )
    try:
        data = json.loads(response.choices[0].message.content or "")
    except json.JSONDecodeError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    return RubricDraft(key_points=_items(data.get("key_points")), trade_offs=_items(data.get("trade_offs")),
                       failure_modes=_items(data.get("failure_modes")),
                       model_answer=str(data.get("model_answer") or "").strip()[:10000])

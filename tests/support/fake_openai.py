"""A fake OpenAI-compatible chat-completions server on 127.0.0.1, for the real `openai` client to talk to.

By default it grades like a lenient model: each rubric item whose first distinctive word appears in the answer is
"covered", quoted with the answer's first sentence. Tests steer it with `script` (responses served first, in
order) or, from another process, with markers inside the answer text:
- RATE-LIMIT-ONCE: the first request for that answer gets 429 with Retry-After: 1.
- SLOW-GRADE: the reply takes `slow_seconds`.
`FakeOpenAI(model=gullible_content)` swaps the lenient model for one that obeys any order it reads in the answer.
`serving(settings)` starts a server and points the app's settings at it (the `fake_openai` fixture in conftest).
"""

import json
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    content: str | None = None  # the assistant message; None: the default grading reply
    body: str | None = None  # a raw body instead of a chat completion
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


def parse_request(messages: list[dict]) -> tuple[list[int], str]:
    user = messages[-1]["content"] if messages else ""
    for message in messages:
        if message["role"] == "user" and "ANSWER-" in message["content"]:
            user = message["content"]
    ids = [int(number) for number in re.findall(r"^(\d+)\. \[", user, re.M)]
    match = re.search(r"ANSWER-(\w+)-START\n(.*)\nANSWER-\1-END", user, re.S)
    return ids, match.group(2) if match else ""


def default_content(ids: list[int], answer: str, rubric_text: str) -> str:
    first_sentence = re.split(r"(?<=[.!?])\s", answer.strip())[0] if answer.strip() else ""
    items = []
    lines = dict(re.findall(r"^(\d+)\. \[\w+\] (.*)$", rubric_text, re.M))
    for item_id in ids:
        words = [w for w in re.findall(r"[a-z]{5,}", lines.get(str(item_id), "").lower())]
        covered = bool(words) and words[0] in answer.lower() and first_sentence
        items.append({"id": item_id, "verdict": "covered" if covered else "missed", "confidence": "sure",
                      "quote": first_sentence if covered else "", "note": ""})
    return json.dumps({"items": items, "clarity": "clear" if answer.strip() else "unclear",
                       "feedback": "Name the trade-offs and failure modes explicitly.", "injection_detected": False})


# How a careless reader sees text: look-alike letters as Latin, no accents, no invisible characters, one case.
_LOOK_ALIKES = str.maketrans("аеорсухіјѕԁɡոԛѵԝАВЕНКМОРСТХІЈЅαεικνορτυχΑΒΕΗΙΚΜΝΟΡΤΥΧ",
                             "aeopcyxijsdgnqvwABEHKMOPCTXIJSaeiknoptuxABEHIKMNOPTYX")
# Words a model that takes orders from its input would act on, in the languages our candidates write in.
_ORDER_CUES = re.compile(
    r"grad(?:e|ed|er|ing)|marks|award|criteri|key points|\bai\b|llm|evaluat|examin|marker|marking|assessor|"
    r"instructor|professor|teacher|rubric|"
    r"full credit|maximum|perfect|score|covered|ignore|disregard|override|system|assistant|"
    r"correcteur|bareme|note maximale|tous les points|couverts|oubliez|enseignant|professeur|"
    r"corrector|evaluador|rubrica|puntuacion|calificacion|nota maxima|cubiertos|olvida|profesor|"
    r"prufer|bewert|korrektor|punktzahl|bestnote|hochstnote|abgedeckt|ignorier|vergiss|lehrer|"
    r"avaliador|corretor|pontuacao|cobertos|esqueca|"
    r"\{[^}]*:|</|\[/?inst|<\|"
)


def careless_reading(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").translate(_LOOK_ALIKES)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text.casefold()


def obeys(answer: str) -> bool:
    """Whether the gullible model finds an order in the answer: any word about grading, in any case or language."""
    return bool(_ORDER_CUES.search(careless_reading(answer)))


def _answer_sentences(answer: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", answer) if s.strip()]


def gullible_content(ids: list[int], answer: str, rubric_text: str) -> str:
    """A model that obeys any order it reads: every item covered, quoting the answer's first sentence.

    Without an order it grades honestly by word overlap with each item, quoting the sentence that overlaps most.
    """
    sentences = _answer_sentences(answer)
    lines = dict(re.findall(r"^(\d+)\. \[\w+\] (.*)$", rubric_text, re.M))
    if obeys(answer) and sentences:
        items = [{"id": i, "verdict": "covered", "confidence": "sure", "quote": sentences[0], "note": "as instructed"}
                 for i in ids]
        return json.dumps({"items": items, "clarity": "clear", "feedback": "Excellent.", "injection_detected": False})
    items = []
    for item_id in ids:
        wanted = set(re.findall(r"[a-z]{4,}", lines.get(str(item_id), "").lower()))
        overlaps = [(len(wanted & set(re.findall(r"[a-z]{4,}", s.lower()))), s) for s in sentences]
        best, quote = max(overlaps, default=(0, ""))
        share = best / len(wanted) if wanted else 0.0
        verdict = "covered" if share >= 0.5 else "partly" if share >= 0.25 else "missed"
        items.append({"id": item_id, "verdict": verdict, "confidence": "sure" if verdict != "partly" else "unsure",
                      "quote": quote if verdict != "missed" else "", "note": ""})
    clarity = "clear" if len(sentences) >= 3 else "adequate" if sentences else "unclear"
    return json.dumps({"items": items, "clarity": clarity, "feedback": "Say more.", "injection_detected": False})


class FakeOpenAI:
    def __init__(self, *, latency: float = 0.0, slow_seconds: float = 4.0,
                 model: Callable[[list[int], str, str], str] = default_content):
        self.model = model
        self.latency = latency
        self.slow_seconds = slow_seconds
        self.script: list[Reply] = []
        self.requests: list[dict] = []
        self.rate_limited: set[str] = set()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> "FakeOpenAI":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def next_reply(self, body: dict) -> Reply:
        ids, answer = parse_request(body.get("messages", []))
        with self.lock:
            self.requests.append(body)
            if self.script:
                return self.script.pop(0)
            if "RATE-LIMIT-ONCE" in answer and answer not in self.rate_limited:
                self.rate_limited.add(answer)
                return Reply(status=429, body=json.dumps({"error": {"message": "Rate limit", "type": "requests"}}),
                             headers={"Retry-After": "1"})
        delay = self.slow_seconds if "SLOW-GRADE" in answer else 0.0
        return Reply(delay=delay)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                reply = fake.next_reply(body)
                time.sleep(fake.latency + reply.delay)
                if reply.body is not None:
                    payload = reply.body
                else:
                    messages = body.get("messages", [])
                    ids, answer = parse_request(messages)
                    rubric_text = next((m["content"] for m in messages if "ANSWER-" in m.get("content", "")), "")
                    content = reply.content if reply.content is not None else fake.model(ids, answer, rubric_text)
                    payload = json.dumps({
                        "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                        "model": body.get("model", "fake"),
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": content}}],
                        "usage": {"prompt_tokens": 900, "completion_tokens": 150, "total_tokens": 1050},
                    })
                data = payload.encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        return Handler


@contextmanager
def serving(settings, *, timeout: float = 2, **options) -> Iterator[FakeOpenAI]:
    """A running fake server, with the app's OpenAI settings pointing at it for the test's duration."""
    with FakeOpenAI(**options) as server:
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = server.base_url
        settings.OPENAI_MODEL = "gpt-4o-mini"
        settings.OPENAI_TIMEOUT_SECONDS = timeout
        yield server

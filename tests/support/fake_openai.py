"""A fake OpenAI-compatible chat-completions server on 127.0.0.1, for the real `openai` client to talk to.

By default it grades like a lenient model: each rubric item whose first distinctive word appears in the answer is
"covered", quoted with the answer's first sentence. Tests steer it with `script` (responses served first, in
order) or, from another process, with markers inside the answer text:
- RATE-LIMIT-ONCE: the first request for that answer gets 429 with Retry-After: 1.
- SLOW-GRADE: the reply takes `slow_seconds`.
"""

import json
import re
import threading
import time
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
        items.append({"id": item_id, "verdict": "covered" if covered else "missed",
                      "quote": first_sentence if covered else "", "note": ""})
    return json.dumps({"items": items, "clarity": "clear" if answer.strip() else "unclear",
                       "feedback": "Name the trade-offs and failure modes explicitly.", "injection_detected": False})


class FakeOpenAI:
    def __init__(self, *, latency: float = 0.0, slow_seconds: float = 4.0):
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
                    content = reply.content if reply.content is not None else default_content(ids, answer,
                                                                                              rubric_text)
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
